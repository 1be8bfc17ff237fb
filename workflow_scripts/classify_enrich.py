from transformers import AutoTokenizer

from ielearn.classify.enrich import enrich
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    enrich(
        snakemake.input.examples,
        snakemake.input.words,
        snakemake.params.task,
        snakemake.output[0],
        tokenizer=AutoTokenizer.from_pretrained(snakemake.input.model, use_fast=True),
        max_length=snakemake.params.max_length,
        appended=int(snakemake.wildcards.k),
    )
