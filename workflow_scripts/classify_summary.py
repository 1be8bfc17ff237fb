from ielearn.classify.summary import write_classification_summary
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    significance = snakemake.params.significance
    write_classification_summary(snakemake.params.runs, snakemake.params.task, snakemake.output.table,
                                 snakemake.output.per_seed, significance["bootstrap_samples"], significance["seed"])
