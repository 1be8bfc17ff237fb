from ielearn.io import write_lines
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    write_lines(snakemake.output[0], list(snakemake.input))
