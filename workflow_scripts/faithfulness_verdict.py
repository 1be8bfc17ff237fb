from ielearn.logs import to_log
from ielearn.nmt.faithfulness_verdict import write_faithfulness_verdict

with to_log(snakemake.log[0]):
    print(write_faithfulness_verdict(snakemake.input.faithfulness, snakemake.input.scores, snakemake.output[0],
                                     snakemake.params.main))
