from pathlib import Path

from ielearn import systems
from ielearn.classify.model import compute_device, set_threads
from ielearn.classify.train import finetune
from ielearn.layout import trained_start_of_dir
from ielearn.logs import to_log
from ielearn.provenance.records import TRAINING_RECORD, write_training_record

with to_log(snakemake.log[0]):
    set_threads(snakemake.threads)
    pretrained = snakemake.params.pretrained
    settings, method_settings = snakemake.params.settings, snakemake.params.objective
    objective, make_model = None, None
    if method_settings:  # on a trained method's chain: its objective (SCC's loss) and model, from its registry entry
        method = systems.system(trained_start_of_dir(snakemake.wildcards.system_dir))
        # the objective also reads this job's training settings and input files (IMPACTX: the maps it learns)
        job = {"train": settings, "inputs": dict(snakemake.input.items())}
        objective = method.load("objective")({**method_settings, **job}, snakemake.params.task)
        make_model = method.load("model") if method.model else None
    finetune(snakemake.input.train, pretrained or snakemake.input.model, snakemake.output[0],
             snakemake.params.task, settings, pretrained=bool(pretrained), valid_path=snakemake.input.valid,
             objective=objective, make_model=make_model)
    # classification keeps no checkpoint, so it never resumes
    write_training_record(Path(snakemake.output[0]) / TRAINING_RECORD, snakemake.threads, seed=settings["seed"],
                          resumed=False, uses_cuda=compute_device().type == "cuda")
