"""Readers and generators that produce train/valid/test example lists for one dataset."""
