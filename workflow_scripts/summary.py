from ielearn.logs import to_log
from ielearn.nmt.summary import write_summary

with to_log(snakemake.log[0]):
    files = zip(snakemake.input.valid, snakemake.input.test, snakemake.input.hyp, strict=True)
    runs = [(*arm, *paths) for arm, paths in zip(snakemake.params.arms, files, strict=True)]
    print(
        write_summary(
            snakemake.params.design,
            runs,
            snakemake.input.reference,
            dict(snakemake.output.items()),
            snakemake.params.settings,
            computes=snakemake.input.compute,
        )
    )
