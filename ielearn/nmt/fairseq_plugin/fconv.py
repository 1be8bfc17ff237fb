"""`ielearn_fconv`: fairseq's ConvS2S whose encoder reads attention positions.

Learned source positions are looked up at `src_positions` when the task provides them; the
decoder (and so the alignment: attention averaged over the decoder's attention layers) is
the stock model. With the default ids it is the stock model.
"""

from fairseq.models import register_model, register_model_architecture
from fairseq.models.fconv import FConvModel, fconv_iwslt_de_en

from ielearn.nmt.fairseq_plugin.with_positions import ModelWithPositions, encoder_with_positions


@register_model("ielearn_fconv")
class FConvWithPositions(ModelWithPositions, FConvModel):
    @classmethod
    def build_model(cls, args, task):
        stock = super().build_model(args, task)  # FConvModel builds FConvEncoder by name
        return cls(encoder_with_positions(stock.encoder), stock.decoder)


@register_model_architecture("ielearn_fconv", "ielearn_fconv_iwslt_de_en")
def ielearn_fconv_iwslt_de_en(args):
    fconv_iwslt_de_en(args)
