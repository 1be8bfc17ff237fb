from pathlib import Path

from ielearn.logs import to_log
from ielearn.nmt.train import train_model

with to_log(snakemake.log[0]):
    best = Path(snakemake.output.model)
    train_model(
        snakemake.input.data,
        save_dir=best.parent,
        best_path=best,
        init_from=snakemake.input.init or None,
        threads=snakemake.threads,
        **snakemake.params.plan,
    )
