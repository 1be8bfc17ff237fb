from ielearn.logs import to_log
from ielearn.nmt.preprocess.bpe import apply_bpe
from ielearn.nmt.preprocess.lengths import check_lengths

with to_log(snakemake.log[0]):
    limit = snakemake.params.limit
    check = None
    if limit is not None:  # valid and test: every line must fit the model
        check = lambda lines: check_lengths(lines, limit, snakemake.params.raw, snakemake.wildcards.side)
    apply_bpe(snakemake.input.text, snakemake.input.codes, snakemake.output[0], check)
