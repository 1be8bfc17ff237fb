from ielearn.logs import to_log
from ielearn.nmt.faithfulness_scoring import score_faithfulness

with to_log(snakemake.log[0]):
    inputs = snakemake.input
    score_faithfulness(
        inputs.data,
        inputs.model,
        inputs.hyp,
        inputs.pos,
        inputs.source,
        snakemake.output[0],
        origin_path=inputs.origin[0] if inputs.origin else None,
        seed=snakemake.params.seed,
        max_sentences=snakemake.params.settings["max_sentences"],
        max_tokens=snakemake.params.max_tokens,
        task=snakemake.params.task,
        threads=snakemake.threads,
    )
