from ielearn.classify.simulability_summary import student_records, write_simulability_summary
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    runs = [{"seed": seed, "setting": setting, "budget": budget, "student": student, "path": path}
            for (seed, setting, budget, student), path in zip(snakemake.params.runs, snakemake.input, strict=True)]
    write_simulability_summary(student_records(runs), snakemake.params.comparisons, snakemake.params.seeds,
                               dict(snakemake.output.items()), snakemake.params.significance)
