from ielearn.logs import to_log
from ielearn.nmt.significance import write_significance

with to_log(snakemake.log[0]):
    hypotheses = {label: snakemake.input[label] for label in snakemake.params.hypotheses}
    write_significance(
        snakemake.input.reference,
        hypotheses,
        snakemake.params.comparisons,
        snakemake.output[0],
        **snakemake.params.settings,
    )
