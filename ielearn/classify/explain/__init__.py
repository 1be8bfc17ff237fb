"""Extractors: the single most important word of each example, by [CLS] attention, LIME or SHAP."""
