"""Reading a lesson's page as its reader does, and a lesson's prose, for the dossier tests."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import nbformat

from saara_kit.lessons import localise

__all__ = ["prose_lines", "visible_text"]


class _Seen(HTMLParser):
    """The words a reader sees: text outside <style>, plus every <img alt> and the <title>."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], False

    def handle_starttag(self, tag, attrs):
        self._skip = tag == "style"
        self.parts += [value for name, value in attrs if name == "alt" and value]

    def handle_endtag(self, tag):
        self._skip = False

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(page: str) -> str:
    """Return the words a reader of ``page`` sees, space-separated."""
    parser = _Seen()
    parser.feed(page)
    return " ".join(parser.parts)


def prose_lines(lesson: Path, lang: str) -> list[str]:
    """Each heading and paragraph line of ``lesson``'s prose in ``lang`` (no tables, no code)."""
    localised = localise(nbformat.read(lesson, as_version=4), lang)
    lines = [
        line.lstrip("#-0123456789. ").strip()
        for cell in localised.cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
    ]
    return [line for line in lines if len(line) > 12 and "|" not in line and "`" not in line]
