from ielearn.classify.report import write_report_sections
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    # the quality tables (when enabled): the summary, classification_quality.tsv, is a section
    elsewhere = [snakemake.input.compute, snakemake.input.provenance, *list(snakemake.input.quality)[:1]]
    write_report_sections(snakemake.input.table, snakemake.input.per_seed, dict(snakemake.output.items()),
                          snakemake.wildcards.exp, made_elsewhere=elsewhere)
