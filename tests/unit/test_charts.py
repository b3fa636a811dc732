"""Charts: Arabic is shaped (joined letters), no glyph is missing, labels follow the language."""
from __future__ import annotations

import warnings

from matplotlib.backends.backend_agg import FigureCanvasAgg

from saara_kit.charts import figure_to_png, new_figure
from saara_kit.stakeholders.charts import power_interest_grid
from saara_kit.stakeholders.domain import DOMAIN
from saara_kit.store.repository import load_records


def _rendered_width(text: str) -> float:
    figure = new_figure()
    FigureCanvasAgg(figure)
    label = figure.text(0.1, 0.5, text, fontsize=30)
    return label.get_window_extent(figure.canvas.get_renderer()).width


def test_arabic_letters_are_joined_not_isolated():
    word = "بببب"  # four joined beh are far narrower than four isolated ones
    assert _rendered_width(word) < 0.7 * sum(_rendered_width(letter) for letter in word)


def test_arabic_grid_renders_every_glyph_and_labels_in_arabic():
    frame = load_records(DOMAIN, "sample", region="sud")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = power_interest_grid(frame, "ar")
        png = figure_to_png(figure)
    assert not [w for w in caught if "missing from font" in str(w.message)]
    assert png.startswith(b"\x89PNG")
    texts = [text.get_text().replace("\n", " ") for text in figure.axes[0].texts]
    assert "بلدية غرداية" in texts
    assert "إدارة عن قرب" in texts
    assert figure.axes[0].get_xlabel() == "الاهتمام"


def test_french_grid_uses_french_names_and_one_point_per_actor():
    frame = load_records(DOMAIN, "sample", region="centre")
    figure = power_interest_grid(frame, "fr")
    texts = [text.get_text().replace("\n", " ") for text in figure.axes[0].texts]
    assert "Wilaya d'Alger" in texts and "Gérer de près" in texts
    points = [c for c in figure.axes[0].collections if len(c.get_offsets())]
    assert len(points) == len(frame)
