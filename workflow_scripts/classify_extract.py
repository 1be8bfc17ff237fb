from ielearn.classify.extract import extract_shard
from ielearn.classify.model import set_threads
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    set_threads(snakemake.threads)
    extract_shard(snakemake.input.model, snakemake.input.examples, snakemake.params.task,
                  snakemake.params.explainer, snakemake.params.settings,
                  int(snakemake.wildcards.shard), snakemake.params.shards, snakemake.output.words,
                  rankings_path=snakemake.output.rankings, scores_path=snakemake.output.scores)
