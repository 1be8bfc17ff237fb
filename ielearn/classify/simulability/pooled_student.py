"""A student that classifies from the mean of its last layer's token states (padding left
out) instead of the [CLS] state through BERT's pooler. The offline MiniLM is a sentence-
embedding model trained for mean pooling: its first layers' [CLS] state barely varies between
inputs, and a [CLS] student trained by SGD sits at the class prior (docs/simulability.md).
It answers like a transformers classifier where the student's code asks: `.logits`,
`.attentions`, `config`, `device`."""

import torch
from torch import nn
from transformers.modeling_outputs import SequenceClassifierOutput


class MeanPooledClassifier(nn.Module):
    def __init__(self, encoder, num_labels, dropout):
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(encoder.config.hidden_size, num_labels)

    @property
    def config(self):
        return self.encoder.config

    @property
    def device(self):
        return self.classifier.weight.device

    def forward(self, input_ids, attention_mask, token_type_ids=None, output_attentions=False):
        outputs = self.encoder(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids,
                               output_attentions=output_attentions)
        keep = attention_mask.to(outputs.last_hidden_state.dtype).unsqueeze(-1)
        pooled = (outputs.last_hidden_state * keep).sum(dim=1) / keep.sum(dim=1)
        return SequenceClassifierOutput(logits=self.classifier(self.dropout(pooled)),
                                        attentions=outputs.attentions if output_attentions else None)
