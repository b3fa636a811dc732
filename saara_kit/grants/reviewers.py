"""Reviewers of a call and the applications assigned to each: a reviewer opens only those, with a
personal code the facilitator hands out on a card (``saara-kit reviewers``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from saara_kit.codes import clean_code, new_code
from saara_kit.grants.call import Call, open_call
from saara_kit.grants.tables import ready, review_assignments, reviewers
from saara_kit.i18n import t
from saara_kit.store import Store
from saara_kit.validation import fold_name

if TYPE_CHECKING:
    from saara_kit.data import Hub

__all__ = [
    "add_reviewers",
    "assign",
    "assign_evenly",
    "assigned_to",
    "clean_code",
    "demo_cards",
    "enlist",
    "reviewer_codes",
    "reviewer_with_code",
]


def add_reviewers(store: Store, call: str, names: Iterable[str]) -> dict[str, str]:
    """Give each reviewer named a personal code for ``call`` (one who has one keeps it); return
    every reviewer's code, by name."""
    names = [name.strip() for name in names if name.strip()]

    def work(conn: sa.Connection) -> None:
        have = set(conn.execute(sa.select(reviewers.c.reviewer_key).where(reviewers.c.call == call)).scalars())
        for name in names:
            if fold_name(name) not in have:
                conn.execute(
                    reviewers.insert().values(
                        call=call,
                        reviewer_key=fold_name(name),
                        reviewer=name,
                        code=new_code(),
                        created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                    )
                )
                have.add(fold_name(name))

    ready(store).write(work)
    return reviewer_codes(store, call)


def reviewer_codes(store: Store, call: str) -> dict[str, str]:
    """Return every reviewer's code for ``call``, by name."""
    query = sa.select(reviewers.c.reviewer, reviewers.c.code).where(reviewers.c.call == call)
    with ready(store).engine.connect() as conn:
        return dict(conn.execute(query).all())


def reviewer_with_code(store: Store, call: str, typed: object) -> str | None:
    """Return the name of the reviewer of ``call`` whose code was typed, or None."""
    code = clean_code(typed)
    if not code:
        return None
    query = sa.select(reviewers.c.reviewer).where(reviewers.c.call == call, reviewers.c.code == code)
    with ready(store).engine.connect() as conn:
        return conn.execute(query).scalar_one_or_none()


def assign(store: Store, call: str, reviewer: str, hub_id: str, association: str) -> None:
    """Assign one application (the association's, in ``hub_id``) to a reviewer of ``call``."""

    def work(conn: sa.Connection) -> None:
        row = dict(call=call, reviewer_key=fold_name(reviewer), region=hub_id, association_key=fold_name(association))
        if conn.execute(sa.select(review_assignments.c.call).filter_by(**row)).first() is None:
            conn.execute(review_assignments.insert().values(**row, association=association))

    ready(store).write(work)


def assigned_to(store: Store, call: str, reviewer: str) -> list[tuple[str, str]]:
    """Return the applications assigned to a reviewer of ``call``: (hub_id, association), sorted."""
    query = sa.select(review_assignments.c.region, review_assignments.c.association).where(
        review_assignments.c.call == call, review_assignments.c.reviewer_key == fold_name(reviewer)
    )
    with ready(store).engine.connect() as conn:
        return sorted(tuple(row) for row in conn.execute(query))


def assign_evenly(store: Store, call: str, applications: Iterable[tuple[str, str]], per_application: int) -> int:
    """Give each application (hub_id, association) ``per_application`` reviewers of ``call``, the
    least loaded first, keeping assignments already made; return how many were added."""
    names = sorted(reviewer_codes(store, call))
    with ready(store).engine.connect() as conn:
        made = conn.execute(sa.select(review_assignments).where(review_assignments.c.call == call)).all()
    by_key = {fold_name(name): name for name in names}
    load = {name: 0 for name in names}
    has: dict[tuple[str, str], set[str]] = {}
    for row in made:
        if row.reviewer_key in by_key:
            load[by_key[row.reviewer_key]] += 1
            has.setdefault((row.region, row.association_key), set()).add(by_key[row.reviewer_key])
    added = 0
    for hub_id, association in applications:
        mine = has.setdefault((hub_id, fold_name(association)), set())
        for name in sorted((n for n in names if n not in mine), key=lambda n: (load[n], n))[
            : max(0, per_application - len(mine))
        ]:
            assign(store, call, name, hub_id, association)
            load[name] += 1
            mine.add(name)
            added += 1
    return added


def enlist(store: Store, call: Call, names: Iterable[str], hub_ids: Iterable[str]) -> dict[str, str]:
    """Give the reviewers named their codes, then share the submitted applications of ``hub_ids``
    out among all the call's reviewers (the call's number of reviews each); return every code, by name."""
    from saara_kit.grants.submitted import submitted_applications

    codes = add_reviewers(store, call.id, names)
    applications = [
        (hub_id, association) for hub_id in hub_ids for association in submitted_applications(store, call, hub_id)
    ]
    assign_evenly(store, call.id, applications, call.reviews_per_application)
    return codes


def demo_cards(store: Store, hub: Hub, folder: Path, lang: str) -> Path:
    """Give two demonstration reviewers of the open call their codes, each assigned the submitted
    applications of ``hub``; write their cards into ``folder`` and return the path (``saara-kit serve
    --demo``, through ``access.demo_cards``)."""
    from saara_kit.exports.code_cards import write_code_cards

    call = open_call()
    codes = enlist(store, call, [t("serve.demo_reviewer", lang, number=n) for n in (1, 2)], [hub.id])
    return write_code_cards(folder / f"reviewers-{call.id}.html", call.title(lang), codes, lang, "reviewer_codes")
