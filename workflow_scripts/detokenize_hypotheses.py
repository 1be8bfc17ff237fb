from ielearn.logs import to_log
from ielearn.nmt.postprocess import postprocess_file

with to_log(snakemake.log[0]):
    postprocess_file(snakemake.input[0], snakemake.output[0], snakemake.params.lang)
