from ielearn.logs import to_log
from ielearn.nmt.ctranslate2_backend import convert_checkpoint

with to_log(snakemake.log[0]):
    convert_checkpoint(snakemake.input.model, snakemake.input.data, snakemake.output[0])
