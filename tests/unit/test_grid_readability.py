"""The power × interest grid stays readable at any size: no label covers another text, no dot leaves
its quadrant, the quadrant captions stay clear, for 4 actors on one cell, 30 and a hub's 150."""

from __future__ import annotations

import random

import pandas as pd
import pytest
from matplotlib.text import Text

from saara_kit.charts import figure_to_png
from saara_kit.stakeholders.analysis import HIGH_FROM
from saara_kit.stakeholders.charts import power_interest_grid, power_interest_grids

Box = tuple[float, float, float, float]


def _actors(count: int, seed: int = 7, cell: tuple[int, int] | None = None) -> pd.DataFrame:
    pick = random.Random(seed)
    rows = []
    for number in range(count):
        interest, power = cell or (pick.randint(1, 5), pick.randint(1, 5))
        rows.append(
            {
                "name": f"Acteur {number} {pick.choice(['APC', 'Direction de la jeunesse', 'Radio'])}",
                "name_ar": f"فاعل {number}",
                "interest": interest,
                "power": power,
                "position": pick.randint(-2, 2),
                "association": f"Association {number % 25}",
                "type": pick.choice(["apc", "media", "donor"]),
            }
        )
    return pd.DataFrame(rows)


CASES = {
    "4 on the default cell": _actors(4, cell=(3, 3)),
    "4 on a corner": _actors(4, cell=(5, 5)),
    "30": _actors(30),
    "150": _actors(150),
}


def _overlap(box: Box, other: Box) -> float:
    width = min(box[2], other[2]) - max(box[0], other[0])
    height = min(box[3], other[3]) - max(box[1], other[1])
    return width * height if width > 0 and height > 0 else 0.0


def _dots(figure) -> list[tuple[float, float, float]]:
    """Each drawn dot as (x, y, radius) in display pixels (the legend's empty handles left out)."""
    axes = figure.axes[0]
    dots = []
    for collection in axes.collections:
        offsets = collection.get_offsets()
        if not len(offsets):
            continue
        radius = collection.get_sizes()[0] ** 0.5 / 2 * figure.dpi / 72
        dots += [(*axes.transData.transform(point), radius) for point in offsets]
    return dots


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("case", CASES)
def test_no_text_covers_another_and_every_dot_stays_in_its_quadrant(case, lang):
    frame = CASES[case]
    figure = power_interest_grid(frame, lang)
    figure_to_png(figure)
    renderer = figure.canvas.get_renderer()
    axes = figure.axes[0]
    texts = [text for text in axes.texts if text.get_text().strip()]
    boxes = [tuple(Text.get_window_extent(text, renderer).extents) for text in texts]  # an annotation's line aside
    covering = [
        (texts[i].get_text(), texts[j].get_text())
        for i in range(len(boxes))
        for j in range(i)
        if _overlap(boxes[i], boxes[j]) > 0
    ]
    assert covering == [], f"{figure.mode}: {covering[:5]}"

    divider_x, divider_y = axes.transData.transform((HIGH_FROM - 0.5, HIGH_FROM - 0.5))
    dots = _dots(figure)
    expected = len(frame) if figure.mode != "counts" else frame.groupby(["interest", "power"]).ngroups
    assert len(dots) == expected
    cells = (
        list(zip(frame["interest"], frame["power"]))
        if figure.mode != "counts"
        else sorted(set(zip(frame["interest"], frame["power"])))
    )
    for (x, y, radius), (interest, power) in zip(dots, cells):
        high_interest, high_power = interest >= HIGH_FROM, power >= HIGH_FROM
        assert (x - radius > divider_x) if high_interest else (x + radius < divider_x), (interest, power)
        assert (y - radius > divider_y) if high_power else (y + radius < divider_y), (interest, power)

    captions = [box for text, box in zip(texts, boxes) if text.get_color() == "#777777"]
    assert len(captions) == 4
    for x, y, radius in dots:
        assert not [box for box in captions if _overlap(box, (x - radius, y - radius, x + radius, y + radius))]


def test_the_mode_follows_the_size():
    assert power_interest_grid(_actors(3), "fr").mode == "names"
    numbered = power_interest_grid(_actors(30), "fr")
    assert numbered.mode == "numbers"
    assert list(numbered.key["number"]) == list(range(1, 31))
    assert list(numbered.key["name"]) == list(_actors(30)["name"])
    assert power_interest_grid(_actors(150), "fr").mode == "counts"


def test_crowded_names_fall_back_to_numbers():
    figure = power_interest_grid(_actors(9, cell=(3, 3)), "fr")
    assert figure.mode == "numbers"  # nine names on one cell cannot all stay clear


def test_a_hub_grid_splits_by_association():
    frame = _actors(150)
    grids = power_interest_grids(frame, "association", "fr")
    assert len(grids) == 25 and all(figure.mode in ("names", "numbers") for figure in grids.values())
    assert grids["Association 3"].axes[0].get_title(loc="left") == "Association 3"
