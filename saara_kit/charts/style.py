"""One look for every chart; Arabic is shaped by matplotlib itself (>= 3.11, libraqm).

Charts are built as ``ChartFigure`` objects, not through pyplot: nothing global to close.
A ``ChartFigure`` shows itself as a PNG wherever IPython displays it (JupyterLab, papermill runs,
the HTML dossiers), even when pyplot and its inline backend were never loaded.
"""
from __future__ import annotations

import io
from functools import cache

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure

__all__ = ["FONT_PREFERENCE", "ChartFigure", "figure_to_png", "new_figure", "use_saara_style"]

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


class ChartFigure(Figure):
    """A figure that a notebook displays as a PNG image."""

    def _repr_png_(self) -> bytes:
        return figure_to_png(self)


def new_figure(width: float = 7.5, height: float = 6.0) -> ChartFigure:
    """Return an empty figure in the kit's style."""
    use_saara_style()
    return ChartFigure(figsize=(width, height), layout="constrained")


def figure_to_png(figure: Figure) -> bytes:
    """Render ``figure`` to PNG bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
