"""Moved to ``saara_kit.forms.state``: the model stays in ``saara_kit.records``, the form above it. Kept for callers."""

from saara_kit.forms.state import STATES, Notice, RecordListState

__all__ = ["STATES", "Notice", "RecordListState"]
