from ielearn.logs import to_log
from ielearn.nmt.score import write_bleu
from ielearn.provenance.records import write_score_record

with to_log(snakemake.log[0]):
    for split in ("valid", "test"):
        score = write_bleu(snakemake.input[split], snakemake.input[f"{split}_ref"], snakemake.output[split])
        print(f"{split} BLEU {score:.2f}")
    write_score_record(snakemake.output.provenance, snakemake.output.test, snakemake.input.trainings,
                       snakemake.params.words_seed)
