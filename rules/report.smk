# What the experiment shows, with its uncertainty: the table over seeds with its seed-level
# tests and per-seed diagnostics, the verdict, the noise curve, and the files of results/<exp>/report.html
# (built by `snakemake --report`, see docs/statistics.md, "Outputs").


rule summary:
    input:
        unpack(wf.nmt_report.get_summary_files),
    output:
        table=report(
            "results/{exp}/summary.tsv",
            category="1. Summary",
            subcategory="{exp}",
            caption="../captions/summary_tsv.rst",
        ),
        per_seed=report(
            "results/{exp}/scores_per_seed.tsv",
            category="1. Summary",
            subcategory="{exp}",
            caption="../captions/scores_per_seed.rst",
        ),
        compute=report(
            "results/{exp}/compute.tsv",
            category="1. Summary",
            subcategory="{exp}",
            caption="../captions/compute_tsv.rst",
        ),
        comparisons="results/{exp}/comparisons.tsv",
        comparisons_per_seed="results/{exp}/comparisons_per_seed.tsv",
        verdict="results/{exp}/verdict.txt",
        item_records="results/{exp}/items_per_seed.tsv.gz",
    log:
        "results/{exp}/logs/summary.log",
    benchmark:
        "results/{exp}/benchmarks/summary.tsv"
    conda:
        CONDA_ENV
    params:
        arms=wf.halves.get_summary_arms,
        design=wf.nmt_report.get_summary_design,
        settings=lambda wildcards: wf.nmt.get_setting(wildcards, key="significance"),
    script:
        "../workflow_scripts/summary.py"


rule faithfulness_summary:
    input:
        wf.nmt_report.get_faithfulness_files,
    output:
        table=report(
            "results/{exp}/faithfulness.tsv",
            category="1. Summary",
            subcategory="{exp}",
            caption="../captions/faithfulness_tsv.rst",
        ),
        per_seed="results/{exp}/faithfulness_per_seed.tsv",
        comparisons="results/{exp}/faithfulness_comparisons.tsv",
        comparisons_per_seed="results/{exp}/faithfulness_comparisons_per_seed.tsv",
    log:
        "results/{exp}/logs/faithfulness_summary.log",
    benchmark:
        "results/{exp}/benchmarks/faithfulness_summary.tsv"
    conda:
        CONDA_ENV
    params:
        runs=wf.nmt_report.get_faithfulness_runs,
        seeds=wf.nmt_report.get_seeds,
        settings=lambda wildcards: wf.nmt.get_setting(wildcards, key="significance"),
    script:
        "../workflow_scripts/faithfulness_summary.py"


# In words: whether the attention words are faithful (against random source tokens) and
# whether that goes with a gain in BLEU (ielearn/nmt/faithfulness_verdict.py).
rule faithfulness_verdict:
    input:
        faithfulness="results/{exp}/faithfulness_comparisons.tsv",
        scores="results/{exp}/comparisons.tsv",
    output:
        report(
            "results/{exp}/faithfulness_verdict.txt",
            category="1. Summary",
            subcategory="{exp}",
            caption="../captions/faithfulness_verdict.rst",
        ),
    log:
        "results/{exp}/logs/faithfulness_verdict.log",
    benchmark:
        "results/{exp}/benchmarks/faithfulness_verdict.tsv"
    conda:
        CONDA_ENV
    params:
        main=wf.nmt_report.get_main_system,
    script:
        "../workflow_scripts/faithfulness_verdict.py"


rule report_summary:
    input:
        table="results/{exp}/summary.tsv",
        verdict="results/{exp}/verdict.txt",
    output:
        html=report(
            "results/{exp}/report/summary.html",
            category="1. Summary",
            subcategory="{exp}",
            caption="../captions/summary_html.rst",
        ),
        plot=report(
            "results/{exp}/report/bleu_per_iteration.png",
            category="2. Bootstrap iterations",
            subcategory="{exp}",
            caption="../captions/bleu_per_iteration.rst",
        ),
    log:
        "results/{exp}/logs/report_summary.log",
    benchmark:
        "results/{exp}/benchmarks/report_summary.tsv"
    conda:
        CONDA_ENV
    script:
        "../workflow_scripts/report_summary.py"


rule noise_curve:
    input:
        unpack(wf.nmt_report.get_noise_curve_files),
    output:
        table=report(
            "results/{exp}/noise_curve.tsv",
            category="3. Noise curve",
            subcategory="{exp}",
            caption="../captions/noise_curve_tsv.rst",
        ),
        plot=report(
            "results/{exp}/report/noise_curve.png",
            category="3. Noise curve",
            subcategory="{exp}",
            caption="../captions/noise_curve.rst",
        ),
    log:
        "results/{exp}/logs/noise_curve.log",
    benchmark:
        "results/{exp}/benchmarks/noise_curve.tsv"
    conda:
        CONDA_ENV
    params:
        points=wf.nmt_report.get_noise_curve_points,
    script:
        "../workflow_scripts/noise_curve.py"


rule report_examples:
    input:
        unpack(wf.nmt_report.get_example_inputs),
    output:
        report(
            "results/{exp}/report/examples.html",
            category="4. Examples",
            subcategory="{exp}",
            caption="../captions/examples.rst",
        ),
    log:
        "results/{exp}/logs/report_examples.log",
    benchmark:
        "results/{exp}/benchmarks/report_examples.tsv"
    conda:
        CONDA_ENV
    params:
        examples=lambda wildcards: wf.nmt.get_setting(wildcards, key="report_examples"),
    script:
        "../workflow_scripts/report_examples.py"
