"""Moved to ``saara_kit.forms.form``: the model stays in ``saara_kit.records``, the form above it. Kept for callers."""

from saara_kit.forms.form import RecordListForm

__all__ = ["RecordListForm"]
