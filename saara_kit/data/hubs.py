"""The learning hubs, one YAML file each in ``params/``.

Names, in the kit's code: a hub's id ("ouest") is ``hub_id`` (several: ``hub_ids``), a loaded ``Hub``
is ``hub``. ``region`` is left only where people or stored data see it: the ``--region`` option,
``$SAARA_REGION``, the lessons' ``region`` parameter, the store's ``region`` column (a ``Revision``'s
field), the ``region`` field of files and tables, message keys and placeholders
(tests/unit/test_hub_name.py lists the modules, and fails on a new ``region`` name elsewhere)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from saara_kit.i18n import TranslatedError, in_language, language, languages, normalise_lang
from saara_kit.settings import PARAMS_DIR
from saara_kit.yaml_files import read_yaml

__all__ = ["EuroRate", "Hub", "hub_name", "list_hubs", "load_hub"]


@dataclass(frozen=True)
class EuroRate:
    """How many DZD one EUR is worth in a hub's budgets, since ``date``; ``second`` is another
    rate (the parallel market's) that budgets are recomputed at to see what changes."""

    dzd: float
    date: dt.date
    second: float


@dataclass(frozen=True)
class Hub:
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


def list_hubs(params_dir: Path = PARAMS_DIR) -> list[str]:
    """Return the hub ids, one per ``params/<id>.yaml``, sorted."""
    return sorted(path.stem for path in params_dir.glob("*.yaml"))


def load_hub(hub_id: str, params_dir: Path = PARAMS_DIR) -> Hub:
    """Load and check ``params/<hub_id>.yaml``."""
    path = params_dir / f"{hub_id}.yaml"
    if not path.is_file():
        raise TranslatedError("region.unknown", hub=hub_id, known=", ".join(list_hubs(params_dir)))
    try:
        raw = read_yaml(path)
        if not isinstance(raw, dict):
            raise ValueError("not a mapping of keys to values")
        missing = [
            lang for lang in languages() if lang not in raw.get("name", {}) and not language(lang).get("fallback")
        ]
        if raw.get("id") != hub_id or missing:
            raise TranslatedError("region.invalid", path=path.name, hub=hub_id)
        return Hub(
            id=hub_id,
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
            "region.unreadable", path=path.name, reason=reason, known=", ".join(list_hubs(params_dir))
        ) from error


def hub_name(hub_id: str, lang: str) -> str:
    """Return the name of hub ``hub_id`` in ``lang`` ("ouest" -> "قطب الغرب"); an id no hub has
    (a record from a hub since removed) is shown as it is."""
    if hub_id not in list_hubs():
        return str(hub_id)
    return load_hub(hub_id).name(lang)
