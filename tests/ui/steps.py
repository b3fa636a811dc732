"""Driving a step's form as a participant does, through its public surface."""

from __future__ import annotations


def add(step, **values) -> bool:
    """Fill the step's editor afresh with ``values`` and put them in its list; False if refused."""
    step.reset()
    step.value = values
    return step.add()
