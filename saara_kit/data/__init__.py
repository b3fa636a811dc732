"""Read-only reference and sample data: hubs (``params/``), wilayas and samples (``datasets/``).

The samples are tables (pandas): they load when first asked for, so a form that only needs a hub's
settings does not load pandas."""

from saara_kit.data.hubs import Hub, list_hubs, load_hub
from saara_kit.data.regions import Region, list_regions, load_region

__all__ = [
    "Hub",
    "Region",  # Region, list_regions, load_region: the old names of Hub, list_hubs, load_hub, kept as aliases
    "list_hubs",
    "list_regions",
    "load_dataset",
    "load_hub",
    "load_region",
    "sample_records",
    "wilayas",
]
SAMPLES = ("load_dataset", "sample_records", "wilayas")


def __getattr__(name: str):
    if name in SAMPLES:
        from saara_kit.data import samples

        return getattr(samples, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
