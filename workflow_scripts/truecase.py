from ielearn.logs import to_log
from ielearn.nmt.preprocess.truecase import truecase_file

with to_log(snakemake.log[0]):
    truecase_file(snakemake.input.text, snakemake.input.model, snakemake.output[0])
