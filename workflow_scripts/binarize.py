from ielearn.logs import to_log
from ielearn.nmt.binarize import SPLITS, binarize

with to_log(snakemake.log[0]):
    files = {}
    for split, src, tgt in zip(SPLITS, snakemake.input.src, snakemake.input.tgt):
        files[(split, "src")] = src
        files[(split, "tgt")] = tgt
    origins = dict(zip(SPLITS, snakemake.input.origins))  # none for the baseline
    binarize(files, snakemake.input.dictionaries, snakemake.output[0], origins=origins)
