# The experiment's table: every system and iteration with valid/test BLEU.


def summary_runs(wildcards):
    """(system, iteration, valid bleu, test bleu) for the experiment and its controls."""
    exp = wildcards.exp
    experiment = experiment_settings(config, exp)
    runs = [
        (experiment["append"], k, f"{iteration(exp, k)}/valid.bleu", f"results/{exp}/bootstrap_{k}.bleu")
        for k in range(experiment["bootstrap"] + 1)
    ]
    for control in experiment["controls"]:
        if control == experiment["append"]:
            continue
        run = f"{exp}/control_{control}"
        runs += [
            (control, k, f"{iteration(run, k)}/valid.bleu", f"results/{run}/bootstrap_{k}.bleu")
            for k in range(1, control_depth(experiment) + 1)
        ]
    return runs


rule summary:
    input:
        lambda wildcards: [path for run in summary_runs(wildcards) for path in run[2:]],
    output:
        "results/{exp}/summary.tsv",
    params:
        runs=summary_runs,
    log:
        "results/{exp}/logs/summary.log",
    script:
        "../workflow_scripts/summary.py"
