"""ielearn's fairseq --user-dir plugin.

fairseq imports this package in every command given `--user-dir` (under the top-level name
`fairseq_plugin`), so the modules below are imported by their absolute `ielearn.` names:
each registers its task or model exactly once however the package was reached.

- safe_loading: makes fairseq checkpoints loadable under torch >= 2.6 (weights-only
  `torch.load`) by allow-listing the `argparse.Namespace` fairseq pickles in them.
- exact_resume: a training resumed from its checkpoint retraces the uninterrupted one (the
  same batches, the same patience count), which fairseq 0.12 alone does not.
- positions_task: task `ielearn_translation_positions` (source position ids in every batch).
- transformer, fconv: models `ielearn_transformer` / `ielearn_fconv` (archs
  `ielearn_transformer_iwslt_de_en`, `ielearn_fconv_iwslt_de_en`) that embed those ids.
"""

from ielearn.nmt.fairseq_plugin.safe_loading import allow_fairseq_checkpoint_globals

allow_fairseq_checkpoint_globals()

from ielearn.nmt.fairseq_plugin.exact_resume import install as install_exact_resume  # noqa: E402

install_exact_resume()

import ielearn.nmt.fairseq_plugin.fconv  # noqa: E402,F401  (registers ielearn_fconv)
import ielearn.nmt.fairseq_plugin.positions_task  # noqa: E402,F401  (registers the task)
import ielearn.nmt.fairseq_plugin.transformer  # noqa: E402,F401  (registers ielearn_transformer)
