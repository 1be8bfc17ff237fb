"""faithfulness_verdict.txt: whether the attention words are faithful (masking the source
tokens model k attended to costs its own hypotheses more log-probability than masking as many
random ones) and whether that goes with a gain in test BLEU, in words
(ielearn/inference/faithfulness_verdict.py), from faithfulness_comparisons.tsv and
comparisons.tsv. Model k's attention words are the ones iteration k+1 appends, so its row is
read with the BLEU comparisons of iteration k+1."""

from ielearn.inference.faithfulness_verdict import Contrast, Measure, Numbers, Wording, faithfulness_verdict, gains_of
from ielearn.io import atomic_write, read_tsv
from ielearn.systems import ATTENTION

DROP = Measure("logprob_drop", "log-probability drop", True)
FLOOR = "random source tokens"


def _chosen_by(ran):
    """The model whose words iteration k appends (model k-1); `ran`: the iterations of the
    main system in comparisons.tsv (the last model's words are appended by none)."""
    def chosen_by(explainer, iteration):
        model = "the baseline, model 0" if iteration == 1 else f"model {iteration - 1}"
        return model if iteration in ran else f"{model}; no iteration {iteration} appended them"
    return chosen_by


def contrasts_of(rows, main):
    """Model k's attended drop against the random one, as the contrast of iteration k+1's words."""
    return [Contrast(main, int(row["iteration"]) + 1, DROP, Numbers.of_row(row))
            for row in rows
            if (row["measure"], row["system"], row["against"]) == (DROP.name, "attended", "random")
            and row["iteration"] == row["against_iteration"]]


def translation_faithfulness_verdict(faithfulness_rows, bleu_rows, main=ATTENTION):
    ran = {int(row["iteration"]) for row in bleu_rows if row["system"] == main}
    wording = Wording("BLEU", FLOOR, "faithfulness_comparisons.tsv", "comparisons.tsv", _chosen_by(ran))
    return faithfulness_verdict(contrasts_of(faithfulness_rows, main), gains_of(bleu_rows, {main}), wording)


def write_faithfulness_verdict(faithfulness_path, bleu_path, out_path, main=ATTENTION):
    text = translation_faithfulness_verdict(read_tsv(faithfulness_path), read_tsv(bleu_path), main)
    with atomic_write(out_path) as out:
        out.write(text)
    return text
