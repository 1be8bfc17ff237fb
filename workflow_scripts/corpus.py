from ielearn.logs import to_log
from ielearn.nmt.corpus.build import build_corpus

with to_log(snakemake.log[0]):
    out_files = {}
    for path in snakemake.output:
        if path != snakemake.output.card:
            split, side = path.rsplit("/", 1)[1].split(".")
            out_files[(split, side)] = path
    build_corpus(
        snakemake.params.dataset,
        snakemake.wildcards.exp,
        snakemake.params.resources,
        out_files,
        snakemake.output.card,
    )
