from ielearn.classify.summary import write_classification_summary
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    write_classification_summary(snakemake.params.runs, snakemake.output[0])
