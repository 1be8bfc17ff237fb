"""The translation half: fairseq binarisation, training, decoding with attention, scoring."""
