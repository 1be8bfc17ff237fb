"""What a rule of either half asks about the experiment: which half it is in, its arms over
seeds, the report's sections, and the default target."""

from ielearn.classify.config import classification_experiments, classification_settings
from ielearn.summary_runs import arms_over_seeds
from ielearn.workflow import classify, nmt_report
from ielearn.workflow.classify_report import classification_sections
from ielearn.workflow.nmt_report import translation_sections
from ielearn.workflow.params import rule_params


def is_translation(config, exp):
    """Which half an experiment is in (config.yaml forbids a name in both)."""
    if exp in config["experiments"]:
        return True
    classification_settings(config, exp)  # an unknown name: one clear message
    return False


def design_of(wildcards, config):
    if is_translation(config, wildcards.exp):
        return nmt_report.design_of(wildcards, config)
    return classify.get_design(wildcards, config)


@rule_params
def get_summary_arms(wildcards, config):
    """[(seed, system, iteration)] of every seed's arms, for either half's summary rule
    (ielearn/design.py decides which)."""
    return arms_over_seeds(design_of(wildcards, config))


def get_report_sections(wildcards, config):
    if is_translation(config, wildcards.exp):
        return translation_sections(config, wildcards.exp)
    return classification_sections(config, wildcards.exp)


def all_targets(config):
    """The default target: every experiment of both halves, with its report's sections."""
    names = [*config["experiments"], *classification_experiments(config)]
    return [f"results/{exp}/report/sections.txt" for exp in names]
