"""The wilayas of ``datasets/wilayas.csv`` and the hubs of ``params/``: 69 codes since the 11 wilayas
approved by the Council of Ministers on 16 November 2025, each in exactly one hub, each new one in
its parent's hub."""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd
import pytest

from saara_kit.data import list_hubs, load_hub, wilayas

OLD = range(1, 59)  # the 58 wilayas of the 2019 territorial organisation
# The 11 wilayas of 2025, codes as announced: code -> (name_fr, parent code).
NEW = {
    59: ("Aflou", 3),
    60: ("El Abiodh Sidi Cheikh", 32),
    61: ("El Aricha", 13),
    62: ("El Kantara", 7),
    63: ("Barika", 5),
    64: ("Bou Saâda", 28),
    65: ("Bir El Ater", 12),
    66: ("Ksar El Boukhari", 26),
    67: ("Ksar Chellala", 14),
    68: ("Aïn Oussara", 17),
    69: ("Messaad", 17),
}
ARABIC = re.compile(r"[\u0621-\u064A ]+")  # Arabic letters and spaces only


@pytest.fixture(scope="module")
def frame():
    return wilayas()


@pytest.fixture(scope="module")
def hub_of():
    """Map each code to the hubs that list it."""
    hubs: dict[int, list[str]] = {}
    for hub_id in list_hubs():
        for code in load_hub(hub_id).wilayas:
            hubs.setdefault(code, []).append(hub_id)
    return hubs


def test_columns(frame):
    assert list(frame.columns) == ["code", "name_fr", "name_ar", "parent"]
    assert str(frame["parent"].dtype) == "Int64"


def test_codes_are_1_to_69_with_no_gap_or_duplicate(frame):
    codes = frame["code"].tolist()
    assert len(codes) == 69, f"{len(codes)} wilayas, expected 69"
    assert sorted(codes) == list(range(1, 70)), f"missing or extra: {sorted(set(range(1, 70)) ^ set(codes))}"
    assert codes == sorted(codes), "rows are not in code order"


def test_every_code_is_in_exactly_one_hub(frame, hub_of):
    codes = set(frame["code"])
    listed_twice = [code for hub_id in list_hubs() for code, n in Counter(load_hub(hub_id).wilayas).items() if n > 1]
    assert not listed_twice, f"listed twice in one hub: {listed_twice}"
    not_in_one = {code: hub_of.get(code, []) for code in codes if len(hub_of.get(code, [])) != 1}
    assert not not_in_one, f"codes not in exactly one hub: {not_in_one}"
    unknown = sorted(set(hub_of) - codes)
    assert not unknown, f"hubs list codes that are not wilayas: {unknown}"


def test_new_wilayas_and_their_parents(frame, hub_of):
    by_code = frame.set_index("code")
    assert by_code.loc[list(OLD), "parent"].isna().all(), "an older wilaya has a parent"
    missing = sorted(set(NEW) - set(by_code.index))
    assert not missing, f"new wilayas missing from wilayas.csv: {missing}"
    for code, (name_fr, parent) in NEW.items():
        assert by_code.loc[code, "name_fr"] == name_fr
        found = by_code.loc[code, "parent"]
        assert not pd.isna(found) and found == parent, f"{code} {name_fr}: parent is {found}, should be {parent}"
        assert parent in OLD, f"{code} {name_fr}: parent {parent} is not an older wilaya"
        assert hub_of.get(code) == hub_of.get(parent), (
            f"{code} {name_fr} is in {hub_of.get(code)}, its parent {parent} in {hub_of.get(parent)}"
        )


def test_names_in_french_and_arabic(frame):
    for row in frame.itertuples():
        assert row.name_fr and row.name_fr == row.name_fr.strip(), row.code
        assert not re.search(r"[\u0600-\u06FF]", row.name_fr), f"{row.code}: Arabic in name_fr"
        assert ARABIC.fullmatch(row.name_ar), f"{row.code}: name_ar {row.name_ar!r}"
        assert row.name_ar == row.name_ar.strip(), f"{row.code}: spaces around name_ar"
    assert frame["name_fr"].is_unique and frame["name_ar"].is_unique
