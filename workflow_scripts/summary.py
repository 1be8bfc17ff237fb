from ielearn.logs import to_log
from ielearn.nmt.summary import write_summary
from ielearn.summary_runs import summary_runs

with to_log(snakemake.log[0]):
    files = snakemake.input
    runs = summary_runs(snakemake.params.arms, valid=files.valid, test=files.test, hyp=files.hyp)
    outputs = dict(snakemake.output.items())
    verdict = write_summary(
        snakemake.params.design, runs, files.reference, outputs, snakemake.params.settings, computes=files.compute
    )
    print(verdict)
