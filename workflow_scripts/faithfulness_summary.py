from ielearn.logs import to_log
from ielearn.nmt.faithfulness_summary import write_faithfulness_summary

with to_log(snakemake.log[0]):
    write_faithfulness_summary(snakemake.params.runs, snakemake.params.seeds, dict(snakemake.output.items()),
                               snakemake.params.settings)
