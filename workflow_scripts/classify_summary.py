from ielearn.classify.summary import write_classification_summary
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    files = zip(snakemake.input.valid, snakemake.input.test, snakemake.input.pred, strict=True)
    runs = [{"seed": seed, "system": system, "iteration": k, "valid": valid, "test": test, "pred": pred}
            for (seed, system, k), (valid, test, pred) in zip(snakemake.params.arms, files, strict=True)]
    print(
        write_classification_summary(
            snakemake.params.design,
            runs,
            snakemake.params.task,
            dict(snakemake.output.items()),
            snakemake.params.significance,
            models=snakemake.input.model,
        )
    )
