"""What a classification task is: single sentence or pair, its labels (none = regression), metric."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Task:
    pair: bool
    labels: tuple | None  # None: regression (one predicted score)
    metric: str  # a key of ielearn.classify.metrics.METRICS

    @property
    def regression(self):
        return self.labels is None

    @property
    def num_labels(self):
        return 1 if self.regression else len(self.labels)


# GLUE tasks: the official TSV columns (0-based) of sentence(s) and label, per file kind.
# `test` is GLUE's dev set: GLUE's own test labels are hidden (see ielearn/classify/datasets/glue.py).
@dataclass(frozen=True)
class GlueTask:
    task: Task
    directory: str  # folder name inside the official GLUE archive
    hf_name: str  # configuration name of the HF `glue` dataset
    text_columns: tuple  # column names in the official TSV header (CoLA has no header)
    label_column: str
    hf_text_fields: tuple


GLUE = {
    "cola": GlueTask(Task(False, ("0", "1"), "mcc"), "CoLA", "cola", (3,), 1, ("sentence",)),
    "sst2": GlueTask(Task(False, ("0", "1"), "accuracy"), "SST-2", "sst2", ("sentence",), "label", ("sentence",)),
    "mrpc": GlueTask(Task(True, ("0", "1"), "accuracy_f1"), "MRPC", "mrpc",
                     ("#1 String", "#2 String"), "Quality", ("sentence1", "sentence2")),
    "qqp": GlueTask(Task(True, ("0", "1"), "accuracy_f1"), "QQP", "qqp",
                    ("question1", "question2"), "is_duplicate", ("question1", "question2")),
    "stsb": GlueTask(Task(True, None, "spearman_pearson"), "STS-B", "stsb",
                     ("sentence1", "sentence2"), "score", ("sentence1", "sentence2")),
    "rte": GlueTask(Task(True, ("entailment", "not_entailment"), "accuracy"), "RTE", "rte",
                    ("sentence1", "sentence2"), "label", ("sentence1", "sentence2")),
}

TREC_LABELS = ("ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM")
TREC = Task(False, TREC_LABELS, "accuracy")
SYNTHETIC = Task(False, ("negative", "positive"), "accuracy")


def task_of(dataset):
    """The Task of a validated `classification.datasets` entry."""
    source = dataset["source"]
    if source == "glue":
        return GLUE[dataset["task"]].task
    if source == "trec":
        return TREC
    if source == "synthetic":
        return SYNTHETIC
    labels = dataset["labels"]
    return Task(dataset["pair"], None if labels is None else tuple(labels), dataset["metric"])
