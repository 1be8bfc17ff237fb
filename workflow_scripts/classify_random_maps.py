from ielearn.classify.impactx.random_maps import write_random_maps
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    write_random_maps(
        snakemake.input.examples,
        snakemake.params.task,
        snakemake.params.pretrained,
        snakemake.params.seed,
        snakemake.output[0],
        max_length=snakemake.params.max_length,
    )
