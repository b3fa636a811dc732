"""Moved to ``saara_kit.forms.steps``: the model stays in ``saara_kit.records``, the form above it. Kept for callers."""

from saara_kit.forms.steps import StepsForm

__all__ = ["StepsForm"]
