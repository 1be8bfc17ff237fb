from ielearn.logs import to_log
from ielearn.nmt.pick import pick_model

with to_log(snakemake.log[0]):
    inputs = snakemake.input
    print(
        pick_model(
            snakemake.params.rates,
            inputs.models,
            inputs.computes,
            inputs.records,
            inputs.valid,
            inputs.reference,
            dict(snakemake.output.items()),
        )
    )
