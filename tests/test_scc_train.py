"""SCC trains through the one training loop and saves a classifier that the scorer loads as
any other, with its sparse coding layer beside it; the layer explains (top word, ranking)."""

import math

import pytest
import torch

from ielearn.classify.config import CLS_TRAIN_DEFAULTS
from ielearn.classify.examples import Example, read_examples
from ielearn.classify.explain.ranking import read_rankings
from ielearn.classify.explain.scc_words import scc_rankings, scc_words
from ielearn.classify.explain.words import candidate_words, word_scores
from ielearn.classify.extract import extract_shard
from ielearn.classify.model import encode, load_classifier, load_tokenizer
from ielearn.classify.scc.checkpoint import LAYER_FILE, load_layer
from ielearn.classify.scc.objective import scc_objective
from ielearn.classify.score import score
from ielearn.classify.tasks import SYNTHETIC
from ielearn.classify.train import finetune
from ielearn.classify.training_record import read_training
from ielearn.io import read_lines
from tiny_bert import toy_training_data

torch.set_num_threads(1)
SETTINGS = {**CLS_TRAIN_DEFAULTS, "batch_size": 8, "max_length": 16, "lr": 1e-3, "epochs": 1}
SCC = {"lambda": 0.1, "tau": 1.0, "tau2": 1.0, "gamma_start": 1.0, "gamma_end": 0.01, "gamma_decay": 0.099,
       "size": 4, "ablation": "none", "sparse_coding": "mean", "gamma_chain": "restart"}


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """One epoch of SCC on 24 toy examples (seconds)."""
    directory = toy_training_data(tmp_path_factory.mktemp("scc"), {"train": 24, "valid": 8}, seed=5)
    finetune(directory / "train.tsv", directory / "tiny", directory / "scc", SYNTHETIC, SETTINGS,
             pretrained=True, valid_path=directory / "valid.tsv", objective=scc_objective(SCC, SYNTHETIC))
    return directory


def test_the_scorer_loads_an_scc_model_and_finds_the_valid_score_of_its_record(trained):
    model = trained / "scc"
    assert (model / LAYER_FILE).is_file()
    record = read_training(model)
    result = score(model, trained / "valid.tsv", SYNTHETIC, trained / "valid.score", max_length=16)
    assert result["value"] == pytest.approx(record["valid_score"])
    # three passes per example (x, foreground, background): three times its wordpieces
    tokenizer = load_tokenizer(model)
    lengths = sum(len(tokenizer(e.text_a, truncation=True, max_length=16)["input_ids"])
                  for e in read_examples(trained / "train.tsv", SYNTHETIC))
    assert record["wordpieces"] == 3 * lengths and record["updates"] == 3


@pytest.mark.parametrize("ablation", ["none", "no_cc", "no_sc"])
def test_every_term_reaches_layer_and_encoder_and_an_ablation_leaves_out_its_term(trained, ablation):
    torch.manual_seed(0)
    model = load_classifier(trained / "tiny", SYNTHETIC)
    objective = scc_objective({**SCC, "ablation": ablation}, SYNTHETIC)(model, trained / "tiny")
    examples = read_examples(trained / "train.tsv", SYNTHETIC)[:4]
    inputs = encode(load_tokenizer(trained / "tiny"), [e.text_a for e in examples], max_length=16)
    labels = torch.tensor([SYNTHETIC.labels.index(e.label) for e in examples])
    terms = objective.terms(model, inputs, labels, epochs=0.0)
    assert set(terms) == ({"ce", "sc"} if ablation == "no_cc" else {"ce", "sc", "cc"})
    assert objective.views == (2 if ablation == "no_cc" else 3)
    torch.manual_seed(1)  # the same Gumbel draws: the loss is eq. 1 of these terms
    loss = objective.loss(model, inputs, labels, epochs=0.0)
    torch.manual_seed(1)
    again = objective.terms(model, inputs, labels, epochs=0.0)
    weights = {"ce": 1.0, "sc": 0.0 if ablation == "no_sc" else 1.0, "cc": 0.1}
    assert loss.item() == pytest.approx(sum(weights[name] * again[name].item() for name in again))
    used = [name for name in terms if not (ablation == "no_sc" and name == "sc")]
    for name in used:  # each term alone: its gradient reaches the layer and the encoder
        model.zero_grad()
        objective.layer.zero_grad()
        terms = objective.terms(model, inputs, labels, epochs=0.0)
        terms[name].backward()
        assert any(p.grad is not None and p.grad.abs().sum() > 0 for p in objective.layer.parameters()), name
        embeddings = model.get_input_embeddings().weight.grad
        assert embeddings is not None and embeddings.abs().sum() > 0, name


def test_the_keep_rate_is_the_share_of_words_the_hard_masks_kept(trained, monkeypatch):
    """Counted on words only (not [CLS], [SEP], padding), reset by each report, and in the
    training record of every epoch."""
    import ielearn.classify.scc.objective as objective_module

    def keep_the_first_word(probabilities, tau):  # a mask that keeps position 1 only
        mask = torch.zeros_like(probabilities)
        mask[:, 1] = 1.0
        return mask + probabilities - probabilities.detach()
    model = load_classifier(trained / "tiny", SYNTHETIC)
    objective = scc_objective(SCC, SYNTHETIC)(model, trained / "tiny")
    examples = read_examples(trained / "train.tsv", SYNTHETIC)[:4]
    tokenizer = load_tokenizer(trained / "tiny")
    inputs = encode(tokenizer, [e.text_a for e in examples], max_length=16)
    labels = torch.tensor([SYNTHETIC.labels.index(e.label) for e in examples])
    words = sum(len(tokenizer(e.text_a, truncation=True, max_length=16)["input_ids"]) - 2 for e in examples)
    monkeypatch.setattr(objective_module, "hard_mask", keep_the_first_word)
    objective.terms(model, inputs, labels, epochs=0.0)
    objective.terms(model, inputs, labels, epochs=0.0)
    assert objective.epoch_report() == {"mask_keep_rate": round(2 * 4 / (2 * words), 4), "gamma": 1.0}
    assert math.isnan(objective.epoch_report()["mask_keep_rate"])  # nothing since the last report
    history = read_training(trained / "scc")["history"]
    assert history and all(0.0 <= entry["mask_keep_rate"] <= 1.0 for entry in history)


def test_a_further_training_continues_the_saved_layer(trained):
    saved = load_layer(trained / "scc")
    continued = scc_objective(SCC, SYNTHETIC)(load_classifier(trained / "scc"), trained / "scc").layer
    assert all(torch.equal(a, b) for a, b in zip(continued.state_dict().values(), saved.state_dict().values()))


@pytest.mark.parametrize("chain, start", [("restart", 1.0), ("continue", 1.0 - 0.099 * 2 / 3)])
def test_gamma_restarts_or_continues_in_the_scc_chain(trained, chain, start):
    """The SCC model trained 1 epoch of 3 updates: its last update had γ = 1 - 0.099 × 2/3.
    A fine-tune of the chain starts there (continue) or at 1.0 (restart), and its own last
    update (2/3 of an epoch in) is 0.099 × 2/3 lower."""
    assert read_training(trained / "scc")["history"][0]["gamma"] == pytest.approx(1.0 - 0.099 * 2 / 3, abs=1e-6)
    out = trained / f"chain_{chain}"
    finetune(trained / "train.tsv", trained / "scc", out, SYNTHETIC, SETTINGS, valid_path=trained / "valid.tsv",
             objective=scc_objective({**SCC, "gamma_chain": chain}, SYNTHETIC))
    assert read_training(out)["history"][0]["gamma"] == pytest.approx(start - 0.099 * 2 / 3, abs=1e-6)


def test_the_scc_explainer_writes_a_candidate_word_per_example_the_head_of_its_ranking(trained):
    extract_shard(trained / "scc", trained / "valid.tsv", SYNTHETIC, "scc", {"batch_size": 4, "max_length": 16},
                  0, 1, trained / "words.txt", rankings_path=trained / "rankings.jsonl")
    words = read_lines(trained / "words.txt")
    written = read_rankings(trained / "rankings.jsonl")  # for the explanation-quality measures
    examples = read_examples(trained / "valid.tsv", SYNTHETIC)
    model_dir = trained / "scc"
    model, tokenizer, layer = load_classifier(model_dir), load_tokenizer(model_dir), load_layer(model_dir)
    rankings = scc_rankings(model, layer, tokenizer, examples, max_length=16)
    assert len(words) == len(examples) == len(rankings)
    for word, ranking, example in zip(words, rankings, examples):
        candidates = candidate_words(tokenizer, example.text_a, max_length=16)
        assert sorted(w for w, _ in ranking) == sorted(candidates)
        assert word == ranking[0][0]
        assert [s for _, s in ranking] == sorted((s for _, s in ranking), reverse=True)
        assert all(0 < s < 1 for _, s in ranking)
    assert written == [[w for w, _ in ranking] for ranking in rankings]


class FixedLayer(torch.nn.Module):
    """Stands in for the sparse coding layer: the given importance per token."""

    def __init__(self, scores):
        super().__init__()
        self.scores = torch.tensor(scores)

    def forward(self, hidden_states):
        return self.scores


def test_a_words_importance_is_the_mean_over_its_wordpieces_and_punctuation_is_no_candidate(trained):
    model_dir = trained / "scc"
    model, tokenizer = load_classifier(model_dir), load_tokenizer(model_dir)
    # tokens: [CLS] a super ##b play . a [SEP]  (superb = super + ##b)
    example = Example("a superb play . a", None, "positive")
    assert encode(tokenizer, [example.text_a])["input_ids"].shape[1] == 8
    layer = FixedLayer([[0.9, 0.2, 0.2, 0.6, 0.5, 0.99, 0.7, 0.9]])
    # superb: (0.2 + 0.6) / 2 = 0.4 (a sum would give 0.8); `a` takes its best occurrence, 0.7;
    # `.` (0.99) is punctuation, and [CLS]/[SEP] are no words
    ranking = scc_rankings(model, layer, tokenizer, [example], max_length=16)[0]
    assert ranking == [("a", pytest.approx(0.7)), ("play", pytest.approx(0.5)), ("superb", pytest.approx(0.4))]
    assert scc_words(model, layer, tokenizer, [example], max_length=16) == ["a"]
    encoding = encode(tokenizer, [example.text_a], return_offsets_mapping=True)
    _, scores = word_scores(encoding, layer.scores[0], 0)
    assert scores == pytest.approx([0.2, 0.4, 0.5, 0.99, 0.7])  # a, superb, play, ., a
