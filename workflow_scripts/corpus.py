from ielearn.corpus.build import build_corpus
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    build_corpus(
        snakemake.params.dataset,
        snakemake.wildcards.exp,
        snakemake.params.resources,
        dict(zip(snakemake.params.files, snakemake.output.text, strict=True)),
        snakemake.output.card,
    )
