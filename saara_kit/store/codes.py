"""Association codes: an association's records open only with its code, made at its first save.

One code per association and hub, keyed by the folded name (case, accents, spaces, invisible
characters and look-alike letters aside; a key made before look-alikes folded is found by its name). A save
checks the code and, for a new association, claims one in the same transaction as its records: of
two participants creating the same association at once, one gets the code and the other is told to ask.
Associations saved before codes existed stay open until the facilitator gives codes (``give_codes``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa

from saara_kit.codes import new_code
from saara_kit.store.schema import association_codes, revisions
from saara_kit.validation import fold_name

__all__ = [
    "AssociationTaken",
    "adopt_code",
    "associations_here",
    "claim_code",
    "code_of",
    "codes_of",
    "give_codes",
    "save_guarded",
]


class AssociationTaken(Exception):
    """Raised when a save's association has a code the saver does not know (another save just created it)."""


def _key(association: str) -> str:
    return fold_name(association)


def _code_in(conn: sa.Connection, hub_id: str, association: str) -> str | None:
    """Return, inside ``conn``'s transaction, the code of ``association`` (whatever its spelling), or None."""
    wanted = _key(association)
    rows = conn.execute(
        sa.select(association_codes.c.association_key, association_codes.c.association, association_codes.c.code).where(
            association_codes.c.region == hub_id
        )
    )
    return next((row.code for row in rows if wanted in (row.association_key, _key(row.association))), None)


def code_of(store, hub_id: str, association: str) -> str | None:
    """Return the association's code, or None when it has none (new, or saved before codes existed)."""
    with store.engine.connect() as conn:
        return _code_in(conn, hub_id, association)


def codes_of(store, hub_id: str) -> dict[str, str]:
    """Return every association's code in ``hub_id``, by association name."""
    query = sa.select(association_codes.c.association, association_codes.c.code).where(
        association_codes.c.region == hub_id
    )
    with store.engine.connect() as conn:
        return dict(conn.execute(query).all())


def claim_code(conn: sa.Connection, hub_id: str, association: str) -> str:
    """In a write transaction: give a new association its code and return it; raise
    ``AssociationTaken`` when it has one already."""
    if _code_in(conn, hub_id, association) is not None:
        raise AssociationTaken(association)
    code = new_code()
    conn.execute(
        association_codes.insert().values(
            region=hub_id,
            association_key=_key(association),
            association=association,
            code=code,
            created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        )
    )
    return code


def associations_here(conn: sa.Connection, hub_id: str) -> set[str]:
    """Return, inside ``conn``'s transaction, the folded names of the associations that saved anything in ``hub_id``."""
    query = sa.select(revisions.c.association).distinct().where(revisions.c.region == hub_id)
    return {_key(name) for name in conn.execute(query).scalars()}


def adopt_code(conn: sa.Connection, hub_id: str, association: str, code: str, has_records: bool) -> str:
    """In a write transaction: give ``association`` the ``code`` it has elsewhere (a merged hub
    bundle) when it has neither a code nor records here. Return ``"adopted"``, ``"same"`` (it has
    this code), ``"kept"`` (it has another code here) or ``"refused"`` (records here and no code:
    a code from a file never takes an association over)."""
    had = _code_in(conn, hub_id, association)
    if had is not None:
        return "same" if had == code else "kept"
    if has_records:
        return "refused"
    conn.execute(
        association_codes.insert().values(
            region=hub_id,
            association_key=_key(association),
            association=association,
            code=code,
            created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        )
    )
    return "adopted"


def save_guarded(store, items: Iterable, known_code: str | None, check: bool = True) -> str | None:
    """Save the revisions ``items`` of one association all at once, guarded by its code.

    In the same transaction: a new association (no code, no records) gets its code, returned; with
    ``check``, an association whose code is not ``known_code`` raises ``AssociationTaken`` and
    nothing is written. Returns None when no code was made.
    """
    items = list(items)
    hub_id, association = items[0].region, items[0].association

    def work(conn: sa.Connection) -> str | None:
        made = None
        # records first, then the code: a first save commits both at once, so under PostgreSQL's
        # read committed, a code read after its records were seen is seen too
        has_records = store.has_records(conn, hub_id, association)
        code = _code_in(conn, hub_id, association)
        if code is None and not has_records:
            made = code = claim_code(conn, hub_id, association)
        elif check and code is not None and code != known_code:
            raise AssociationTaken(association)
        for item in items:
            store.insert_revision(conn, item)
        return made

    return store.write(work)


def give_codes(store, hub_id: str, new: Iterable[str] = ()) -> dict[str, str]:
    """Give a code to every association of ``hub_id`` that has records but no code, and to each
    association named in ``new`` (registered before it saves anything); return every association's
    code (for the facilitator's cards)."""
    names = [*store.associations(None, hub_id), *new]

    def work(conn: sa.Connection) -> None:
        have = {
            _key(name)
            for name in conn.execute(
                sa.select(association_codes.c.association).where(association_codes.c.region == hub_id)
            ).scalars()
        }
        for name in names:
            if _key(name) not in have:
                claim_code(conn, hub_id, name)
                have.add(_key(name))

    store.write(work)
    return codes_of(store, hub_id)
