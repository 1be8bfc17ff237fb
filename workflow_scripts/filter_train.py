from ielearn.logs import to_log
from ielearn.nmt.preprocess.clean import filter_pairs

with to_log(snakemake.log[0]):
    filter_pairs(
        snakemake.input.src,
        snakemake.input.tgt,
        snakemake.output.src,
        snakemake.output.tgt,
        max_len=snakemake.params.max_len,
        max_ratio=snakemake.params.max_ratio,
    )
