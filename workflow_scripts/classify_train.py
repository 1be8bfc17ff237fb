from pathlib import Path

from ielearn.classify.model import compute_device, set_threads
from ielearn.classify.scc.objective import scc_objective
from ielearn.classify.train import finetune
from ielearn.logs import to_log
from ielearn.provenance.records import TRAINING_RECORD, write_training_record

with to_log(snakemake.log[0]):
    set_threads(snakemake.threads)
    pretrained = snakemake.params.pretrained
    settings, scc = snakemake.params.settings, snakemake.params.scc
    finetune(snakemake.input.train, pretrained or snakemake.input.model, snakemake.output[0],
             snakemake.params.task, settings, pretrained=bool(pretrained), valid_path=snakemake.input.valid,
             objective=scc_objective(scc, snakemake.params.task) if scc else None)
    # classification keeps no checkpoint, so it never resumes
    write_training_record(Path(snakemake.output[0]) / TRAINING_RECORD, snakemake.threads, seed=settings["seed"],
                          resumed=False, uses_cuda=compute_device().type == "cuda")
