"""Per-sentence source position ids stored beside fairseq's binarised source, and the
dataset wrapper that batches them with the source tokens.

File format (written by ielearn's binarize stage, read by the `ielearn_translation_positions`
task): a fairseq mmap IndexedDataset `<data>/<split>.positions.{bin,idx}`, one int32 item
per sentence with one id per token of the binarised source *including its EOS*. An id is
the 0-based index in the original source x the token stands for: 0..I-1 for x itself, ρ_j
for the appended word α_j (the `.origin` file of the enrich stage), and for the EOS its own
index in x' (I+J), where the stock models put it too. The paper's 1-based p' is id + 1.

fairseq numbers positions from padding_idx+1 (`utils.make_positions`), so the collater
hands the model `id + padding_idx + 1` and `padding_idx` on pads: the default ids
0..len-1 then equal make_positions exactly.
"""

import numpy as np
import torch
from fairseq.data import BaseWrapperDataset, data_utils, indexed_dataset

SUFFIX = "positions"


def positions_prefix(data_dir, split):
    return f"{data_dir}/{split}.{SUFFIX}"


def write_positions(prefix, origins):
    """Write one item per sentence: its origin ids followed by the EOS's own index."""
    builder = indexed_dataset.MMapIndexedDatasetBuilder(
        indexed_dataset.data_file_path(prefix), dtype=np.int32
    )
    for origin in origins:
        builder.add_item(torch.tensor([*origin, len(origin)], dtype=torch.int32))
    builder.finalize(indexed_dataset.index_file_path(prefix))


def read_positions(prefix):
    """The stored ids, or None when the files do not exist."""
    if not indexed_dataset.MMapIndexedDataset.exists(prefix):
        return None
    return indexed_dataset.MMapIndexedDataset(prefix)


class SourcePositionsDataset(BaseWrapperDataset):
    """A LanguagePairDataset whose batches also carry net_input["src_positions"].

    fairseq filters and sorts *indices* and the collater reorders sentences by source
    length; ids are fetched with the same index as the tokens and put back in the batch's
    order by sentence id, then padded on the same side and to the same width as src_tokens.
    """

    def __init__(self, dataset, positions, where):
        super().__init__(dataset)
        self.positions = positions
        self.where = where  # file name for error messages
        self.offset = dataset.src_dict.pad() + 1
        if len(positions) != len(dataset):
            raise ValueError(
                f"{where} holds {len(positions)} sentences but the binarised source has "
                f"{len(dataset)}: rerun the binarize stage"
            )

    @property
    def src(self):
        return self.dataset.src

    @property
    def tgt(self):
        return self.dataset.tgt

    def __getitem__(self, index):
        item = self.dataset[index]
        ids = self.positions[index].long()
        if len(ids) != len(item["source"]):
            raise ValueError(
                f"{self.where}: sentence {index} has {len(ids)} position ids for "
                f"{len(item['source'])} source tokens: rerun the binarize stage"
            )
        item["src_positions"] = ids + self.offset
        return item

    def collater(self, samples, pad_to_length=None):
        batch = self.dataset.collater(samples, pad_to_length=pad_to_length)
        if not batch:
            return batch
        by_id = {sample["id"]: sample["src_positions"] for sample in samples}
        src_tokens = batch["net_input"]["src_tokens"]
        batch["net_input"]["src_positions"] = data_utils.collate_tokens(
            [by_id[i] for i in batch["id"].tolist()],
            pad_idx=self.offset - 1,
            left_pad=self.dataset.left_pad_source,
            pad_to_length=src_tokens.size(1),
        )
        return batch
