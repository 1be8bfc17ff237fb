from pathlib import Path

from ielearn.logs import to_log
from ielearn.nmt.train import train_model
from ielearn.provenance.records import write_training_record

with to_log(snakemake.log[0]):
    best = Path(snakemake.output[0])
    args = snakemake.params.args
    resumed = train_model(
        snakemake.input.data,
        save_dir=best.parent,
        best_path=best,
        args=args,
        init_from=snakemake.input.init or None,
        threads=snakemake.threads,
    )
    # fairseq-train uses every GPU it sees (ielearn/nmt/train.py)
    write_training_record(snakemake.output.record, snakemake.threads, seed=int(args[args.index("--seed") + 1]),
                          resumed=resumed, uses_cuda=True)
