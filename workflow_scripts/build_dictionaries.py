from ielearn.logs import to_log
from ielearn.nmt.binarize import build_dictionaries

with to_log(snakemake.log[0]):
    build_dictionaries(
        snakemake.input.src,
        snakemake.input.tgt,
        snakemake.output[0],
        separator=snakemake.params.separator,
    )
