from ielearn.corpus.official import download_corpus
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    download_corpus(snakemake.wildcards.corpus, snakemake.output[0])
