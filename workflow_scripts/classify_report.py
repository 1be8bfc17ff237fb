from ielearn.classify.report import write_report_sections
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    write_report_sections(snakemake.input.table, snakemake.input.per_seed, dict(snakemake.output.items()),
                          snakemake.wildcards.exp, made_elsewhere=[snakemake.input.compute, snakemake.input.provenance])
