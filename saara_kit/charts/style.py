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
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font

__all__ = ["FONT_PREFERENCE", "ChartFigure", "drawable", "figure_to_png", "new_figure", "use_saara_style"]

MISSING_GLYPH = "□"  # drawn in place of a character no chart font has (an emoji, say)

FONT_PREFERENCE = ("Noto Sans Arabic", "DejaVu Sans")  # Arabic first, Latin fallback


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
            "savefig.dpi": 110,
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


class ChartFigure(Figure):
    """A figure that a notebook displays as a PNG image, with its description (``alt``) in the
    chart's language for screen readers and for the dossier's ``<img alt>``."""

    alt: str = ""

    def _repr_png_(self) -> bytes | tuple[bytes, dict]:
        png = figure_to_png(self)
        return (png, {"alt": self.alt}) if self.alt else png


def new_figure(width: float = 7.5, height: float = 6.0, alt: str = "") -> ChartFigure:
    """Return an empty figure in the kit's style, described by ``alt``."""
    use_saara_style()
    figure = ChartFigure(figsize=(width, height), layout="constrained")
    figure.alt = alt
    return figure


def figure_to_png(figure: Figure) -> bytes:
    """Render ``figure`` to PNG bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
