# Per experiment of either half: every score's bootstrap_<k>.<bleu|score>.provenance.json
# gathered into results/<exp>/provenance.tsv and a page of the report; and the list of the
# report's sections (results/<exp>/report/sections.txt, the target of `snakemake --report`).


rule provenance:
    input:
        wf.provenance.get_provenance_records,
    output:
        table="results/{exp}/provenance.tsv",
        html=report(
            "results/{exp}/report/provenance.html",
            category="5. Provenance",
            subcategory="{exp}",
            caption="../captions/provenance.rst",
        ),
    log:
        "results/{exp}/logs/provenance.log",
    benchmark:
        "results/{exp}/benchmarks/provenance.tsv"
    conda:
        CONDA_ENV
    params:
        scores=wf.provenance.get_provenance_labels,
    script:
        "../workflow_scripts/provenance.py"


# Its inputs are the files the rules flag with report(); listing them lets
# `snakemake --report results/<exp>/report.html results/<exp>/report/sections.txt` show one
# experiment (and `snakemake --report` on `all`, whose targets these are, every experiment).
rule report_sections:
    input:
        wf.halves.get_report_sections,
    output:
        "results/{exp}/report/sections.txt",
    log:
        "results/{exp}/logs/report_sections.log",
    benchmark:
        "results/{exp}/benchmarks/report_sections.tsv"
    conda:
        CONDA_ENV
    script:
        "../workflow_scripts/report_sections.py"
