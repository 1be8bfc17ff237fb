from ielearn.classify.summary import write_classification_summary
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    print(
        write_classification_summary(
            snakemake.params.design,
            snakemake.params.runs,
            snakemake.params.task,
            dict(snakemake.output.items()),
            snakemake.params.significance,
            models=snakemake.input.models,
        )
    )
