"""The names and patterns the rules share: splits, sides, what decoding writes, the regexes of
the wildcards (rules/common.smk's wildcard_constraints) and of the system directories a
rule admits. Read from the registry (ielearn/systems.py), never from config.yaml."""

import re

from ielearn import systems
from ielearn.classify.simulability import measure
from ielearn.layout import control_dirs, variant_dirs

SPLITS = ["train", "valid", "test"]
EVAL_SPLITS = ["valid", "test"]  # decoded, detokenized and scored together
SIDES = ["src", "tgt"]
DECODE_KINDS = ["hyp", "pos", "words"]  # what decoding writes per split
CANDIDATE = r"lr_\d+/"  # a learning-rate sweep's candidate directory (ielearn/sweep.py)
POOL_SPLIT = "pool"  # examples/pool.tsv: the labelled examples no split uses (simulability)

# system_dirs of the systems that extract words (the explainers), of the controls that draw
# random words, and of those that get a word appended
EXPLAINER_NAMES = "|".join(systems.names(systems.EXPLAINER))
DRAWING_CONTROLS = list(filter(systems.draws_all_words, systems.names(systems.CONTROL)))
# (and the variants of a trained explainer: their maps against the teacher's, agreement.py)
EXTRACTOR_DIRS = f"({EXPLAINER_NAMES}|{variant_dirs()})/"
RANDOM_DIRS = f"{control_dirs(DRAWING_CONTROLS)}/"
APPENDER_DIRS = f"({EXPLAINER_NAMES}|{control_dirs(DRAWING_CONTROLS)})/"
# system_dirs of the variants whose targets are drawn at random (IMPACTX's random_maps)
DRAWN_MAP_DIRS = "({})/".format(
    "|".join(
        systems.system(v).directory.rstrip("/")
        for v in systems.names(systems.VARIANT)
        if systems.system(v).draws
    )
)
# system_dirs of the explainers that learn their map before they rank (SMaT)
LEARNER_DIRS = "({})/".format("|".join(measure.learners()) or "(?!)")


def names_pattern(names):
    """Regex of exactly these experiment names (a rule-level constraint; nothing for none)."""
    return "|".join(re.escape(name) for name in names) or "(?!)"
