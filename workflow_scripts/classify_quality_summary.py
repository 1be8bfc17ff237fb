from ielearn.classify.quality_summary import write_quality_summary
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    write_quality_summary(snakemake.params.runs, snakemake.params.explainers, snakemake.params.depth,
                          snakemake.params.seeds, dict(snakemake.output.items()), snakemake.params.significance)
