"""ielearn's fairseq --user-dir plugin.

fairseq imports this package in every command given `--user-dir`; importing it makes
fairseq checkpoints loadable under torch >= 2.6, whose `torch.load` is weights-only by
default: fairseq pickles an `argparse.Namespace` (and a few plain types) in every
checkpoint, so those globals are allow-listed here rather than weights-only loading
being switched off for the whole process.
"""

from ielearn.fairseq_plugin.safe_loading import allow_fairseq_checkpoint_globals

allow_fairseq_checkpoint_globals()
