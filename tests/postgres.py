"""A real, emptied PostgreSQL database for the store tests (``.ci/postgres start`` sets it in CI)."""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest

from saara_kit.store.schema import metadata

__all__ = ["emptied_postgres"]


def _drop_tables(url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    metadata.drop_all(engine)
    engine.dispose()


@contextmanager
def emptied_postgres():
    """Yield the URL of the test PostgreSQL, emptied before and after; fail without one when
    ``SAARA_REQUIRE_POSTGRES=1`` (CI), else skip."""
    url = os.environ.get("SAARA_TEST_PG_URL")
    if not url:
        message = 'no PostgreSQL: run  eval "$(bash .ci/postgres start)"  first'
        if os.environ.get("SAARA_REQUIRE_POSTGRES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    _drop_tables(url)
    try:
        yield url
    finally:
        _drop_tables(url)
