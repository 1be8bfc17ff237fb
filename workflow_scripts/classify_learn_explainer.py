from importlib import import_module

from ielearn.classify.model import set_threads
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    set_threads(snakemake.threads)
    module, _, function = snakemake.params.learner.partition(":")
    learn = getattr(import_module(module), function)
    learn(snakemake.input.teacher, snakemake.params.pretrained, snakemake.input.pool, snakemake.input.outer,
          snakemake.params.task, snakemake.params.settings, snakemake.output[0], snakemake.params.where)
