"""The hubs' module under its old name, for callers outside the kit: ``Region``, ``load_region`` and
``list_regions`` are ``Hub``, ``load_hub`` and ``list_hubs`` of ``saara_kit.data.hubs``."""

from saara_kit.data.hubs import EuroRate, hub_name
from saara_kit.data.hubs import Hub as Region
from saara_kit.data.hubs import list_hubs as list_regions
from saara_kit.data.hubs import load_hub as load_region

__all__ = ["EuroRate", "Region", "hub_name", "list_regions", "load_region"]  # the old names, aliases
