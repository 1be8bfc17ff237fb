"""What the simulability rules run (rules/classify_simulability.smk): SMaT learning its map of a
replicate's baseline (the `smat` explainer's registry `learner`), and one student under one
setting (measure.py) whose per-example agreement with the teacher the summary reads."""

import json
import logging
from pathlib import Path

import torch

from ielearn.classify.examples import read_examples
from ielearn.classify.simulability.learned_explainer import load_learned, save_learned
from ielearn.classify.simulability.measure import (LEARNED_MAP, NO_EXPLAINER, RANDOM_SCORES, SCORE_MAP,
                                                   STATIC_LAST, STATIC_MAP, kind_of)
from ielearn.classify.simulability.settings import student_settings
from ielearn.classify.simulability.simulate import simulate_files
from ielearn.classify.simulability.smat import learn_explainer
from ielearn.classify.simulability.teacher_explanations import (LearnedAttention, RandomScores, ScoreFile,
                                                                StaticAttention, check_teacher)

log = logging.getLogger(__name__)


def teacher_shape(teacher_dir):
    """(layers, heads) of the teacher's encoder, from its config.json."""
    config = json.loads((Path(check_teacher(teacher_dir)) / "config.json").read_text(encoding="utf-8"))
    return config["num_hidden_layers"], config["num_attention_heads"]


def learn_smat(teacher_dir, pretrained, pool_path, outer_path, task, settings, out_path, where="simulability"):
    """SMaT's φ_T for the teacher, learned on the pool with `outer_path`'s examples as the outer
    split, written to `out_path` (learned_explainer.py)."""
    settings = student_settings(settings, where)
    pool, outer = read_examples(pool_path, task), read_examples(outer_path, task)
    coefficients, record = learn_explainer(teacher_dir, pretrained, pool, outer, settings, where)
    layers, heads = teacher_shape(teacher_dir)
    save_learned(out_path, coefficients.tolist(), layers, heads)
    kept = int((coefficients > coefficients.max() - 1).sum())  # a rough look at how far φ_T moved
    log.info("SMaT: %d updates, outer loss %.4f → %.4f; %d of %d coefficients within 1 of the largest",
             len(record), record[0][1], record[-1][1], kept, coefficients.numel())


def teacher_explainer(setting, maps_path, teacher_dir, settings):
    """The E_T of a setting (teacher_explanations.py), or None for the no-explainer student;
    `maps_path`: the explainer's per-word scores of the pool, or SMaT's learned file."""
    kind = kind_of(setting)
    if kind == NO_EXPLAINER:
        return None
    if kind == RANDOM_SCORES:
        return RandomScores(settings.seed, settings.temperature)
    if kind == STATIC_MAP:
        return StaticAttention(last_layer_only=setting == STATIC_LAST)
    if kind == LEARNED_MAP:
        return LearnedAttention(torch.tensor(load_learned(maps_path, *teacher_shape(teacher_dir))))
    if kind == SCORE_MAP:
        return ScoreFile(str(maps_path), settings.temperature)
    raise ValueError(f"unknown simulability setting {setting!r}")


def simulate_setting(setting, teacher_dir, pretrained, pool_path, held_out_path, maps_path, task, settings,
                     out_path, where="simulability"):
    """One student of one setting: its record (simulate_files) in `out_path`."""
    settings = student_settings(settings, where)
    explainer = teacher_explainer(setting, maps_path, teacher_dir, settings)
    record = simulate_files(teacher_dir, pretrained, pool_path, held_out_path, task, explainer, settings, out_path,
                            where)
    log.info("%s, budget %d, student seed %d: SIM %.4f on %d examples", setting, settings.budget, settings.seed,
             record["sim"], record["held_out"])
