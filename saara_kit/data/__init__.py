"""Read-only reference and sample data: hubs (``params/``), wilayas and samples (``datasets/``)."""
from saara_kit.data.regions import Region, list_regions, load_region
from saara_kit.data.samples import load_dataset, sample_records, wilayas

__all__ = [
    "Region",
    "list_regions",
    "load_dataset",
    "load_region",
    "sample_records",
    "wilayas",
]
