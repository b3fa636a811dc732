"""Field types: what each reads, what it refuses and why, and the keys and hints it derives."""

from __future__ import annotations

import datetime as dt

import pytest

from saara_kit.records import Amount, Checks, Choice, Date, Domain, Invalid, Scale, Text
from saara_kit.validation import ValidationError


@pytest.mark.parametrize(
    ("field", "raw", "expected"),
    [
        (Text("name", max=5), "  Asso ", "Asso"),
        (Text("notes", required=False), None, ""),
        (Scale("power", 1, 5), "4,0", 4),
        (Scale("power", 1, 5), 2.0, 2),
        (Choice("position", (-2, -1, 0, 1, 2)), "\u22121", -1),
        (Amount("cost"), "1 500,50", 1500.5),
        (Amount("cost", required=False), "", 0.0),
        (Date("day"), "2027-02-09", "2027-02-09"),
        (Date("day"), dt.datetime(2027, 2, 9, 10, 30), "2027-02-09"),
        (Date("day", required=False), "", None),
    ],
)
def test_fields_read_what_people_type(field, raw, expected):
    assert field.read(raw, "test") == expected


@pytest.mark.parametrize(
    ("field", "raw", "code"),
    [
        (Text("name", max=5), "Association", "too_long"),
        (Text("name"), "a\x00b", "control_characters"),
        (Text("name"), "   ", "required"),
        (Scale("power", 1, 5), "3,5", "not_whole_number"),
        (Scale("power", 1, 5), 9, "out_of_range"),
        (Choice("type", ("apc",)), "ministère", "not_a_choice"),
        (Amount("cost"), "beaucoup", "not_a_number"),
        (Amount("cost"), "-3", "negative"),
        (Amount("cost"), "NaN", "not_a_number"),
        (Date("day"), "09/02/2027", "not_a_date"),
    ],
)
def test_fields_refuse_with_a_reason(field, raw, code):
    with pytest.raises(Invalid) as refused:
        field.read(raw, "test")
    assert refused.value.code == code


def test_a_domain_derives_keys_defaults_and_cross_field_rules():
    def cheaper_than_total(record):
        if record.cost > record.total:
            from saara_kit.validation import FieldError

            yield FieldError("cost", "test.field.cost", "out_of_range", {"low": 0, "high": record.total})

    domain = Domain(
        "test",
        "test",
        (Text("name"), Amount("cost"), Amount("total"), Choice("kind", ("a", "b"))),
        checks=Checks(rules=(cheaper_than_total,)),
    )
    assert domain.empty() == {"name": "", "cost": 0.0, "total": 0.0, "kind": "a"}
    assert {"test.field.name", "test.kind.b", "app.test.title", "test.loaded"} <= set(domain.required_keys())
    assert domain.validate({"name": "x", "cost": "2", "total": "3", "kind": "b"}).cost == 2.0
    with pytest.raises(ValidationError) as error:
        domain.validate({"name": "x", "cost": "5", "total": "3", "kind": "b"})
    assert [e.field for e in error.value.errors] == ["cost"]
    assert Scale("power", 1, 5).hint() == ("template.slider", {"low": 1, "high": 5})


def test_records_compare_hash_and_copy_like_their_values():
    import copy
    import pickle

    from saara_kit.records import Record

    record = Record({"name": "APC", "power": 1})
    assert record == Record({"name": "APC", "power": 1.0}) and len({record, Record({"power": 1.0, "name": "APC"})}) == 1
    assert copy.deepcopy(record) == record == pickle.loads(pickle.dumps(record))
    assert Choice("position", (-1, 0, 1)).show(1.0, "stakeholders", "fr") == "Plutôt favorable"
