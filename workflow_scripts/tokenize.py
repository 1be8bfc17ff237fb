from ielearn.logs import to_log
from ielearn.nmt.preprocess.moses import tokenize_file

with to_log(snakemake.log[0]):
    tokenize_file(snakemake.input[0], snakemake.output[0], snakemake.params.lang)
