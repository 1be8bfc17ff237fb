from ielearn.classify.report import write_report_summary
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    write_report_summary(snakemake.input.table, snakemake.output.html, snakemake.output.plot, snakemake.wildcards.exp)
