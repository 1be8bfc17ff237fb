"""The translation half's settings in config.yaml: the paper's training defaults per
architecture, the fine-tune regime, and the checks the schema cannot express (a model size key
the architecture lacks, a noise curve without attention words, a corpus's language pair).
ielearn/config.py validates the schema, then calls this and classification's check side by side."""

from ielearn import systems
from ielearn.errors import UserError
from ielearn.finetune_only import check_trains_once
from ielearn.sweep import single_rate

# The paper's IWSLT'17 Transformer settings (section 5.1 and fairseq's IWSLT recipe).
TRAIN_DEFAULTS = {
    "lr": 5e-4,
    "lr_scheduler": "inverse_sqrt",
    "warmup_updates": 4000,
    "dropout": 0.3,
    "weight_decay": 1e-4,
    "adam_betas": [0.9, 0.98],
    "clip_norm": 0.0,
    "label_smoothing": 0.1,
    "max_tokens": 5000,
    "max_epoch": 50,
    "max_update": 0,
    "matched_updates": 0,
    "patience": 5,
    "momentum": 0.99,
    "extra_args": [],
}
# The paper's ConvS2S settings (fairseq's IWSLT fconv recipe): NAG at lr 0.25, clip-norm 0.1,
# dropout 0.2, max-tokens 4000; plain cross-entropy (no label smoothing), fixed lr schedule.
FCONV_TRAIN_DEFAULTS = {
    **TRAIN_DEFAULTS,
    "lr": 0.25,
    "lr_scheduler": "fixed",
    "warmup_updates": 0,
    "dropout": 0.2,
    "weight_decay": 0.0,
    "clip_norm": 0.1,
    "label_smoothing": 0.0,
    "max_tokens": 4000,
}
# Every fine-tune (every arm, every iteration) by default: a constant rate, the one the
# previous model's schedule had reached, with no warm-up. `--finetune-from-model` resets the
# scheduler, so inheriting the baseline's inverse_sqrt would climb back to its peak rate
# (docs/pipeline.md, "The fine-tuning regime"). Early stopping and the epoch cap come from `train`.
FINETUNE_DEFAULTS = {"lr": "continue", "lr_scheduler": "fixed", "warmup_updates": 0}
ARCH_TRAIN_DEFAULTS = {"transformer": TRAIN_DEFAULTS, "fconv": FCONV_TRAIN_DEFAULTS}
FAIRSEQ_ARCHS = {"transformer": "transformer_iwslt_de_en", "fconv": "fconv_iwslt_de_en"}
# size overrides each architecture understands (fconv has no feed-forward width or heads)
ARCH_MODEL_KEYS = {"transformer": {"embed_dim", "ffn_dim", "layers", "heads"},
                   "fconv": {"embed_dim", "layers"}}



def check_translation(config, source):
    """Fill each translation experiment's training settings and check what the schema cannot."""
    for name, experiment in config["experiments"].items():
        if experiment["dataset"] not in config["datasets"]:
            known = ", ".join(sorted(config["datasets"]))
            raise UserError(
                f"{source}: experiments.{name}.dataset: unknown dataset "
                f"'{experiment['dataset']}' (known: {known})"
            )
        arch = experiment["arch"]
        unused = sorted(set(experiment["model"]) - ARCH_MODEL_KEYS[arch])
        if unused:
            raise UserError(
                f"{source}: experiments.{name}.model.{unused[0]}: not a setting of arch "
                f"'{arch}' (it takes {', '.join(sorted(ARCH_MODEL_KEYS[arch]))})"
            )
        explainers = systems.names(systems.EXPLAINER, systems.TRANSLATION)
        if experiment["noise_rates"] and experiment["append"] not in explainers:
            raise UserError(
                f"{source}: experiments.{name}.noise_rates: the noise curve randomises "
                f"{' or '.join(explainers)} words, but this experiment appends '{experiment['append']}'; "
                f"remove noise_rates or set append: {' or '.join(explainers)}"
            )
        _check_decode_backend(experiment, f"{source}: experiments.{name}")
        check_trains_once(experiment["train"], f"{source}: experiments.{name}.train")
        experiment["train"] = {**ARCH_TRAIN_DEFAULTS[arch], **experiment["train"]}
        experiment["finetune"] = {**experiment["train"], **FINETUNE_DEFAULTS,
                                  **experiment["finetune"]}
        experiment["finetune"]["lr"] = single_rate(experiment["finetune"]["lr"])
    for name, dataset in config["datasets"].items():
        if dataset["source"] == "demo":
            dataset.setdefault("seed", 1)
        _check_direction(name, dataset, source)


def _check_decode_backend(experiment, where):
    """generate.backend: `auto` (the default) is CTranslate2 where its converter can express
    the model and fairseq elsewhere; an explicit `ctranslate2` that it cannot serve is an error.
    (CTranslate2's fairseq converter takes transformer models only, and its length limit is fixed.)"""
    generate = experiment["generate"]
    obstacle = _ctranslate2_obstacle(experiment, where)
    if generate["backend"] == "auto":
        generate["backend"] = "fairseq" if obstacle else "ctranslate2"
    elif generate["backend"] == "ctranslate2" and obstacle:
        raise UserError(obstacle)


def _ctranslate2_obstacle(experiment, where):
    """Why CTranslate2 cannot decode this experiment's models (the message), or None."""
    unsupported = ("arch: fconv (ConvS2S)" if experiment["arch"] != "transformer"
                   else "positions: true (the fairseq plugin's models)" if experiment["positions"]
                   else None)
    if unsupported:
        return (f"{where}.generate.backend: CTranslate2 cannot convert the models of "
                f"{unsupported}; set generate.backend: fairseq or auto")
    if experiment["generate"]["max_len_a"]:
        return (f"{where}.generate.max_len_a: CTranslate2 limits hypotheses to a fixed "
                "length (max_len_b); set max_len_a: 0 or generate.backend: fairseq or auto")
    return None


def _check_direction(name, dataset, source):
    """Real corpora translate between two different languages; gettext always has English."""
    pair = (dataset["src_lang"], dataset["tgt_lang"])
    if dataset["source"] in ("gettext", "iwslt17", "wmt14") and pair[0] == pair[1]:
        raise UserError(f"{source}: datasets.{name}: src_lang and tgt_lang are both '{pair[0]}'")
    if dataset["source"] == "gettext" and "en" not in pair:
        raise UserError(
            f"{source}: datasets.{name}: a gettext corpus pairs English messages with their "
            f"translations, so src_lang or tgt_lang must be 'en' (got {pair[0]}, {pair[1]})"
        )

