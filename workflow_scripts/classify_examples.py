from pathlib import Path

from ielearn.classify.datasets.prepare import prepare_dataset
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    prepare_dataset(snakemake.params.dataset, Path(snakemake.output[0]).parent)
