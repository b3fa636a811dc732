"""Eligibility: the call's rules, checked on one application (the applicant's self-check, the
committee's screening). Each rule says what it asks and whether the application passes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from saara_kit.grants.call import Call
from saara_kit.i18n import format_date, format_money, format_number, t

__all__ = ["RuleResult", "check", "failed_rules", "first_failure"]


@dataclass(frozen=True)
class RuleResult:
    """One rule on one application: ``passed``, and the values its sentence (``grants.rule.<rule>``) needs."""

    rule: str
    passed: bool
    values: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        """Say the rule and the application's value, in ``lang``."""
        shown = {name: _shown(value, lang) for name, value in self.values.items()}
        return t(f"grants.rule.{self.rule}", lang, **shown)


def _shown(value: Any, lang: str) -> Any:
    if isinstance(value, Money):
        return format_money(value.amount, "DZD", lang)
    if isinstance(value, Months):
        return t("grants.months", lang, count=value.count)
    if isinstance(value, Hubs):
        from babel.lists import format_list

        from saara_kit.data import load_hub
        from saara_kit.i18n import language

        return format_list([load_hub(hub_id).name(lang) for hub_id in value.ids], locale=language(lang)["locale"])
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, float):
        return format_number(value, lang)
    return value


@dataclass(frozen=True)
class Money:
    """An amount in DZD, for a rule's sentence."""

    amount: float


@dataclass(frozen=True)
class Months:
    """A number of months, said with its plural form."""

    count: int


@dataclass(frozen=True)
class Hubs:
    """Hubs, said by their names in the reader's language."""

    ids: tuple[str, ...]


def _submitted_on(application: Mapping[str, Any], today: dt.date) -> dt.date:
    when = application.get("submitted_at") or ""
    return dt.date.fromisoformat(when[:10]) if when else today


def _registered(a, call, today):
    return bool(str(a.get("registration") or "").strip()), {}


def _hub(a, call, today):
    return a.get("region") in call.hub_ids, {"regions": Hubs(tuple(call.hub_ids))}


def _max_grant(a, call, today):
    return float(a.get("requested") or 0) <= call.max_grant, {
        "max": Money(call.max_grant),
        "requested": Money(float(a.get("requested") or 0)),
    }


def _cofinancing(a, call, today):
    total, requested = float(a.get("total_cost") or 0), float(a.get("requested") or 0)
    share = (total - requested) / total if total > 0 else 0.0
    return total > 0 and share + 1e-9 >= call.min_cofinancing, {
        "min": round(100 * call.min_cofinancing),
        "share": round(100 * share, 1),
    }


def _duration(a, call, today):
    months = int(a.get("duration_months") or 0)
    return 0 < months <= call.max_duration_months, {"max": Months(call.max_duration_months), "months": Months(months)}


def _deadline(a, call, today):
    return call.opens <= _submitted_on(a, today) <= call.closes, {"opens": call.opens, "closes": call.closes}


RULES: dict[str, Callable[[Mapping[str, Any], Call, dt.date], tuple[bool, dict]]] = {
    "registered": _registered,
    "region": _hub,
    "max_grant": _max_grant,
    "cofinancing": _cofinancing,
    "duration": _duration,
    "deadline": _deadline,
}


def check(application: Mapping[str, Any], call: Call, today: dt.date | None = None) -> list[RuleResult]:
    """Return every rule of ``call`` on ``application``, in the call's order. A draft is checked as
    if submitted ``today`` (default: today)."""
    today = today or dt.date.today()
    return [RuleResult(rule, *RULES[rule](application, call, today)) for rule in call.eligibility]


def failed_rules(application: Mapping[str, Any], call: Call, today: dt.date | None = None) -> list[RuleResult]:
    """Return the rules ``application`` fails."""
    return [result for result in check(application, call, today) if not result.passed]


def first_failure(application: Mapping[str, Any], call: Call, today: dt.date | None = None) -> RuleResult | None:
    """Return the first rule ``application`` fails (the one a decision names), or None when eligible."""
    return next(iter(failed_rules(application, call, today)), None)
