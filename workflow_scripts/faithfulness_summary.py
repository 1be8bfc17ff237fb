from ielearn.logs import to_log
from ielearn.nmt.faithfulness_summary import write_faithfulness_summary

with to_log(snakemake.log[0]):
    runs = [{"seed": seed, "iteration": k, "path": path}
            for (seed, k), path in zip(snakemake.params.runs, snakemake.input, strict=True)]
    write_faithfulness_summary(runs, snakemake.params.seeds, dict(snakemake.output.items()),
                               snakemake.params.settings)
