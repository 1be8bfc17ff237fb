from ielearn.classify.quality_verdict import write_quality_verdict
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    print(write_quality_verdict(snakemake.input.quality, snakemake.input.scores, snakemake.output[0],
                                snakemake.params.metric))
