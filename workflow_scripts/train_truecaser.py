from ielearn.logs import to_log
from ielearn.nmt.preprocess.truecase import train_truecaser

with to_log(snakemake.log[0]):
    train_truecaser(snakemake.input[0], snakemake.output[0])
