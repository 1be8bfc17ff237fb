"""Scaffolded simulability and SMaT (ielearn/classify/simulability/) on hand-computed cases and
a tiny BERT: sparsemax, the attention-logit hook against the query/key product recomputed
from the model's weights, the explanations over words, the student loss, SMaT's hypergradient
against finite differences, its initialisation, the learned explainer's ranker, bad input."""

import json
import logging
import math
import subprocess
import sys

import pytest
import torch

from ielearn.classify.datasets.synthetic import synthetic_examples
from ielearn.classify.examples import Example, write_examples
from ielearn.classify.explain.words import input_words, word_scores, word_text
from ielearn.classify.model import encode, load_classifier, load_tokenizer
from ielearn.classify.simulability.attention_logits import head_token_logits, logits_read
from ielearn.classify.simulability.batches import make_batch
from ielearn.classify.simulability.explanation import score_explanation
from ielearn.classify.simulability.heads import head_weights, static_coefficients
from ielearn.classify.simulability.learned_explainer import save_learned
from ielearn.classify.simulability.loss import kl_divergence, student_loss
from ielearn.classify.simulability.settings import student_settings
from ielearn.classify.simulability.simulate import draw_budget, simulate, simulate_files
from ielearn.classify.simulability.smat import (hypergradient, initial_teacher_coefficients, learn_explainer,
                                               outer_loss)
from ielearn.classify.simulability.smat_words import smat_ranker
from ielearn.classify.simulability.student import (learned, load_student, majority_share, student_loss_of,
                                                   train_student)
from ielearn.classify.simulability.teacher_explanations import (Chosen, RandomScores, ScoreFile,
                                                                StaticAttention, run_teacher)
from ielearn.classify.tasks import SYNTHETIC
from ielearn.errors import UserError
from conftest import REPO
from tiny_bert import make_tiny_bert

TEXTS = ["a superb film", "bad"]  # 'superb' is two pieces in the tiny vocabulary


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    directory = make_tiny_bert(tmp_path_factory.mktemp("simulability") / "bert")
    return str(directory), load_tokenizer(str(directory))


def test_sparsemax_by_hand():
    # sorted z = (0.5, 0.2, -1): support {0.5, 0.2} (1 + 2·0.2 > 0.7, 1 − 3 < −0.3), τ = (0.7 − 1)/2
    assert head_weights(torch.tensor([0.5, 0.2, -1.0])).tolist() == pytest.approx([0.65, 0.35, 0.0])


def test_the_static_coefficients_weigh_all_heads_or_the_last_layers():
    assert head_weights(static_coefficients(3, 2)).tolist() == pytest.approx([1 / 6] * 6)
    assert head_weights(static_coefficients(3, 2, last_layer_only=True)).tolist() == pytest.approx([0, 0, 0, 0, .5, .5])


def reference_row_means(directory, tokenizer):
    """Every head's row-mean logits recomputed from the eager model's hidden states and its
    query/key weights, [batch, layers·heads, tokens] (no hook involved)."""
    model = load_classifier(directory).eval()
    inputs = encode(tokenizer, TEXTS)
    with torch.no_grad():
        hidden = model(**inputs, output_hidden_states=True).hidden_states
        rows = inputs["attention_mask"].double()[:, None, :, None]
        means = []
        for layer, states in zip(model.bert.encoder.layer, hidden):
            attention = layer.attention.self
            split = (*states.shape[:2], attention.num_attention_heads, attention.attention_head_size)
            query = attention.query(states).view(split).transpose(1, 2).double()
            key = attention.key(states).view(split).transpose(1, 2).double()
            logits = query @ key.transpose(2, 3) / math.sqrt(attention.attention_head_size)
            means.append((logits * rows).sum(2) / rows.sum(2))
    return model, inputs, torch.cat(means, dim=1)


def test_the_hook_returns_the_query_key_products_and_changes_nothing_else(tiny):
    directory, tokenizer = tiny
    model, inputs, expected = reference_row_means(directory, tokenizer)
    with torch.no_grad():
        eager = model(**inputs, output_attentions=True)
        with logits_read(model):
            logits, row_means = head_token_logits(model, inputs)
            raw = model(**inputs, output_attentions=True).attentions
    assert model.config._attn_implementation == "eager"  # restored after the block
    assert torch.equal(logits, eager.logits)  # the same computation, padding masked alike
    assert torch.allclose(row_means.double(), expected, atol=1e-6)
    mask = (1.0 - inputs["attention_mask"][:, None, None, :].float()) * torch.finfo(torch.float32).min
    assert torch.allclose(torch.softmax(raw[0] + mask, dim=-1), eager.attentions[0], atol=1e-6)


def test_the_static_explainer_and_smats_initial_one_are_the_mean_over_heads(tiny):
    directory, tokenizer = tiny
    model, inputs, expected = reference_row_means(directory, tokenizer)
    chosen = [Example(text, None, "positive") for text in TEXTS]
    run = run_teacher(model, tokenizer, chosen)
    static = StaticAttention().explain(run, Chosen(chosen, [0, 1]), tokenizer, 64)
    assert torch.allclose(head_weights(initial_teacher_coefficients(run)), head_weights(static_coefficients(2, 2)))
    encoding = encode(tokenizer, TEXTS, return_offsets_mapping=True)
    for i, found in enumerate(static):
        words, scores = word_scores(encoding, expected[i].mean(dim=0), i)  # the wordpiece rule of words.py
        assert len(words) == len(found) == [3, 1][i]  # a, superb, film; bad
        assert found.tolist() == pytest.approx(torch.softmax(torch.tensor(scores), dim=0).tolist(), abs=1e-6)


def test_the_layers_a_student_cuts_are_not_reported_as_unexpected_weights(tiny):
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logging.getLogger("transformers").addHandler(handler)
    try:
        load_student(tiny[0], 2, student_settings({"student_layers": 1}))
    finally:
        logging.getLogger("transformers").removeHandler(handler)
    assert not [record for record in records if "LOAD REPORT" in record.getMessage()]


def test_the_mean_pooled_student_reads_the_mean_of_its_token_states(tiny):
    directory, tokenizer = tiny
    student = load_student(directory, 2, student_settings({"student_layers": 1, "pooling": "mean"})).eval()
    inputs = encode(tokenizer, TEXTS)
    with torch.no_grad():
        states = student.encoder(**inputs).last_hidden_state
        found = student(**inputs, output_attentions=True)
    # [CLS] a super ##b film [SEP]; [CLS] bad [SEP] and three padding tokens
    means = torch.stack([states[0].mean(dim=0), states[1, :3].mean(dim=0)])
    assert torch.allclose(found.logits, student.classifier(means), atol=1e-6)
    assert len(found.attentions) == 1 and student.config.num_hidden_layers == 1


def test_score_maps_are_a_softmax_of_the_normalised_scores():
    # [2, -1, 0] / 2 = [1, -0.5, 0]; / temperature 0.5 = [2, -1, 0]
    total = math.exp(2) + math.exp(-1) + 1
    assert score_explanation([2.0, -1.0, 0.0], 0.5).tolist() == pytest.approx(
        [math.exp(2) / total, math.exp(-1) / total, 1 / total])


def test_the_student_loss_by_hand_on_two_examples():
    logits, labels = torch.tensor([[2.0, 0.0], [0.0, 1.0]]), torch.tensor([0, 1])
    student = torch.tensor([[0.5, 0.5, 0.0], [0.2, 0.3, 0.5]])  # the first example has two words
    teacher = torch.tensor([[0.25, 0.75, 0.0], [0.5, 0.25, 0.25]])
    mask = torch.tensor([[True, True, False], [True, True, True]])
    ce = (math.log(1 + math.exp(-2)) + math.log(1 + math.exp(-1))) / 2
    kl = [0.5 * math.log(2) + 0.5 * math.log(0.5 / 0.75), 0.2 * math.log(0.4) + 0.3 * math.log(1.2) + 0.5 * math.log(2)]
    assert kl_divergence(student, teacher, mask).tolist() == pytest.approx(kl)
    assert student_loss(logits, labels, student, teacher, mask, 5.0).item() == pytest.approx(ce + 5 * sum(kl) / 2)
    assert student_loss(logits, labels, student, teacher, mask, 0.0).item() == pytest.approx(ce)


def test_bad_settings_name_their_key():
    with pytest.raises(UserError, match=r"simulability\.beta = -1.*>= 0"):
        student_settings({"beta": -1})
    with pytest.raises(UserError, match=r"x\.budget = 0"):
        student_settings({"budget": 0}, where="x")
    with pytest.raises(UserError, match=r"unknown key\(s\) \['betta'\]"):
        student_settings({"betta": 1})
    with pytest.raises(UserError, match=r"simulability\.budget = 5: only 3 examples the teacher did not train on"):
        draw_budget(synthetic_examples(3, "pool"), 5, seed=0)


def test_missing_teacher_scores_or_layers_end_in_one_message(tiny, tmp_path):
    directory, _ = tiny
    pool, held_out = synthetic_examples(6, "pool"), synthetic_examples(4, "held")
    settings = student_settings({"budget": 4, "student_layers": 1, "epochs": 1})
    with pytest.raises(UserError, match="teacher model .*not found.*train the teacher"):
        simulate(tmp_path / "no_teacher", directory, pool, held_out, None, settings)
    with pytest.raises(UserError, match="no per-word scores"):
        simulate(directory, directory, pool, held_out, ScoreFile(str(tmp_path / "scores.jsonl"), 0.1), settings)
    with pytest.raises(UserError, match=r"simulability\.beta = 0: SMaT"):
        learn_explainer(directory, directory, pool, held_out, student_settings({"beta": 0}))
    with pytest.raises(UserError, match=r"simulability\.student_layers = 3: .* only 2 layers"):
        load_student(directory, 2, student_settings({"student_layers": 3}))


def test_a_student_learns_the_teachers_map_and_sim_is_reproducible(tiny, tmp_path):
    directory, tokenizer = tiny
    pool, held_out = synthetic_examples(16, "pool"), synthetic_examples(8, "held")
    settings = student_settings({"budget": 8, "student_layers": 1, "epochs": 3, "lr": 1.0, "batch_size": 4,
                                 "dropout": 0.0})
    teacher = load_classifier(directory)
    chosen = draw_budget(pool, 8, 0)
    run = run_teacher(teacher, tokenizer, chosen.examples)
    targets = StaticAttention(last_layer_only=True).explain(run, chosen, tokenizer, 64)
    student = load_student(directory, 2, settings)
    batch = make_batch(tokenizer, chosen.examples, run.labels, 64, targets=targets)

    def kl(coefficients):
        with torch.no_grad():
            with_map = student_loss_of(student, dict(student.named_parameters()), head_weights(coefficients), batch,
                                       batch.targets, 1.0)
            alone = student_loss_of(student, dict(student.named_parameters()), None, batch, None, 0)
        return (with_map - alone).item()

    before = kl(static_coefficients(1, 2))
    after = kl(train_student(student, tokenizer, chosen.examples, run.labels, targets, settings, beta=50.0))
    assert after < before
    sim = simulate(directory, directory, pool, held_out, StaticAttention(), settings)
    write_examples(tmp_path / "pool.tsv", pool)
    write_examples(tmp_path / "held_out.tsv", held_out)
    record = simulate_files(directory, directory, tmp_path / "pool.tsv", tmp_path / "held_out.tsv", SYNTHETIC,
                            StaticAttention(), settings, tmp_path / "sim.json")
    assert json.loads((tmp_path / "sim.json").read_text()) == record  # the files give the same student
    assert record == {"sim": sim, "budget": 8, "seed": 0, "beta": settings.beta, "held_out": 8,
                      "agrees": record["agrees"], "fit": record["fit"]} and 0 <= sim <= 1
    fit = record["fit"]
    assert len(fit["train_loss"]) == settings.epochs and all(loss > 0 for loss in fit["train_loss"])
    assert fit["majority_share"] == majority_share(run.labels)  # the same budget draw (seed 0)
    assert fit["learned"] == learned(fit["train_agreement"], fit["majority_share"])
    assert len(record["agrees"]) == 8 and set(record["agrees"]) <= {0, 1} and sum(record["agrees"]) / 8 == sim


def test_a_student_learned_when_it_fits_its_budget_halfway_from_the_commonest_label():
    assert majority_share([0, 1, 1, 2]) == 0.5 and majority_share([3]) == 1.0
    assert learned(0.75, 0.5) and not learned(0.74, 0.5)  # halfway from 0.5 to 1 is 0.75
    assert learned(1.0, 1.0) and not learned(0.6, 0.25)  # 6 trec classes, commonest 25 %: 0.625 needed


@pytest.mark.parametrize("pooling", ["cls", "mean"])
def test_the_hypergradient_equals_finite_differences(tiny, pooling):
    directory, tokenizer = tiny
    student = load_student(directory, 2, student_settings({"dropout": 0.0, "pooling": pooling})).double().eval()
    examples = synthetic_examples(4, "bilevel")
    generator = torch.Generator().manual_seed(0)
    words = make_batch(tokenizer, examples[:2], [0, 1], 64).word_mask.sum(dim=1).tolist()
    teacher_logits = [3 * torch.randn(4, count, generator=generator, dtype=torch.float64) for count in words]
    batch = make_batch(tokenizer, examples[:2], [0, 1], 64, teacher_logits=teacher_logits)
    outer_batch = make_batch(tokenizer, examples[2:], [1, 0], 64)
    params = {name: value.detach() for name, value in student.named_parameters()}
    student_weights = head_weights(torch.zeros(4, dtype=torch.float64))
    coefficients = torch.tensor([0.1, -0.05, 0.02, 0.0], dtype=torch.float64)  # every head in the support
    found, _ = hypergradient(coefficients, student, params, student_weights, batch, outer_batch, 1.0, 5.0)

    def loss(at):
        return outer_loss(head_weights(at), student, params, student_weights, batch, outer_batch, 1.0, 5.0).item()

    step = 1e-4
    differences = [(loss(coefficients + step * unit) - loss(coefficients - step * unit)) / (2 * step)
                   for unit in torch.eye(4, dtype=torch.float64)]
    assert found.abs().max() > 1e-8  # the explainer does move the outer loss
    assert found.tolist() == pytest.approx(differences, rel=1e-4, abs=1e-12)


def test_the_smat_ranker_ranks_by_the_learned_map(tiny, tmp_path):
    directory, tokenizer = tiny
    model = load_classifier(directory)
    learned = tmp_path / "learned" / "explainer.json"
    settings = {"batch_size": 2, "max_length": 64, "learned": str(learned)}
    with pytest.raises(UserError, match="no learned explainer; run SMaT"):
        smat_ranker(model, tokenizer, [], "x", settings, [], directory)
    with pytest.raises(UserError, match="name no learned explainer"):
        smat_ranker(model, tokenizer, [], "x", {"batch_size": 2, "max_length": 64}, [], directory)
    save_learned(learned, [-1.0, -1.0, 0.9, -1.0], layers=2, heads=2)  # sparsemax: head 3 alone
    examples = synthetic_examples(3, "rank")
    found = smat_ranker(model, tokenizer, examples, "x", settings, [0, 1, 2], directory)
    run = run_teacher(model, tokenizer, examples)
    for explained, logits in zip(found, run.head_word_logits):
        assert explained.scores == pytest.approx(torch.softmax(logits[2], dim=0).tolist(), abs=1e-6)
        best = max((score, word) for word, score in zip(explained.words, explained.scores) if word.isalnum())
        assert explained.ranking[0] == best[1]
    assert json.loads(learned.read_text())["coefficients"][2] == 0.9


def test_score_files_and_random_scores_give_each_chosen_example_its_own_map(tiny, tmp_path):
    directory, tokenizer = tiny
    pool = synthetic_examples(3, "scored")
    rows = []
    for number, example in enumerate(pool):
        words = [word_text(w, (example.text_a, None)) for w in input_words(tokenizer, example.text_a, max_length=64)]
        rows.append({"words": words, "scores": [float(number + k) for k in range(len(words))]})
    path = tmp_path / "scores.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    chosen = Chosen(pool, [0, 2])
    run = run_teacher(load_classifier(directory), tokenizer, chosen.examples)
    found = ScoreFile(str(path), 0.5).explain(run, chosen, tokenizer, 64)
    for explanation, row in zip(found, [rows[0], rows[2]]):
        largest = max(abs(s) for s in row["scores"])
        expected = torch.softmax(torch.tensor(row["scores"]) / largest / 0.5, dim=0)
        assert explanation.tolist() == pytest.approx(expected.tolist())
    alone = RandomScores(7, 0.1).explain(run_teacher(load_classifier(directory), tokenizer, pool[2:]),
                                         Chosen(pool, [2]), tokenizer, 64)
    with_another = RandomScores(7, 0.1).explain(run, chosen, tokenizer, 64)
    assert torch.equal(alone[0], with_another[1])  # seeded by the pool index, not the position in the budget
    assert not torch.equal(with_another[0][:2], with_another[1][:2])


def test_reading_the_settings_imports_no_torch():
    code = ("import sys; import ielearn.classify.simulability.settings, "
            "ielearn.classify.simulability.learned_explainer; print('torch' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=REPO).stdout.strip() == "False"
