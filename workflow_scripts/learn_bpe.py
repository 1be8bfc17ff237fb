from ielearn.logs import to_log
from ielearn.nmt.preprocess.bpe import learn_joint_bpe

with to_log(snakemake.log[0]):
    learn_joint_bpe(snakemake.input, snakemake.output[0], snakemake.params.merges)
