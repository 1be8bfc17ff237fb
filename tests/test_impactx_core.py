"""IMPACTX's networks, targets and loss on hand-computed cases (ielearn/classify/impactx/)."""

import math

import pytest
import torch

from ielearn.classify.explain.words import words_of_encoding
from ielearn.classify.impactx.losses import (
    impactx_loss,
    impactx_terms,
    padded_targets,
    piece_means,
    word_map,
)
from ielearn.classify.impactx.model import impactx_from_pretrained
from ielearn.classify.impactx.targets import aligned, normalised, shuffled_order, shuffled_targets
from ielearn.classify.model import load_tokenizer
from tiny_bert import make_tiny_bert


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    directory = make_tiny_bert(tmp_path_factory.mktemp("impactx") / "bert")
    return directory, load_tokenizer(str(directory))


def test_a_two_example_batch_gives_logits_and_one_score_per_token(tiny):
    directory, tokenizer = tiny
    torch.manual_seed(0)
    model = impactx_from_pretrained(str(directory), num_labels=2)
    batch = tokenizer(["a superb film", "bad"], padding=True, return_tensors="pt")
    logits, token_map = model(batch["input_ids"], batch["attention_mask"], batch["token_type_ids"])
    assert logits.shape == (2, 2) and token_map.shape == batch["input_ids"].shape
    assert model.classifier.in_features == 2 * model.m.config.hidden_size  # C reads [m; z]
    assert model.m is not model.lep and model.decoder.out_features == 1


def test_a_words_score_is_the_mean_of_its_pieces(tiny):
    _, tokenizer = tiny
    encoding = tokenizer(["a superb film"], return_offsets_mapping=True)
    owners = words_of_encoding(encoding, encoding["offset_mapping"][0]).token_words
    assert owners == [None, 0, 1, 1, 2, None]  # [CLS] a super ##b film [SEP]
    averaging = piece_means([owners], [3], len(owners))
    token_map = torch.tensor([[9.0, 0.5, 1.0, 3.0, -2.0, 9.0]])
    assert word_map(token_map, averaging).tolist() == [[0.5, 2.0, -2.0]]  # 'superb': (1 + 3) / 2


def test_the_loss_by_hand():
    logits, labels = torch.tensor([[2.0, 0.0], [0.0, 1.0]]), torch.tensor([0, 1])
    predicted = torch.tensor([[0.5, -1.0], [0.2, 7.0]])  # the second example has one word
    targets, mask = padded_targets([[1.0, -1.0], [0.0]], 2)
    terms = impactx_terms(logits, labels, predicted, targets, mask)
    ce = (math.log(1 + math.exp(-2)) + math.log(1 + math.exp(-1))) / 2
    mse = ((0.5 - 1.0) ** 2 + 0.0 + (0.2 - 0.0) ** 2) / 3  # the padding word (7.0) counts nowhere
    assert terms["ce"].item() == pytest.approx(ce) and terms["map"].item() == pytest.approx(mse)
    assert impactx_loss(terms, 0.5).item() == pytest.approx(ce + 0.5 * mse)
    assert impactx_loss(terms, 0.0).item() == pytest.approx(ce)


def test_maps_are_normalised_per_example_keeping_their_sign():
    assert normalised([2.0, -4.0, 1.0]) == [0.5, -1.0, 0.25]
    assert normalised([0.0, 0.0]) == [0.0, 0.0] and normalised([]) == []


def _step(model, tokenizer, lam):
    batch = tokenizer(["a superb film", "bad"], padding=True, return_tensors="pt", return_offsets_mapping=True)
    owners = [words_of_encoding(batch, batch["offset_mapping"][b].tolist(), b).token_words for b in range(2)]
    averaging = piece_means(owners, [3, 1], batch["input_ids"].shape[1])
    logits, token_map = model(batch["input_ids"], batch["attention_mask"], batch["token_type_ids"])
    targets, mask = padded_targets([[0.1, 1.0, -0.5], [1.0]], 3)
    terms = impactx_terms(logits, torch.tensor([1, 0]), word_map(token_map, averaging), targets, mask)
    optimiser = torch.optim.AdamW(model.parameters(), lr=0.1, weight_decay=0.01)  # as the training loop
    impactx_loss(terms, lam).backward()
    optimiser.step()


def test_lambda_zero_leaves_d_untrained_and_a_positive_lambda_trains_it(tiny):
    directory, tokenizer = tiny
    for lam, moves in ((0.0, False), (1.0, True)):
        torch.manual_seed(0)
        model = impactx_from_pretrained(str(directory), num_labels=2)
        before = model.decoder.weight.detach().clone()
        classifier = model.classifier.weight.detach().clone()
        _step(model, tokenizer, lam)
        assert (model.decoder.weight.grad is not None) == moves
        assert (not torch.equal(model.decoder.weight, before)) == moves
        assert not torch.equal(model.classifier.weight, classifier)  # C learns either way


def test_the_shuffled_control_gives_each_example_another_examples_map():
    maps = [[1.0, -0.5], [0.2, 0.4, -1.0], [1.0], [0.0, 1.0, 0.5, -0.25]]
    targets, order = shuffled_targets(maps, seed=3)
    assert sorted(order) == list(range(4)) and all(i != j for i, j in enumerate(order))
    assert sorted(map(tuple, (maps[j] for j in order))) == sorted(map(tuple, maps))  # a permutation of R
    for i, j in enumerate(order):
        assert targets[i] == aligned(maps[j], len(maps[i])) and len(targets[i]) == len(maps[i])
    assert aligned([1.0, 2.0, 3.0], 2) == [1.0, 2.0] and aligned([1.0], 3) == [1.0, 0.0, 0.0]
    assert shuffled_order(4, seed=3) == order and shuffled_order(1, seed=3) == [0]
