from ielearn.classify.model import set_threads
from ielearn.classify.train import finetune
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    set_threads(snakemake.threads)
    pretrained = snakemake.params.pretrained
    finetune(snakemake.input.train, pretrained or snakemake.input.model, snakemake.output[0],
             snakemake.params.task, snakemake.params.settings, pretrained=bool(pretrained),
             valid_path=snakemake.input.valid)
