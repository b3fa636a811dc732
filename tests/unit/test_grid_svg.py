"""The form's power × interest grid as SVG: numbered dots keyed to the list up to its limits, counts
beyond them, well-formed whatever people typed, in the reader's direction, readable on a phone."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from saara_kit.charts.style import MIN_TEXT_CSS_PX, PHONE_CHART_WIDTH_PX
from saara_kit.stakeholders.grid_layout import NUMBERS_UP_TO, PER_CELL
from saara_kit.stakeholders.grid_svg import FONT_PX, WIDTH, grid_svg

SVG = "{http://www.w3.org/2000/svg}"


def _actors(count: int, cells: int = 25) -> list[dict]:
    """``count`` actors spread over the first ``cells`` cells of the grid, as few in each as can be."""
    return [
        {
            "name": f"Acteur {i}",
            "name_ar": f"فاعل {i}",
            "interest": 1 + i % cells % 5,
            "power": 1 + i % cells // 5,
            "position": i % 5 - 2,
        }
        for i in range(count)
    ]


def _numbers_on_dots(picture) -> list[str]:
    root = ET.fromstring(picture.svg)
    return [text.text for text in root.iter(f"{SVG}text") if text.get("fill") == "white"]


def test_each_actor_is_a_numbered_dot_keyed_to_its_name():
    picture = grid_svg(_actors(3), "ar")
    assert picture.mode == "numbers" and _numbers_on_dots(picture) == ["1", "2", "3"]
    assert picture.key == {"number": [1, 2, 3], "name": ["فاعل 0", "فاعل 1", "فاعل 2"]}  # the reader's names
    assert grid_svg(_actors(1), "fr").key["name"] == ["Acteur 0"]


@pytest.mark.parametrize(
    ("actors", "mode"),
    [
        (_actors(NUMBERS_UP_TO), "numbers"),  # every dot holds two digits
        (_actors(NUMBERS_UP_TO + 1), "counts"),
        (_actors(PER_CELL, cells=1), "numbers"),  # a full cell, 3 × 3
        (_actors(PER_CELL + 1, cells=1), "counts"),
    ],
    ids=["99 actors", "100 actors", "9 in a cell", "10 in a cell"],
)
def test_beyond_its_limits_the_grid_counts_actors_per_cell(actors, mode):
    picture = grid_svg(actors, "fr")
    assert picture.mode == mode
    on_dots = _numbers_on_dots(picture)
    if mode == "numbers":
        assert on_dots == [str(number) for number in range(1, len(actors) + 1)] and len(picture.key["name"]) == len(
            actors
        )
    else:  # one disc a cell, holding its count; no key
        assert sum(map(int, on_dots)) == len(actors) and len(on_dots) == len(
            {(a["interest"], a["power"]) for a in actors}
        )
        assert picture.key is None


def test_what_people_typed_cannot_break_the_picture():
    typed = '<script>alert("x")</script> & </svg>'
    picture = grid_svg([{**_actors(1)[0], "name": typed}], "fr", title=typed)
    root = ET.fromstring(picture.svg)  # well-formed: parses
    assert root.find(f"{SVG}script") is None and typed in ET.tostring(root, encoding="unicode", method="text")
    assert root.find(f"{SVG}title").text == picture.alt and typed in picture.alt


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_the_picture_reads_in_its_language_on_a_phone(lang):
    picture = grid_svg(_actors(4), lang)
    root = ET.fromstring(picture.svg)
    assert (root.get("direction") == "rtl") == (lang == "ar")
    assert WIDTH == PHONE_CHART_WIDTH_PX and root.get("viewBox") == f"0 0 {WIDTH} {root.get('height')}"
    sizes = [int(text.get("font-size")) for text in root.iter(f"{SVG}text")]
    assert min(sizes) == FONT_PX >= MIN_TEXT_CSS_PX  # one unit is a CSS pixel on a phone
    assert "4" in picture.alt and picture.alt in picture.svg
