from ielearn.classify.shards import gather_shards
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    gather_shards(list(snakemake.input.words), snakemake.output.words)
    gather_shards(list(snakemake.input.rankings), snakemake.output.rankings)
    gather_shards(list(snakemake.input.scores), snakemake.output.scores)
