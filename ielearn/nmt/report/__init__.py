"""The files behind results/<exp>/report.html: tables, plots and examples (Snakemake's
`--report` assembles them; rules flag them with `report(...)`)."""
