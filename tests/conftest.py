"""Fixtures shared by every test tier."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from saara_kit.grants.call import CALLS_DIR
from saara_kit.settings import CHROMIUM_ARGS, CHROMIUM_PATH
from saara_kit.store import open_store
from tests.chromium import require_chromium
from tests.postgres import emptied_postgres

CHROMIUM_FIXTURES = {"browser", "page"}
# The files that take the longest in their tier, longest first (``--durations``). pytest-xdist
# hands each worker a whole file at a time (``--dist loadfile --no-loadscope-reorder``), in the order
# collected: these go first, so that no worker is left running one of them alone at the end.
LONGEST_FIRST = (
    "tests/notebooks/test_every_hub.py",
    "tests/browser/test_workshop_room.py",
    "tests/browser/test_vanishing_phones.py",
    "tests/bench/test_room_benchmarks.py",
    "tests/deploy/test_jupyterhub.py",
    "tests/bench/test_page_benchmarks.py",
    "tests/bench/test_benchmarks.py",
    "tests/browser/test_stakeholder_form.py",
    "tests/notebooks/test_notebooks.py",
    "tests/notebooks/test_national_synthesis.py",
    "tests/notebooks/test_rerun.py",
)


def pytest_collection_modifyitems(items):
    """A test that drives Chromium belongs to the browser tier, which ``make test`` runs alone: one
    that is not marked so would run among the parallel tiers. The longest files come first."""
    for item in items:
        if CHROMIUM_FIXTURES & set(getattr(item, "fixturenames", ())) and not item.get_closest_marker("browser"):
            raise pytest.UsageError(f"{item.nodeid} drives Chromium: mark it @pytest.mark.browser")
    rank = {path: place for place, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


@pytest.fixture(scope="session", autouse=True)
def calls_open_today(tmp_path_factory):
    """The kit's calls, each open at least from today to a year on (``$SAARA_CALLS_DIR``, which the
    server and the lessons' kernels inherit): the forms are tested during a call whatever day the
    suite runs, while the eligibility rules are tested on days of their own."""
    folder = tmp_path_factory.mktemp("calls")
    today = dt.date.today()
    for path in CALLS_DIR.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        opens = dt.date.fromisoformat(re.search(r"^opens: (\S+)", text, re.M).group(1))
        closes = dt.date.fromisoformat(re.search(r"^closes: (\S+)", text, re.M).group(1))
        text = re.sub(r"^opens: \S+", f"opens: {min(opens, today)}", text, flags=re.M)
        text = re.sub(r"^closes: \S+", f"closes: {max(closes, today + dt.timedelta(days=365))}", text, flags=re.M)
        (folder / path.name).write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SAARA_CALLS_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session", autouse=True)
def a_neutral_locale():
    """The kit's commands speak the language of ``$LANG`` when it names one of theirs: the suite
    runs under a neutral one (French by default), whatever the machine's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LANG", "C.UTF-8")
        yield


@pytest.fixture(scope="session")
def _every_sample(tmp_path_factory) -> Path:
    """A store folder holding every domain's sample records, made once a worker (about a second)."""
    from saara_kit.exports.transfer import import_every_sample

    folder = tmp_path_factory.mktemp("every-sample")
    with open_store(folder) as opened:
        import_every_sample(opened)
    return folder


@pytest.fixture(scope="session")
def _laptop_template(tmp_path_factory, _every_sample) -> Path:
    """The laptop's store, made once a worker: every sample, and codes for the ouest associations."""
    from saara_kit.store.codes import give_codes

    folder = tmp_path_factory.mktemp("laptop-template") / "laptop"
    shutil.copytree(_every_sample, folder)
    with open_store(folder) as opened:
        give_codes(opened, "ouest")
    return folder


@pytest.fixture
def samples_dir(tmp_path, _every_sample):
    """A workshop data folder whose store holds every domain's sample records (a copy: each test its own)."""
    shutil.copytree(_every_sample, tmp_path, dirs_exist_ok=True)
    return tmp_path


@pytest.fixture
def laptop(tmp_path, _laptop_template):
    """The ouest hub's offline laptop (a store carried in bundles): every sample, and codes for its
    associations (a copy of the worker's: each test its own)."""
    shutil.copytree(_laptop_template, tmp_path / "laptop")
    with open_store(tmp_path / "laptop") as opened:
        yield opened


@pytest.fixture
def store(tmp_path):
    """A real SQLite store in a fresh folder."""
    opened = open_store(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def postgres_url():
    """The URL of a real, emptied PostgreSQL database (``.ci/postgres start`` sets it in CI)."""
    with emptied_postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path):
    """A real store on each supported database."""
    opened = (
        open_store(tmp_path / "data")
        if request.param == "sqlite"
        else open_store(db_url=request.getfixturevalue("postgres_url"))
    )
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, one for the whole session: the browser and deploy tiers share it
    (a second Playwright could not start inside the first one's event loop)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=list(CHROMIUM_ARGS))
        yield launched
        launched.close()
