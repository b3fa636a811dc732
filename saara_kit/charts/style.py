"""One look for every chart; Arabic is shaped by matplotlib itself (>= 3.11, libraqm).

Charts are built as ``ChartFigure`` objects, not through pyplot: nothing global to close.
A ``ChartFigure`` shows itself as a PNG wherever IPython displays it (JupyterLab, papermill runs,
the HTML dossiers), even when pyplot and its inline backend were never loaded.
"""

from __future__ import annotations

import io
import unicodedata
from functools import cache

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text

__all__ = [
    "CHART_DPI",
    "FIGURE_WIDTH_IN",
    "FONT_PREFERENCE",
    "MIN_TEXT_CSS_PX",
    "PHONE_CHART_WIDTH_PX",
    "SMALLEST_FONT_PT",
    "ChartFigure",
    "drawable",
    "figure_to_png",
    "label_on_dot",
    "line_spacing",
    "new_figure",
    "smallest_text_px",
    "title_figure",
    "use_saara_style",
]

MISSING_GLYPH = "□"  # drawn in place of a character no chart font has (an emoji, say)

FONT_PREFERENCE = ("Noto Sans Arabic", "DejaVu Sans")  # Arabic first, Latin fallback

# Charts are drawn for the width a phone shows them at: a 390 px screen leaves the picture about
# PHONE_CHART_WIDTH_PX CSS px, and no text may then be under MIN_TEXT_CSS_PX. A figure of
# FIGURE_WIDTH_IN shown that wide puts SMALLEST_FONT_PT at
#   SMALLEST_FONT_PT / 72 * PHONE_CHART_WIDTH_PX / FIGURE_WIDTH_IN  = 10 / 72 * 358 / 4.4 ≈ 11.3 CSS px
# (the dpi cancels out: it only sets how sharp the PNG is). On a desktop (the dossier) the PNG is
# shown at its own size, FIGURE_WIDTH_IN * CHART_DPI = 484 px wide, and that text is 15 px.
PHONE_CHART_WIDTH_PX = 358
MIN_TEXT_CSS_PX = 11
FIGURE_WIDTH_IN = 4.4
SMALLEST_FONT_PT = 10.0  # no chart text is drawn smaller (tick labels, legend, actor labels, captions)
CHART_DPI = 110


def _installed_font_names() -> set[str]:
    """Return the font families matplotlib knows, adding Arabic fonts its cache predates."""
    names = {font.name for font in font_manager.fontManager.ttflist}
    if FONT_PREFERENCE[0] not in names:
        for path in font_manager.findSystemFonts():
            if "NotoSansArabic-" in path:
                font_manager.fontManager.addfont(path)
        names = {font.name for font in font_manager.fontManager.ttflist}
    return names


@cache
def use_saara_style() -> None:
    """Set fonts and a plain look; fonts missing on this machine are left out of the list."""
    installed = _installed_font_names()
    families = [name for name in FONT_PREFERENCE if name in installed] or ["DejaVu Sans"]
    matplotlib.rcParams.update(
        {
            "font.family": families,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "font.size": SMALLEST_FONT_PT,  # "medium": ticks, axis labels, legend; titles are larger
            "legend.fontsize": SMALLEST_FONT_PT,
            "legend.title_fontsize": SMALLEST_FONT_PT,
            "savefig.dpi": CHART_DPI,
            "text.parse_math": False,  # "Donateur $$" is a name, not mathtext (which raises)
        }
    )


@cache
def _drawable_codepoints() -> frozenset[int]:
    use_saara_style()
    codepoints: set[int] = set()
    for family in matplotlib.rcParams["font.family"]:
        path = font_manager.findfont(font_manager.FontProperties(family=family))
        codepoints |= set(FT2Font(path).get_charmap())
    return frozenset(codepoints)


def drawable(text: str) -> str:
    """Return ``text`` with what the chart fonts cannot draw replaced by ``□`` (and invisible marks
    such as emoji variation selectors dropped), so no "Glyph missing" warning reaches a page."""
    known = _drawable_codepoints()
    kept = []
    for char in str(text):
        if ord(char) in known or char in "\n\t ":
            kept.append(char)
        elif unicodedata.category(char) not in ("Cf", "Mn", "Me"):
            kept.append(MISSING_GLYPH)
    return "".join(kept)


def short_label(text: object, length: int) -> str:
    """Return ``text`` as drawn (see ``drawable``), cut to ``length`` characters with an ellipsis."""
    drawn = drawable(str(text))
    return drawn if len(drawn) <= length else drawn[: length - 1] + "…"


def short_names(names: list[str], length: int = 22) -> list[str]:
    """Return each name without the words every name starts with ("Association Exemple …"), cut
    to ``length`` characters; a name that would be left empty is kept whole."""
    words = [str(name).split() for name in names]
    common = 0
    while len(words) > 1 and all(len(w) > common + 1 for w in words) and len({w[common] for w in words}) == 1:
        common += 1
    return [short_label(" ".join(w[common:]) or name, length) for w, name in zip(words, names)]


@cache
def _line_height_em() -> float:
    """How many font sizes apart matplotlib puts two lines of chart text at ``linespacing=1``."""
    use_saara_style()
    figure = Figure(dpi=72)
    FigureCanvasAgg(figure)
    text = figure.text(0, 0, "lp", fontsize=10, linespacing=1.0)
    return text.get_window_extent(figure.canvas.get_renderer()).height / 10


def line_spacing(em: float = 1.35) -> float:
    """Return the ``linespacing`` that puts lines of chart text ``em`` font sizes apart.

    matplotlib spaces lines by the first font's own metrics, and Noto Sans Arabic's (made for
    stacked marks) are over twice the font size: ``linespacing=1`` wastes a line in three."""
    return em / _line_height_em()


class ChartFigure(Figure):
    """A figure that a notebook displays as a PNG image, with its description (``alt``) in the
    chart's language for screen readers and for the dossier's ``<img alt>``."""

    alt: str = ""
    key = None  # a chart that numbers its marks keys them here (a DataFrame: number, name)

    def _repr_png_(self) -> bytes | tuple[bytes, dict]:
        png = figure_to_png(self)
        return (png, {"alt": self.alt}) if self.alt else png


def new_figure(width: float = FIGURE_WIDTH_IN, height: float = 5.4, alt: str = "") -> ChartFigure:
    """Return an empty figure in the kit's style, described by ``alt``; it is as wide as a phone
    shows it (see ``SMALLEST_FONT_PT``): draw no text smaller than ``SMALLEST_FONT_PT`` on it."""
    use_saara_style()
    figure = ChartFigure(figsize=(width, height), dpi=CHART_DPI, layout="constrained")
    FigureCanvasAgg(figure)  # so that a chart can measure its texts before it is saved
    figure.alt = alt
    return figure


def title_figure(figure: Figure, heading: str, rtl: bool) -> None:
    """Title the figure on the reading side (right in Arabic); the layout keeps it inside the
    figure, where an axes' title wider than its axes would be cut."""
    figure.suptitle(heading, x=0.98 if rtl else 0.02, ha="right" if rtl else "left", fontsize=SMALLEST_FONT_PT + 2)


def legend_below(figure: Figure, handles: list, columns: int = 2) -> None:
    """Put the legend under the chart, in ``columns`` columns, or in one when they would not fit."""
    legend = figure.legend(handles=handles, loc="outside lower center", ncols=columns, frameon=False)
    figure.draw_without_rendering()
    if columns > 1 and legend.get_window_extent().width > figure.bbox.width:
        legend.remove()  # a legend lays its entries out once: draw it again, one entry a line
        figure.legend(handles=handles, loc="outside lower center", ncols=1, frameon=False)


def label_on_dot(axes, x: float, y: float, label: object) -> None:
    """Write ``label`` (an actor's number, a count) inside the dot at (``x``, ``y``): white, bold, the
    smallest chart size."""
    axes.text(
        x,
        y,
        str(label),
        ha="center",
        va="center",
        color="white",
        fontsize=SMALLEST_FONT_PT,
        fontweight="bold",
        zorder=4,
    )


def figure_to_png(figure: Figure) -> bytes:
    """Render ``figure`` to PNG bytes, at the figure's own dpi (what ``smallest_text_px`` counts in)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=figure.dpi)
    return buffer.getvalue()


def smallest_text_px(figure: Figure) -> float:
    """Return the size, in pixels of ``figure_to_png(figure)``, of the smallest text in ``figure``
    (font size in points × dpi / 72, over every text drawn: titles, ticks, labels, legend).

    Shown ``w`` CSS px wide, a PNG ``p`` px wide makes that text ``smallest_text_px * w / p`` CSS px."""
    sizes = [text.get_fontsize() for text in figure.findobj(Text) if text.get_visible() and text.get_text().strip()]
    return min(sizes) * figure.dpi / 72
