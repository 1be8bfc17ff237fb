from ielearn.classify.datasets.prepare import prepare_pool
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    prepare_pool(snakemake.params.dataset, snakemake.output[0])
