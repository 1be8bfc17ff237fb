from pathlib import Path

from ielearn.logs import to_log
from ielearn.nmt.train import train_model
from ielearn.provenance.records import write_training_record

with to_log(snakemake.log[0]):
    best = Path(snakemake.output.model)
    args = snakemake.params.plan["args"]
    resumed = train_model(
        snakemake.input.data,
        save_dir=best.parent,
        best_path=best,
        init_from=snakemake.input.init or None,
        threads=snakemake.threads,
        **snakemake.params.plan,
    )
    # fairseq-train uses every GPU it sees (ielearn/nmt/train.py)
    write_training_record(snakemake.output.record, snakemake.threads, seed=int(args[args.index("--seed") + 1]),
                          resumed=resumed, uses_cuda=True)
