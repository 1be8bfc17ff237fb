from ielearn.logs import to_log
from ielearn.provenance.table import write_provenance

with to_log(snakemake.log[0]):
    entries = [(*score, record) for score, record in zip(snakemake.params.scores, snakemake.input, strict=True)]
    rows = write_provenance(entries, snakemake.output.table, snakemake.output.html, snakemake.wildcards.exp)
    print(f"{len(rows)} scores; resumed: {sum(row['resumed'] != 'no' for row in rows)}")
