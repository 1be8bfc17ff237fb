from ielearn.classify.quality_summary import write_quality_summary
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    runs = [{"seed": seed, "explainer": explainer, "iteration": k, "path": path}
            for (seed, explainer, k), path in zip(snakemake.params.runs, snakemake.input, strict=True)]
    write_quality_summary(runs, snakemake.params.explainers, snakemake.params.depth,
                          snakemake.params.seeds, dict(snakemake.output.items()), snakemake.params.significance)
