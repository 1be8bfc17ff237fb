from ielearn.logs import to_log
from ielearn.nmt.report.plots import plot_iterations
from ielearn.nmt.report.tables import write_summary_html

with to_log(snakemake.log[0]):
    exp = snakemake.wildcards.exp
    write_summary_html(exp, snakemake.input.table, snakemake.input.verdict, snakemake.output.html)
    plot_iterations(snakemake.input.table, snakemake.output.plot, exp)
