"""The learning hubs, one YAML file each in ``params/``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from saara_kit.i18n import TranslatedError, in_language, language, languages, normalise_lang
from saara_kit.settings import PARAMS_DIR
from saara_kit.yaml_files import read_yaml

__all__ = ["EuroRate", "Region", "hub_name", "list_regions", "load_region"]


@dataclass(frozen=True)
class EuroRate:
    """How many DZD one EUR is worth in a hub's budgets, since ``date``; ``second`` is another
    rate (the parallel market's) that budgets are recomputed at to see what changes."""

    dzd: float
    date: dt.date
    second: float


@dataclass(frozen=True)
class Region:
    """A learning hub: its id, names, wilayas, default language, workshop date and euro rate."""

    id: str
    names: dict[str, str]
    hub_city: str
    default_lang: str
    workshop_date: dt.date
    wilayas: tuple[int, ...]
    eur_rate: EuroRate

    def name(self, lang: str) -> str:
        """Return the hub's name in ``lang``, else in that language's fallback."""
        return in_language(self.names, lang)[0]


def list_regions(params_dir: Path = PARAMS_DIR) -> list[str]:
    """Return the hub ids, one per ``params/<id>.yaml``, sorted."""
    return sorted(path.stem for path in params_dir.glob("*.yaml"))


def load_region(region_id: str, params_dir: Path = PARAMS_DIR) -> Region:
    """Load and check ``params/<region_id>.yaml``."""
    path = params_dir / f"{region_id}.yaml"
    if not path.is_file():
        raise TranslatedError("region.unknown", hub=region_id, known=", ".join(list_regions(params_dir)))
    try:
        raw = read_yaml(path)
        if not isinstance(raw, dict):
            raise ValueError("not a mapping of keys to values")
        missing = [
            lang for lang in languages() if lang not in raw.get("name", {}) and not language(lang).get("fallback")
        ]
        if raw.get("id") != region_id or missing:
            raise TranslatedError("region.invalid", path=path.name, hub=region_id)
        return Region(
            id=region_id,
            names=dict(raw["name"]),
            hub_city=raw["hub_city"],
            default_lang=normalise_lang(raw["default_lang"]),
            workshop_date=raw["workshop_date"],
            wilayas=tuple(int(code) for code in raw["wilayas"]),
            eur_rate=EuroRate(float(raw["eur_rate"]["dzd"]), raw["eur_rate"]["date"], float(raw["eur_rate"]["second"])),
        )
    except (yaml.YAMLError, ValueError, TypeError, KeyError) as error:  # broken YAML, a missing or wrong value
        reason = " ".join(f"{type(error).__name__}: {error}".split())
        raise TranslatedError(
            "region.unreadable", path=path.name, reason=reason, known=", ".join(list_regions(params_dir))
        ) from error


def hub_name(region_id: str, lang: str) -> str:
    """Return the name of hub ``region_id`` in ``lang`` ("ouest" -> "قطب الغرب"); an id no hub has
    (a record from a hub since removed) is shown as it is."""
    if region_id not in list_regions():
        return str(region_id)
    return load_region(region_id).name(lang)
