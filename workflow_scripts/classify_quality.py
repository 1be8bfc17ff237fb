from ielearn.classify.model import set_threads
from ielearn.classify.quality import write_quality
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    set_threads(snakemake.threads)
    write_quality(snakemake.input.model, snakemake.input.examples, snakemake.input.rankings,
                  snakemake.params.task, snakemake.params.quality, snakemake.params.settings, snakemake.output[0])
