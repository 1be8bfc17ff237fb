from fairseq.data.data_utils import post_process
from sacremoses import MosesTokenizer

from ielearn.io import read_lines, write_lines
from ielearn.nmt.postprocess import postprocess_file
from ielearn.nmt.preprocess.bpe import apply_bpe, learn_joint_bpe, remove_bpe
from ielearn.nmt.preprocess.clean import filter_pairs, keep_pair
from ielearn.nmt.preprocess.moses import tokenize_file
from ielearn.nmt.preprocess.truecase import train_truecaser, truecase_file


def test_tokenize_matches_sacremoses_with_aggressive_dashes(tmp_path):
    lines = ["C'est un stylo-bille, non ?", "Le « chat » & co."]
    write_lines(tmp_path / "raw", lines)
    tokenize_file(tmp_path / "raw", tmp_path / "tok", "fr")
    reference = MosesTokenizer(lang="fr")
    expected = [reference.tokenize(line, aggressive_dash_splits=True, return_str=True) for line in lines]
    assert read_lines(tmp_path / "tok") == expected
    assert "@-@" in read_lines(tmp_path / "tok")[0]


def test_keep_pair_rules():
    assert keep_pair("a b c", "x y z")
    assert not keep_pair("", "x")
    assert not keep_pair("a b c d", "x y")  # ratio 2 > 1.5
    assert keep_pair("a b c", "x y")  # ratio 1.5 is allowed
    assert not keep_pair("a " * 176, "x " * 176)
    assert keep_pair("a " * 175, "x " * 175)


def test_filter_pairs_keeps_alignment(tmp_path):
    write_lines(tmp_path / "s", ["a b", "", "a b c d e", "c d"])
    write_lines(tmp_path / "t", ["x y", "x", "y", "z w"])
    kept = filter_pairs(tmp_path / "s", tmp_path / "t", tmp_path / "so", tmp_path / "to")
    assert kept == 2
    assert read_lines(tmp_path / "so") == ["a b", "c d"]
    assert read_lines(tmp_path / "to") == ["x y", "z w"]


def test_truecaser_learns_sentence_initial_case(tmp_path):
    write_lines(tmp_path / "train", ["The cat sleeps .", "I saw the cat .", "Paris is big .",
                                     "I like Paris .", "so the dog runs ."])
    train_truecaser(tmp_path / "train", tmp_path / "model")
    write_lines(tmp_path / "test", ["The dog likes Paris ."])
    truecase_file(tmp_path / "test", tmp_path / "model", tmp_path / "out")
    assert read_lines(tmp_path / "out") == ["the dog likes Paris ."]


def test_joint_bpe_round_trips(tmp_path):
    write_lines(tmp_path / "a", ["lower lowest newer newest"] * 5)
    write_lines(tmp_path / "b", ["wider widest"] * 5)
    learn_joint_bpe([tmp_path / "a", tmp_path / "b"], tmp_path / "codes", 10)
    assert len(read_lines(tmp_path / "codes")) > 1
    write_lines(tmp_path / "text", ["lowest widest newer"])
    apply_bpe(tmp_path / "text", tmp_path / "codes", tmp_path / "bpe")
    segmented = read_lines(tmp_path / "bpe")[0]
    assert "@@ " in segmented
    assert segmented.replace("@@ ", "") == "lowest widest newer"


def test_postprocess_undoes_bpe_truecase_and_tokenisation(tmp_path):
    write_lines(tmp_path / "hyp", ["it &apos;s a pen@@ cil , isn &apos;t it ?"])
    postprocess_file(tmp_path / "hyp", tmp_path / "out", "en")
    assert read_lines(tmp_path / "out") == ["It's a pencil, isn't it?"]


def test_remove_bpe_is_fairseqs_subword_nmt_rule():
    lines = ["", "a", "pen@@ cil", "pen@@ cil@@", "a@@ b@@ c d", "x @@ y", "tail@@ ", " lead",
             "two  spaces@@  here", "@@", "@@ @@ x"]
    assert [remove_bpe(line) for line in lines] == [post_process(line, "subword_nmt") for line in lines]

