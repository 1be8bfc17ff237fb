from ielearn.logs import to_log
from ielearn.nmt.enrich import enrich_file

with to_log(snakemake.log[0]):
    files = zip(snakemake.input.source, snakemake.input.positions, snakemake.output.src,
                snakemake.output.origin, snakemake.params.seeds)
    for source, positions, src, origin, seed in files:  # train, valid, test
        enrich_file(source, positions, src, origin, system=snakemake.params.system,
                    noise=snakemake.params.noise, separator=snakemake.params.separator, seed=seed)
