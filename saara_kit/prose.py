"""What a lesson says in words, as paragraphs: a dossier reads them as prose, not as printed lines.

``say(text)`` in a lesson instead of ``print(text)``: each line becomes a paragraph in the page
(HTML, escaped: names come from participants), and stays a plain line where no page is drawn.
"""

from __future__ import annotations

import html

__all__ = ["Prose", "say"]


class Prose:
    """Lines of text shown as paragraphs (``_repr_html_``), or as plain lines (``repr``)."""

    def __init__(self, *texts: object):
        self.lines = [line for text in texts for line in str(text).splitlines() if line.strip()]

    def _repr_html_(self) -> str:
        return "".join(f'<p class="saara-prose">{html.escape(line)}</p>' for line in self.lines)

    def __repr__(self) -> str:
        return "\n".join(self.lines)


def say(*texts: object) -> None:
    """Show ``texts`` (each line a paragraph) below the cell, as a lesson's prose."""
    from IPython.display import display

    display(Prose(*texts))
