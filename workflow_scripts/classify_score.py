from ielearn.classify.model import set_threads
from ielearn.classify.score import score
from ielearn.logs import to_log
from ielearn.provenance.records import write_score_record

with to_log(snakemake.log[0]):
    set_threads(snakemake.threads)
    settings = snakemake.params.settings
    for split in ("valid", "test"):
        score(snakemake.input.model, snakemake.input[split], snakemake.params.task,
              snakemake.output[split], settings["batch_size"], settings["max_length"],
              pred_path=snakemake.output[f"{split}_pred"])
    write_score_record(snakemake.output.provenance, snakemake.output.test, snakemake.input.trainings,
                       snakemake.params.words_seed)
