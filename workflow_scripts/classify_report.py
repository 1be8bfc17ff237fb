from ielearn.classify.config import classification_dataset
from ielearn.classify.report import write_report_summary
from ielearn.classify.tasks import task_of
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    exp = snakemake.wildcards.exp
    metric = task_of(classification_dataset(snakemake.config, exp)).metric  # what the table's test_mean holds
    write_report_summary(snakemake.input.table, snakemake.output.html, snakemake.output.plot, exp, metric)
