from ielearn.classify.summary import write_classification_summary
from ielearn.logs import to_log
from ielearn.summary_runs import summary_runs

with to_log(snakemake.log[0]):
    files = snakemake.input
    runs = summary_runs(snakemake.params.arms, valid=files.valid, test=files.test, pred=files.pred)
    outputs = dict(snakemake.output.items())
    verdict = write_classification_summary(
        snakemake.params.design, runs, snakemake.params.task, outputs, snakemake.params.significance, models=files.model
    )
    print(verdict)
