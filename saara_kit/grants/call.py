"""A call for projects of the support fund: one YAML file in ``params/calls/`` (envelope, dates,
hubs, eligibility rules, the scoring grid, quota), or in ``$SAARA_CALLS_DIR`` when a hub keeps
its calls elsewhere (a new year's call, without touching the kit)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from saara_kit.i18n import TranslatedError, in_language
from saara_kit.settings import PARAMS_DIR
from saara_kit.yaml_files import read_yaml

__all__ = [
    "CALLS_DIR",
    "CRITERIA",
    "RULES",
    "Call",
    "Criterion",
    "calls_folder",
    "list_calls",
    "load_call",
    "open_call",
]

CALLS_DIR = PARAMS_DIR / "calls"
# the criteria a call may weigh (each labelled ``reviews.field.<id>`` in the three languages)
CRITERIA = ("relevance", "feasibility", "concertation", "sustainability", "budget_quality", "capacity")
# the eligibility rules a call may ask for (saara_kit.grants.eligibility), each ``grants.rule.<id>``
RULES = ("registered", "region", "max_grant", "cofinancing", "duration", "deadline")


@dataclass(frozen=True)
class Criterion:
    """One line of the scoring grid: its id, its weight and its scale (``low`` to ``high``)."""

    id: str
    weight: float
    low: int
    high: int

    def share(self, score: float) -> float:
        """Return where ``score`` sits on the scale, from 0 (``low``) to 1 (``high``)."""
        return (score - self.low) / (self.high - self.low)


@dataclass(frozen=True)
class Call:
    """A call for projects; amounts in DZD, scores out of 100."""

    id: str
    titles: dict[str, str]
    envelope: float
    max_grant: float
    opens: dt.date
    closes: dt.date
    hub_ids: tuple[str, ...]
    min_cofinancing: float
    max_duration_months: int
    threshold: float
    disagreement: float
    reviews_per_application: int
    criteria: tuple[Criterion, ...]
    eligibility: tuple[str, ...]
    quota: dict[str, int] | None = None

    def title(self, lang: str) -> str:
        """Return the call's title in ``lang``, else in that language's fallback."""
        return in_language(self.titles, lang)[0]

    def criterion(self, criterion_id: str) -> Criterion:
        """Return the criterion ``criterion_id`` of the grid."""
        return next(c for c in self.criteria if c.id == criterion_id)

    @property
    def heaviest(self) -> Criterion:
        """Return the criterion that weighs most (the first such): the first tie-break."""
        return max(self.criteria, key=lambda c: c.weight)

    def with_envelope(self, envelope: float) -> Call:
        """Return the same call with another envelope (what if it grows or shrinks)."""
        from dataclasses import replace

        return replace(self, envelope=envelope)


def calls_folder() -> Path:
    """Return the folder of the calls: ``$SAARA_CALLS_DIR``, else the kit's ``params/calls``."""
    return Path(os.environ.get("SAARA_CALLS_DIR") or CALLS_DIR)


def list_calls(calls_dir: Path | None = None) -> list[str]:
    """Return the ids of the calls, one per ``<id>.yaml`` of the calls' folder, sorted."""
    return sorted(path.stem for path in (calls_dir or calls_folder()).glob("*.yaml"))


def open_call(today: dt.date | None = None, calls_dir: Path | None = None) -> Call:
    """Return the call applications go to: the latest one open ``today``, else the latest one."""
    today = today or dt.date.today()
    calls = [load_call(call_id, calls_dir) for call_id in list_calls(calls_dir)]
    if not calls:
        raise TranslatedError("grants.no_call")
    running = [call for call in calls if call.opens <= today <= call.closes]
    return max(running or calls, key=lambda call: call.opens)


def load_call(call_id: str, calls_dir: Path | None = None) -> Call:
    """Load and check ``<call_id>.yaml`` of the calls' folder."""
    return _load_call(call_id, calls_dir or calls_folder())


@cache
def _load_call(call_id: str, calls_dir: Path) -> Call:
    """Load and check ``calls_dir/<call_id>.yaml`` (read once per folder)."""
    path = calls_dir / f"{call_id}.yaml"
    if not path.is_file():
        raise TranslatedError("grants.call_unknown", call=call_id, known=", ".join(list_calls(calls_dir)))
    raw = read_yaml(path)
    try:
        criteria = tuple(
            Criterion(c["id"], float(c["weight"]), int(c["scale"][0]), int(c["scale"][1])) for c in raw["criteria"]
        )
        call = Call(
            id=raw["id"],
            titles=dict(raw["title"]),
            envelope=float(raw["envelope_dzd"]),
            max_grant=float(raw["max_grant_dzd"]),
            opens=raw["opens"],
            closes=raw["closes"],
            hub_ids=tuple(raw["regions"]),
            min_cofinancing=float(raw.get("min_cofinancing", 0)),
            max_duration_months=int(raw.get("max_duration_months", 60)),
            threshold=float(raw.get("threshold", 0)),
            disagreement=float(raw.get("disagreement", 100)),
            reviews_per_application=int(raw.get("reviews_per_application", 2)),
            criteria=criteria,
            eligibility=tuple(raw.get("eligibility", RULES)),
            quota=raw.get("quota") or None,
        )
    except (KeyError, TypeError, ValueError, IndexError):
        raise TranslatedError("grants.call_invalid", path=path.name) from None
    unknown = [c.id for c in criteria if c.id not in CRITERIA] + [r for r in call.eligibility if r not in RULES]
    if (
        call.id != call_id
        or unknown
        or any(c.high <= c.low or c.weight <= 0 for c in criteria)
        or not isinstance(call.opens, dt.date)
        or not isinstance(call.closes, dt.date)
    ):
        raise TranslatedError("grants.call_invalid", path=path.name)
    return call
