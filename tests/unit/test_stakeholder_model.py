"""Stakeholder validation and the Mendelow analysis."""

from __future__ import annotations

import pandas as pd
import pytest

from saara_kit.records import validate_association
from saara_kit.stakeholders.analysis import engagement_plan, quadrant, quadrant_counts
from saara_kit.stakeholders.domain import DOMAIN
from saara_kit.validation import ValidationError

validate_stakeholder = DOMAIN.validate

GOOD = {
    "name": "APC d'Oran",
    "type": "apc",
    "sector": "governance",
    "level": "communal",
    "power": 4,
    "interest": "5",
    "position": "-1",
}


def test_valid_record_is_built_with_whole_numbers():
    stakeholder = validate_stakeholder(GOOD)
    assert (stakeholder.power, stakeholder.interest, stakeholder.position) == (4, 5, -1)
    assert stakeholder.name_ar == ""


def test_choices_are_read_from_labels_in_any_language():
    raw = {**GOOD, "type": "Direction de wilaya", "sector": "المياه", "level": "national"}
    stakeholder = validate_stakeholder(raw)
    assert (stakeholder.type, stakeholder.sector, stakeholder.level) == ("direction", "water", "national")


def test_a_position_is_read_from_its_label_in_any_language():
    assert validate_stakeholder({**GOOD, "position": "Plutôt favorable"}).position == 1
    assert validate_stakeholder({**GOOD, "position": "مؤيد نوعًا ما"}).position == 1
    assert validate_stakeholder({**GOOD, "position": "strongly against"}).position == -2


def test_decimal_comma_and_unicode_minus_are_accepted():
    stakeholder = validate_stakeholder({**GOOD, "power": "3,0", "position": "\u22122"})
    assert (stakeholder.power, stakeholder.position) == (3, -2)


@pytest.mark.parametrize(
    ("field", "value", "french"),
    [
        ("name", "  ", "« Nom » : champ obligatoire"),
        ("power", 6, "« Pouvoir » : doit être compris entre 1 et 5"),
        ("interest", "3,5", "« Intérêt » : doit être un nombre entier entre 1 et 5"),
        ("type", "ministère", "« Type d'acteur » : « ministère » n'est pas un choix proposé"),
        ("notes", "x" * 2001, "« Notes » : trop long (caractères au plus : 2000)"),
    ],
)
def test_errors_name_the_field_and_the_reason(field, value, french):
    with pytest.raises(ValidationError) as error:
        validate_stakeholder({**GOOD, field: value})
    assert error.value.messages("fr") == [french]
    [arabic] = error.value.messages("ar")
    assert arabic.startswith("«") and french not in arabic


def test_every_bad_field_is_reported_at_once():
    with pytest.raises(ValidationError) as error:
        validate_stakeholder({"name": "", "power": "beaucoup"})
    fields = [e.field for e in error.value.errors]
    assert fields == ["name", "type", "sector", "level", "power", "interest", "position"]
    assert error.value.messages("en")[0] == "“Name”: this field is required"


def test_association_name_is_required_and_bounded():
    assert validate_association("  Asso  ") == "Asso"
    for bad in ("", "a" * 5_000_000):
        with pytest.raises(ValidationError):
            validate_association(bad)


@pytest.mark.parametrize(
    ("power", "interest", "expected"),
    [
        (5, 5, "manage_closely"),
        (3, 3, "manage_closely"),
        (5, 2, "keep_satisfied"),
        (2, 5, "keep_informed"),
        (1, 1, "monitor"),
    ],
)
def test_mendelow_quadrants(power, interest, expected):
    assert quadrant(power, interest) == expected


def test_counts_list_every_quadrant_and_plan_puts_the_pressing_first():
    frame = pd.DataFrame(
        [
            {"name": "A", "name_ar": "", "type": "apc", "power": 1, "interest": 1, "position": 0},
            {"name": "B", "name_ar": "ب", "type": "wilaya", "power": 5, "interest": 4, "position": -2},
        ]
    )
    assert quadrant_counts(frame).to_dict() == {
        "manage_closely": 1,
        "keep_satisfied": 0,
        "keep_informed": 0,
        "monitor": 1,
    }
    shown = quadrant_counts(frame, "fr")
    assert shown["Nombre d'acteurs"].to_dict() == {"Gérer de près": 1, "Satisfaire": 0, "Informer": 0, "Surveiller": 1}
    plan = engagement_plan(frame, "ar")
    assert list(plan.iloc[:, 0]) == ["ب", "A"]
    assert plan.iloc[0]["الاستراتيجية"] == "إدارة عن قرب"  # older frames without salience scores still plan
