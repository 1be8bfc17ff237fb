from ielearn.logs import to_log
from ielearn.nmt.corpus.build import build_corpus

with to_log(snakemake.log[0]):
    build_corpus(
        snakemake.params.dataset,
        snakemake.wildcards.exp,
        snakemake.params.resources,
        dict(zip(snakemake.params.files, snakemake.output.text, strict=True)),
        snakemake.output.card,
    )
