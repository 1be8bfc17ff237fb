from ielearn.logs import to_log
from ielearn.nmt.enrich import enrich_file

with to_log(snakemake.log[0]):
    enrich_file(
        snakemake.input.source,
        snakemake.input.positions,
        snakemake.output.src,
        snakemake.output.origin,
        system=snakemake.params.system,
        noise=snakemake.params.noise,
        separator=snakemake.params.separator,
        seed=snakemake.params.seed,
    )
