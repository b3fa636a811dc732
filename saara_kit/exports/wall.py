"""Moved to ``saara_kit.stakeholders.wall``: the wall posters are the stakeholder charts'. Kept for callers."""

from saara_kit.stakeholders.wall import A3_INCHES, WALL_FORMATS, wall_charts, write_a3

__all__ = ["A3_INCHES", "WALL_FORMATS", "wall_charts", "write_a3"]
