"""A real, emptied PostgreSQL database for the store tests (``.ci/postgres start`` sets it in CI)."""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest

__all__ = ["emptied_postgres"]


def _workers_database(url: str) -> str:
    """The URL of a database of this pytest-xdist worker's own on the server of ``url``, created when
    missing: workers running at once would otherwise empty each other's tables."""
    import sqlalchemy as sa

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    server = sa.engine.make_url(url)
    name = f"{server.database}_{worker}"
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        known = connection.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name})
        if known.first() is None:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


def _drop_tables(url: str) -> None:
    """Drop every table of the database, the store's and those a domain declared (read back from it)."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    found = sa.MetaData()
    found.reflect(engine)
    found.drop_all(engine)
    engine.dispose()


@contextmanager
def emptied_postgres():
    """Yield the URL of the test PostgreSQL (a database per pytest-xdist worker), emptied before and after; fail without one when
    ``SAARA_REQUIRE_POSTGRES=1`` (CI), else skip."""
    url = os.environ.get("SAARA_TEST_PG_URL")
    if not url:
        message = 'no PostgreSQL: run  eval "$(bash .ci/postgres start)"  first'
        if os.environ.get("SAARA_REQUIRE_POSTGRES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    url = _workers_database(url)
    _drop_tables(url)
    try:
        yield url
    finally:
        _drop_tables(url)
