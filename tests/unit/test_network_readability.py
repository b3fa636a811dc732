"""The relations network stays readable on a 390 px phone and on the A3 wall: no actor's name covers
another name or a dot, every name stays inside the network's axes, the actors without links are set
apart, a hub's 60 actors show only their most central names, and a whole register only its most
central actors."""

from __future__ import annotations

import itertools
import random

import pandas as pd
import pytest
from matplotlib.collections import PathCollection
from matplotlib.text import Text

from saara_kit.charts import short_label
from saara_kit.charts.style import FIGURE_WIDTH_IN, PHONE_CHART_WIDTH_PX
from saara_kit.stakeholders.network import network, network_metrics
from saara_kit.stakeholders.network_chart import DRAWN_UP_TO, NAME_LENGTH, NAMES_UP_TO, network_chart
from saara_kit.stakeholders.wall import A3_INCHES, DPI, MARGIN_INCHES
from tests.unit.chart_checks import assert_text_inside_and_readable
from tests.unit.test_network_and_salience import ACTORS, LINKS

LINK_COLUMNS = ["source", "target", "kind", "weight", "direction"]
TYPES = ("apc", "wilaya", "association", "media", "donor", "direction", "citizens_group")


def _hub(count: int = 60, isolated: int = 12, seed: int = 7):
    """A hub's register: ``count`` actors with long names, the last ``isolated`` without links."""
    pick = random.Random(seed)
    actors = [f"{pick.choice(['Direction de la jeunesse', 'Association', 'APC', 'Radio'])} {n}" for n in range(count)]
    linked = actors[: count - isolated]
    rows = [
        (source, target, pick.choice(["money", "command", "information", "cooperation"]), pick.randint(1, 5), "one_way")
        for source, target in sorted({tuple(pick.sample(linked, 2)) for _ in range(2 * len(linked))})
    ]
    links = pd.DataFrame(rows, columns=["source", "target", "kind", "weight", "direction"])
    types = pd.Series({actor: pick.choice(TYPES) for actor in actors})
    towers = pd.Series({actor: pick.randint(0, 5) for actor in actors})
    return network(actors, links), types, towers, actors[count - isolated :]


def _small():
    types = pd.Series(dict(zip(ACTORS, TYPES)))
    return network(ACTORS, LINKS), types, pd.Series({"Wilaya": 5, "APC": 3}), ["Isolé"]


CASES = {"6 actors": _small, "60 actors": _hub}
PHONE_DPI = PHONE_CHART_WIDTH_PX / FIGURE_WIDTH_IN  # the picture as a 390 px phone shows it


def _a3_dpi(figure) -> float:
    """The dpi the wall prints ``figure`` at (``write_a3``: the chart fills the page within its margins)."""
    width, height = A3_INCHES
    return DPI * min(
        (width - 2 * MARGIN_INCHES) / figure.get_figwidth(), (height - 2 * MARGIN_INCHES) / figure.get_figheight()
    )


def _overlap(box, other) -> float:
    width = min(box[2], other[2]) - max(box[0], other[0])
    height = min(box[3], other[3]) - max(box[1], other[1])
    return width * height if width > 0 and height > 0 else 0.0


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("case", CASES)
def test_names_cover_nothing_and_stay_inside_on_a_phone_and_on_the_wall(case, lang):
    graph, types, towers, isolated = CASES[case]()
    figure = network_chart(graph, types, towers, lang)
    assert_text_inside_and_readable(figure)
    network_axes = figure.axes[0]
    names = [text for text in network_axes.texts if text.get_visible()]
    assert [text.get_text() for text in names] == [short_label(a, NAME_LENGTH) for a in figure.named] and names
    for dpi in (PHONE_DPI, _a3_dpi(figure)):
        figure.set_dpi(dpi)
        figure.draw_without_rendering()
        renderer = figure.canvas.get_renderer()
        inside = network_axes.get_window_extent(renderer).extents
        boxes = [tuple(Text.get_window_extent(text, renderer).extents) for text in names]
        covering = [
            (names[i].get_text(), names[j].get_text())
            for i in range(len(boxes))
            for j in range(i)
            if _overlap(boxes[i], boxes[j])
        ]
        assert covering == [], dpi
        outside = [
            text.get_text()
            for text, box in zip(names, boxes)
            if not (box[0] >= inside[0] and box[1] >= inside[1] and box[2] <= inside[2] and box[3] <= inside[3])
        ]
        assert outside == [], dpi
        dots = [
            (*network_axes.transData.transform(point), size**0.5 / 2 * dpi / 72)
            for collection in network_axes.collections
            for point, size in zip(collection.get_offsets(), collection.get_sizes())
        ]
        on_a_dot = [
            text.get_text()
            for text, box in zip(names, boxes)
            for x, y, r in dots
            if _overlap(box, (x - r, y - r, x + r, y + r))
        ]
        assert on_a_dot == [], dpi
    drawn = {tuple(point) for collection in network_axes.collections for point in collection.get_offsets()}
    assert len(drawn) == graph.number_of_nodes() - len(isolated)  # the actors without links are not in the network
    band = figure.axes[1].texts[0].get_text()
    figure.set_dpi(PHONE_DPI)
    figure.draw_without_rendering()
    listed, legend = figure.axes[1].texts[0].get_window_extent(), figure.legends[0].get_window_extent()
    assert _overlap(tuple(listed.extents), tuple(legend.extents)) == 0  # the list stays above the legend
    assert str(len(isolated)) in band and isolated[0] in band


def test_a_hubs_network_names_only_its_most_central_actors():
    graph, types, towers, _ = _hub()
    figure = network_chart(graph, types, towers, "fr")
    assert 5 <= len(figure.named) <= NAMES_UP_TO  # a dense core leaves room for fewer
    degree = network_metrics(graph)["degree"]
    assert degree[figure.named].min() >= degree.sort_values(ascending=False).iloc[NAMES_UP_TO]


def test_the_same_register_entered_in_another_order_gives_the_same_picture():
    graph, types, towers, _ = _hub()
    links = pd.DataFrame(
        [(u, v, d["kind"], d["weight"], "one_way") for u, v, d in graph.edges(data=True)],
        columns=["source", "target", "kind", "weight", "direction"],
    )
    shuffled = network(list(reversed(list(graph))), links.sample(frac=1.0, random_state=3))
    first, second = (network_chart(g, types, towers, "fr") for g in (graph, shuffled))
    assert first.named == second.named
    dots = [
        sorted(map(tuple, c.get_offsets().round(6).tolist()))
        for c in (f.axes[0].collections[-1] for f in (first, second))
    ]
    assert dots[0] == dots[1]


def _chain(count: int):
    """``count`` actors, each linked to the next, and the first tenth to every fifth actor (a core)."""
    actors = [f"Acteur {n}" for n in range(count)]
    pairs = [
        *itertools.pairwise(actors),
        *((hub, other) for hub in actors[: count // 10] for other in actors[::5] if hub != other),
    ]
    links = pd.DataFrame([(u, v, "information", 1, "one_way") for u, v in pairs], columns=LINK_COLUMNS)
    return network(actors, links)


def _dots(figure) -> int:
    return sum(len(c.get_offsets()) for c in figure.axes[0].collections if isinstance(c, PathCollection))


def _texts(figure) -> str:
    return "\n".join(text.get_text() for text in figure.findobj(Text))


def test_a_register_at_drawn_up_to_is_drawn_whole():
    figure = network_chart(_chain(DRAWN_UP_TO), pd.Series(dtype=str), lang="fr")
    assert _dots(figure) == DRAWN_UP_TO and "plus centraux" not in _texts(figure)


@pytest.mark.parametrize(
    "lang, says", [("fr", "Acteurs reliés : 151"), ("ar", "الفاعلون المرتبطون: 151"), ("en", "Linked actors: 151")]
)
def test_one_more_and_only_the_most_central_are_drawn_and_the_band_says_so(lang, says):
    figure = network_chart(_chain(DRAWN_UP_TO + 1), pd.Series(dtype=str), lang=lang)
    assert _dots(figure) <= DRAWN_UP_TO and says in _texts(figure)
    core = {f"Acteur {n}" for n in range((DRAWN_UP_TO + 1) // 10)}
    assert figure.named and set(figure.named) <= core  # the most central are drawn and named
    assert str(DRAWN_UP_TO + 1) in figure.alt  # the alternative text counts the whole register
