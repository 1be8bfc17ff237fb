from ielearn.classify.impactx.agreement import write_agreement_table
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    write_agreement_table(snakemake.output[0], snakemake.params.runs, snakemake.input.students,
                          snakemake.input.teachers)
