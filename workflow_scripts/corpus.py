from ielearn.corpus.demo import write_demo_corpus
from ielearn.corpus.files import copy_parallel_files
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    dataset = snakemake.params.dataset
    out_files = {}
    for path in snakemake.output:
        split, side = path.rsplit("/", 1)[1].split(".")
        out_files[(split, side)] = path
    if dataset["source"] == "demo":
        write_demo_corpus(dataset["sizes"], dataset["seed"], out_files)
    else:
        copy_parallel_files(dataset, out_files, snakemake.wildcards.exp)
