from ielearn.classify.pick import pick_classifier
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    print(pick_classifier(snakemake.params.rates, list(snakemake.input), snakemake.output[0]))
