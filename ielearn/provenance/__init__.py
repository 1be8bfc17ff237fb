"""Provenance: what each scored result was computed with (ielearn/provenance/records.py)."""
