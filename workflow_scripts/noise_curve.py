from ielearn.logs import to_log
from ielearn.nmt.report.noise_curve import write_noise_curve

with to_log(snakemake.log[0]):
    files = zip(snakemake.input.valid, snakemake.input.test, strict=True)
    points = [(*point, *paths) for point, paths in zip(snakemake.params.points, files, strict=True)]
    rows = write_noise_curve(
        points,
        list(snakemake.input.baselines),
        snakemake.output.table,
        snakemake.output.plot,
        f"{snakemake.wildcards.exp}: noise curve",
    )
    for row in rows:
        print(f"r = {row['rate']}%: test BLEU {row['test_mean']:.2f} ({row['seeds']} seeds)")
