from ielearn.logs import to_log
from ielearn.nmt.report.noise_curve import write_noise_curve

with to_log(snakemake.log[0]):
    rows = write_noise_curve(
        snakemake.params.points,
        snakemake.params.baselines,
        snakemake.output.table,
        snakemake.output.plot,
        f"{snakemake.wildcards.exp}: noise curve",
    )
    for row in rows:
        print(f"r = {row['rate']}%: test BLEU {row['test_mean']:.2f} ({row['seeds']} seeds)")
