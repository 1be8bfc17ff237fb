"""`ielearn_transformer`: fairseq's Transformer whose encoder reads attention positions.

Sinusoidal source positions come from `src_positions` when the task provides them; the
decoder and everything else are the stock model. With the default ids it is the stock model.
"""

from fairseq.models import register_model, register_model_architecture
from fairseq.models.transformer import TransformerModel, transformer_iwslt_de_en

from ielearn.nmt.fairseq_plugin.with_positions import ModelWithPositions, encoder_with_positions


@register_model("ielearn_transformer")
class TransformerWithPositions(ModelWithPositions, TransformerModel):
    @classmethod
    def build_encoder(cls, args, src_dict, embed_tokens):
        return encoder_with_positions(super().build_encoder(args, src_dict, embed_tokens))


@register_model_architecture("ielearn_transformer", "ielearn_transformer_iwslt_de_en")
def ielearn_transformer_iwslt_de_en(args):
    transformer_iwslt_de_en(args)
