from ielearn.classify.random_words import write_random_words
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    write_random_words(
        snakemake.input.examples,
        snakemake.params.task,
        snakemake.input.model,
        snakemake.params.seed,
        snakemake.output.words,
        max_length=snakemake.params.settings["max_length"],
        rankings_path=snakemake.output.rankings,
    )
