"""Charts: Arabic is shaped (joined letters), no glyph is missing, labels follow the language."""

from __future__ import annotations

import warnings

import matplotlib.text
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from saara_kit.charts import figure_to_png, new_figure
from saara_kit.charts.style import MIN_TEXT_CSS_PX, PHONE_CHART_WIDTH_PX, SMALLEST_FONT_PT, smallest_text_px
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
    frame = load_records(DOMAIN, "sample", hub_id="sud")
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
    frame = load_records(DOMAIN, "sample", hub_id="centre")
    figure = power_interest_grid(frame, "fr")
    texts = [text.get_text().replace("\n", " ") for text in figure.axes[0].texts]
    assert "Wilaya d'Alger" in texts and "Gérer de près" in texts
    points = [c for c in figure.axes[0].collections if len(c.get_offsets())]
    assert len(points) == len(frame)


@pytest.mark.parametrize("name", ["Donateur $$", "Fonds $x^2$ \\frac{1}{2}", "$", "100 $ par mois"])
def test_dollar_signs_in_names_are_drawn_as_typed(name):
    frame = load_records(DOMAIN, "sample", hub_id="centre").head(1).assign(name=name)
    figure = power_interest_grid(frame, "fr")
    assert figure_to_png(figure).startswith(b"\x89PNG")
    assert name in [text.get_text().replace("\n", " ") for text in figure.axes[0].texts]


# -- phones: the grid the form shows must be readable on a 390 px screen, nothing cut off ------------
LONG_NAMES = [  # (French, Arabic), put at the corners and in one crowded cell
    (
        "Association des parents d'élèves de l'école primaire Émir Abdelkader de Bab El Oued",
        "جمعية أولياء تلاميذ المدرسة الابتدائية الأمير عبد القادر بباب الوادي",
    ),
    (
        "Confédération algérienne du patronat citoyen, antenne de la wilaya de Tizi Ouzou",
        "الكونفدرالية الجزائرية لأرباب العمل المواطنين فرع ولاية تيزي وزو",
    ),
    ("Établissement public de gestion des services aéroportuaires", "المؤسسة العمومية لتسيير خدمات المطارات والملاحة"),
    ("Anticonstitutionnellement-Organisation", "مديريةالشبابوالرياضةلولايةالجزائربدونفراغات"),
]
CORNERS = [(1, 5), (5, 5), (1, 1), (5, 1), (5, 5), (5, 5)]


def _crowded_frame() -> pd.DataFrame:
    """The sample register plus long French and Arabic names at the grid's corners."""
    rows = [
        {
            "name": LONG_NAMES[i % 4][0],
            "name_ar": LONG_NAMES[i % 4][1],
            "interest": x,
            "power": y,
            "position": i % 5 - 2,
        }
        for i, (x, y) in enumerate(CORNERS)
    ]
    return pd.concat([load_records(DOMAIN, "sample", hub_id="centre"), pd.DataFrame(rows)], ignore_index=True)


def _png_width(png: bytes) -> int:
    assert png[12:16] == b"IHDR"
    return int.from_bytes(png[16:20], "big")


def _texts(figure) -> list[matplotlib.text.Text]:
    return [text for text in figure.findobj(matplotlib.text.Text) if text.get_text().strip()]


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_smallest_grid_text_is_at_least_11_css_px_on_a_390_px_phone(lang):
    figure = power_interest_grid(_crowded_frame(), lang)  # what the room and the wall draw
    png = figure_to_png(figure)
    width = _png_width(png)
    assert width == round(figure.get_figwidth() * figure.dpi)  # the PNG's pixels are the figure's dpi
    texts = _texts(figure)
    assert len(texts) > 25  # ticks, axis labels, title, captions, actor labels and legend were all walked
    smallest_pt = min(text.get_fontsize() for text in texts)
    css_px = smallest_pt * figure.dpi / 72 * PHONE_CHART_WIDTH_PX / width
    assert css_px >= MIN_TEXT_CSS_PX, f"smallest text {smallest_pt} pt is {css_px:.1f} CSS px on a phone"
    # the browser test counts on the public constant and function: they must say what is drawn
    assert smallest_pt == SMALLEST_FONT_PT
    assert smallest_text_px(figure) == pytest.approx(smallest_pt * figure.dpi / 72)


LONG_TITLE = {
    "fr": "Pôle Centre : associations de protection de l'environnement de la wilaya d'Alger",
    "ar": "قطب الوسط: جمعيات حماية البيئة في ولاية الجزائر العاصمة وضواحيها",
    "en": "Centre hub: environmental protection associations of the wilaya of Algiers",
}


@pytest.mark.parametrize("dossier", [False, True], ids=["room", "dossier-title"])
@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_no_grid_text_is_cut_off_even_with_long_names(lang, dossier):
    frame = _crowded_frame()
    figure = power_interest_grid(frame, lang, title=LONG_TITLE[lang]) if dossier else power_interest_grid(frame, lang)
    figure_to_png(figure)  # lays the figure out as the PNG has it
    renderer = figure.canvas.get_renderer()
    width, height = figure.bbox.width, figure.bbox.height
    outside = []
    for text in _texts(figure):
        if not text.get_visible():
            continue
        box = text.get_window_extent(renderer)
        if box.x0 < -0.5 or box.y0 < -0.5 or box.x1 > width + 0.5 or box.y1 > height + 0.5:
            outside.append(f"{text.get_text()!r} at {box.bounds} outside {width}×{height}")
    assert outside == []
    shown = " ".join(text.get_text().replace("\n", " ") for text in figure.axes[0].texts)
    if figure.mode == "numbers":  # too crowded for names: the key holds them whole
        shown = " ".join(figure.key["name"])
    for french, arabic in LONG_NAMES:
        assert (arabic if lang == "ar" else french)[:12] in shown  # the long names are drawn (wrapped) or keyed
