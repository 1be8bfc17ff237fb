from ielearn.logs import to_log
from ielearn.nmt.postprocess import postprocess_file

with to_log(snakemake.log[0]):
    for hyp, text in zip(snakemake.input, snakemake.output):  # valid, test
        postprocess_file(hyp, text, snakemake.params.lang)
