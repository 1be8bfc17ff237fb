# Provenance per experiment: every score's bootstrap_<k>.<bleu|score>.provenance.json
# gathered into results/<exp>/provenance.tsv and a page of the report (translation and
# classification).


rule provenance:
    input:
        entry_records(provenance_entries),
    output:
        table="results/{exp}/provenance.tsv",
        html=report(
            "results/{exp}/report/provenance.html",
            category="5. Provenance",
            caption="../captions/provenance.rst",
        ),
    log:
        "results/{exp}/logs/provenance.log",
    benchmark:
        "results/{exp}/benchmarks/provenance.tsv"
    wildcard_constraints:
        exp=TRANSLATION_EXPERIMENTS,
    conda:
        CONDA_ENV
    params:
        entries=provenance_entries,
    script:
        "../workflow_scripts/provenance.py"


rule cls_provenance:
    input:
        entry_records(cls_provenance_entries),
    output:
        table="results/{exp}/provenance.tsv",
        html=report(
            "results/{exp}/report/provenance.html",
            category="Classification",
            subcategory="{exp}",
            caption="../captions/provenance.rst",
        ),
    log:
        "results/{exp}/logs/provenance.log",
    benchmark:
        "results/{exp}/benchmarks/provenance.tsv"
    wildcard_constraints:
        exp=cls_experiment_pattern(),
    conda:
        CONDA_ENV
    params:
        entries=cls_provenance_entries,
    script:
        "../workflow_scripts/provenance.py"
