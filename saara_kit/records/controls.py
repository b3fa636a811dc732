"""Moved to ``saara_kit.forms.controls``: the model stays in ``saara_kit.records``, the form above it. Kept for callers."""

from saara_kit.forms.controls import FIELD_LAYOUT, WIDE, field_control

__all__ = ["FIELD_LAYOUT", "WIDE", "field_control"]
