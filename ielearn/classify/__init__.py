"""The classification half (Alg. 2 and 4 of the paper): fine-tune a BERT-family classifier,
extract one important word per example ([CLS] attention, LIME or SHAP), append it, fine-tune
again."""
