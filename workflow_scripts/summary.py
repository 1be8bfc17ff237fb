from ielearn.logs import to_log
from ielearn.nmt.summary import write_summary

with to_log(snakemake.log[0]):
    print(
        write_summary(
            snakemake.params.design,
            snakemake.params.runs,
            snakemake.params.reference,
            dict(snakemake.output.items()),
            snakemake.params.settings,
            computes=snakemake.input.compute,
        )
    )
