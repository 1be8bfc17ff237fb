from ielearn.logs import to_log
from ielearn.nmt.report.examples import write_examples

with to_log(snakemake.log[0]):
    write_examples(
        {name: path for name, path in snakemake.input.items()},
        snakemake.params.examples,
        snakemake.output[0],
        snakemake.wildcards.exp,
    )
