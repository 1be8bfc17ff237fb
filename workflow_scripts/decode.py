from pathlib import Path

from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    splits = snakemake.params.splits
    inputs = snakemake.input
    out_paths = {split: {} for split in splits}
    for path in snakemake.output:  # <split>.hyp, <split>.pos, <split>.words
        split, kind = Path(path).name.split(".")
        out_paths[split][kind] = path
    origins = inputs.origin or [None] * len(splits)  # the baseline reads x itself
    paths = {
        split: {"input_path": text, "source_path": source, "origin_path": origin, "out_paths": out_paths[split]}
        for split, text, source, origin in zip(splits, inputs.text, inputs.source, origins)
    }
    generate = snakemake.params.generate
    if generate["backend"] == "ctranslate2":
        from ielearn.nmt.ctranslate2_backend import decode_splits_ctranslate2

        decode_splits_ctranslate2(
            inputs.converted[0],
            paths,
            beam=generate["beam"],
            max_tokens=generate["max_tokens"],
            max_len_b=generate["max_len_b"],
            threads=snakemake.threads,
        )
    else:
        from ielearn.nmt.decode import decode_splits

        decode_splits(
            inputs.data,
            inputs.model,
            paths,
            beam=generate["beam"],
            max_tokens=generate["max_tokens"],
            max_len_a=generate["max_len_a"],
            max_len_b=generate["max_len_b"],
            threads=snakemake.threads,
            task=snakemake.params.task,
        )
