"""Properties that hold for any input (hypothesis): a cell made safe reads back as typed; the model
accepts a record or names every bad field; an export imported back changes nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from saara_kit.exports.safe import DANGEROUS_FIRST_CHARACTERS, neutralise, restore
from saara_kit.exports.transfer import export_records, import_file
from saara_kit.records.state import RecordListState
from saara_kit.stakeholders.domain import DOMAIN
from saara_kit.stakeholders.fields import LEVELS, POSITIONS, SECTORS, STAKEHOLDER_TYPES
from saara_kit.store import open_store
from saara_kit.validation import ValidationError, fold_name

# What people type: any character but control ones (which the model refuses), often starting
# with what a spreadsheet reads as a formula, with bidi marks, Arabic and emoji along the way.
TYPED = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=60)
RISKY_START = st.sampled_from(["", "=", "+", "-", "@", "'", "=cmd|' /C calc'!A0 ", "\u202e", "$$ "])
NAME = st.builds(lambda start, rest: (start + rest).strip(), RISKY_START, TYPED).filter(bool)


@given(st.text())
def test_a_cell_made_safe_reads_back_as_typed_and_never_opens_as_a_formula(text):
    safe = neutralise(text)
    assert restore(safe) == text
    assert not safe.startswith(DANGEROUS_FIRST_CHARACTERS)


ANY_VALUE = st.one_of(st.none(), st.text(max_size=300), st.integers(), st.floats(), st.booleans())


@given(st.dictionaries(st.sampled_from([*DOMAIN.field_names, "junk"]), ANY_VALUE))
def test_the_model_accepts_a_record_or_names_every_bad_field_in_each_language(raw):
    try:
        record = DOMAIN.validate(raw)
    except ValidationError as error:
        assert error.errors and {problem.field for problem in error.errors} <= set(DOMAIN.field_names)
        for lang in ("fr", "ar", "en"):
            assert all(message.strip() for message in error.messages(lang))
    else:
        assert DOMAIN.validate(record.to_payload()) == record  # what is stored reads back the same


TYPICAL = {
    "name_ar": "",
    "notes": "",
    "type": "apc",
    "sector": "water",
    "level": "communal",
    "power": 3,
    "interest": 3,
    "position": 0,
}
STAKEHOLDER = st.fixed_dictionaries(
    {
        "name": NAME,
        "name_ar": TYPED.map(str.strip),
        "notes": TYPED.map(str.strip),
        "type": st.sampled_from(STAKEHOLDER_TYPES),
        "sector": st.sampled_from(SECTORS),
        "level": st.sampled_from(LEVELS),
        "power": st.integers(1, 5),
        "interest": st.integers(1, 5),
        "position": st.sampled_from(POSITIONS),
    }
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    association=NAME,
    stakeholders=st.lists(STAKEHOLDER, min_size=1, max_size=4, unique_by=lambda row: fold_name(row["name"])),
    fmt=st.sampled_from(["csv", "xlsx"]),
)
@example(association="0", stakeholders=[{**TYPICAL, "name": "="}, {**TYPICAL, "name": "'="}], fmt="csv")
def test_an_export_imported_back_changes_nothing(association, stakeholders, fmt):
    with tempfile.TemporaryDirectory() as folder, open_store(folder) as store:
        form = RecordListState(DOMAIN, store, "ouest")  # typed in the form, so stored as typed
        assert form.open(association)
        assert all(form.add(row) for row in stakeholders)
        assert form.save(association)
        before = store.current(DOMAIN.kind, hub_id="ouest")
        assert [revision.payload["name"] for revision in before] == [row["name"] for row in stakeholders]

        export_records(store, DOMAIN, Path(folder) / f"export.{fmt}", hub_id="ouest")
        read, new = import_file(store, DOMAIN, Path(folder) / f"export.{fmt}", "ouest")
        assert (read, new) == (len(stakeholders), 0)
        assert store.current(DOMAIN.kind, hub_id="ouest") == before
