from ielearn.logs import to_log
from ielearn.preprocess.bpe import apply_bpe

with to_log(snakemake.log[0]):
    apply_bpe(snakemake.input.text, snakemake.input.codes, snakemake.output[0])
