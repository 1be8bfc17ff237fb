"""`ielearn_translation_positions`: fairseq's translation task plus source position ids.

Every split it loads (train, valid, test; in fairseq-train, its validation, and
fairseq-generate) is wrapped so each batch carries `net_input["src_positions"]`, read from
`<data>/<split>.positions.{bin,idx}` (see source_positions.py). fairseq-interactive builds
its own batches without them: models then fall back to the default positions.
"""

from dataclasses import dataclass

from fairseq import utils
from fairseq.tasks import register_task
from fairseq.tasks.translation import TranslationConfig, TranslationTask

from ielearn.nmt.fairseq_plugin.source_positions import (
    SourcePositionsDataset,
    positions_prefix,
    read_positions,
)

TASK_NAME = "ielearn_translation_positions"


@dataclass
class TranslationPositionsConfig(TranslationConfig):
    pass


@register_task(TASK_NAME, dataclass=TranslationPositionsConfig)
class TranslationPositionsTask(TranslationTask):
    def load_dataset(self, split, epoch=1, combine=False, **kwargs):
        super().load_dataset(split, epoch=epoch, combine=combine, **kwargs)
        paths = utils.split_paths(self.cfg.data)
        # the same shard choice as TranslationTask.load_dataset
        data_path = paths[(epoch - 1) % len(paths)] if split == self.cfg.train_subset else paths[0]
        prefix = positions_prefix(data_path, split)
        positions = read_positions(prefix)
        if positions is None:
            raise FileNotFoundError(
                f"{prefix}.bin/.idx not found: task {TASK_NAME} needs the source position ids "
                "that ielearn's binarize stage writes beside the binarised data"
            )
        self.datasets[split] = SourcePositionsDataset(self.datasets[split], positions, f"{prefix}.bin")
