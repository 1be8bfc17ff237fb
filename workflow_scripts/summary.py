from ielearn.logs import to_log
from ielearn.summary import write_summary

with to_log(snakemake.log[0]):
    print(
        write_summary(
            snakemake.params.runs,
            snakemake.params.significance,
            snakemake.output.table,
            snakemake.output.per_seed,
            snakemake.output.verdict,
        )
    )
