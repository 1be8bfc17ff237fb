from ielearn.logs import to_log
from ielearn.nmt.decode import decode_split

with to_log(snakemake.log[0]):
    generate = snakemake.params.generate
    decode_split(
        snakemake.input.data,
        snakemake.input.model,
        snakemake.wildcards.split,
        input_path=snakemake.input.text,
        source_path=snakemake.input.source,
        out_paths=dict(snakemake.output.items()),
        origin_path=snakemake.input.get("origin"),
        beam=generate["beam"],
        max_tokens=generate["max_tokens"],
        max_len_a=generate["max_len_a"],
        max_len_b=generate["max_len_b"],
        threads=snakemake.threads,
        task=snakemake.params.task,
    )
