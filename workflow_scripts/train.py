from pathlib import Path

from ielearn.logs import to_log
from ielearn.nmt.train import train_model

with to_log(snakemake.log[0]):
    best = Path(snakemake.output[0])
    train_model(
        snakemake.input.data,
        save_dir=best.parent,
        best_path=best,
        args=snakemake.params.args,
        init_from=snakemake.input.init or None,
        threads=snakemake.threads,
    )
