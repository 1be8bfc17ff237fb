from ielearn.logs import to_log
from ielearn.nmt.corpus.official import download_corpus
from ielearn.nmt.download.mirrors import Transfer

# Read from the config rather than params: mirrors and timeouts change how the files are
# fetched, not what they are (checksums), so editing them must not rerun every experiment.
settings = snakemake.config["downloads"]
with to_log(snakemake.log[0]):
    download_corpus(
        snakemake.wildcards.corpus,
        snakemake.output[0],
        settings["mirrors"],
        Transfer(settings["timeout"], settings["attempts"], settings["wait"]),
    )
