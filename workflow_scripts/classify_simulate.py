from ielearn.classify.model import set_threads
from ielearn.classify.simulability.jobs import simulate_setting
from ielearn.logs import to_log

with to_log(snakemake.log[0]):
    set_threads(snakemake.threads)
    simulate_setting(snakemake.wildcards.setting, snakemake.input.teacher, snakemake.params.pretrained,
                     snakemake.input.pool, snakemake.input.held_out, snakemake.input.get("maps"),
                     snakemake.params.task, snakemake.params.settings, snakemake.output[0], snakemake.params.where)
