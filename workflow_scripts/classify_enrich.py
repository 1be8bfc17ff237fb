from ielearn.classify.enrich import enrich
from ielearn.classify.text_tokenizer import load_text_tokenizer
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    enrich(
        snakemake.input.examples,
        snakemake.input.words,
        snakemake.params.task,
        snakemake.output[0],
        tokenizer=load_text_tokenizer(snakemake.input.model),
        max_length=snakemake.params.max_length,
        appended=int(snakemake.wildcards.k),
    )
