"""A form's draft as the store keeps it: the changes a save would write, and the editor's values.

``content`` is plain JSON: ``{"records": {record id: {"payload": … or None when removed, "base":
the saved revision it changes, 0 for a new record}}, "editor": {field: value typed}, "editing":
record id or None}``. Pure functions; the state (``RecordListState``) reads and keeps it.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from saara_kit.store import Revision

__all__ = [
    "EMPTY",
    "KEEP_EDITOR_SECONDS",
    "MAX_DRAFT_CHARS",
    "EditorKeeper",
    "changes_count",
    "draft_content",
    "is_empty",
    "merged",
]

EMPTY: dict[str, Any] = {"records": {}, "editor": {}, "editing": None}
MAX_DRAFT_CHARS = 200_000  # a draft larger than this (a pasted book) keeps its records, not its editor
KEEP_EDITOR_SECONDS = 2.0  # what the editor holds is kept this long after the last keystroke


def draft_content(pending: Iterable[Revision], editor: Mapping[str, Any], editing: str | None) -> dict[str, Any]:
    """Return the draft of a form whose next save writes ``pending`` and whose editor holds ``editor``
    (only the values typed: those that differ from an empty record)."""
    records = {
        rev.record_id: {"payload": None if rev.deleted else dict(rev.payload), "base": rev.revision - 1}
        for rev in pending
    }
    content = {"records": records, "editor": dict(editor), "editing": editing if editor else None}
    if len(json.dumps(content, ensure_ascii=False, default=str)) > MAX_DRAFT_CHARS:
        content = {**content, "editor": {}, "editing": None}
    return content


def merged(older: Mapping[str, Any], newer: Mapping[str, Any]) -> dict[str, Any]:
    """Return a draft offered but not yet taken up (``older``) with what was typed since (``newer``) on top."""
    editor, editing = (newer["editor"], newer["editing"]) if newer["editor"] else (older["editor"], older["editing"])
    return {"records": {**older["records"], **newer["records"]}, "editor": editor, "editing": editing}


def changes_count(content: Mapping[str, Any]) -> int:
    """Return how many changes a draft holds: its records, and the editor when something is typed."""
    return len(content.get("records", {})) + (1 if content.get("editor") else 0)


def is_empty(content: Mapping[str, Any]) -> bool:
    """Tell whether a draft holds nothing worth offering back."""
    return changes_count(content) == 0


def _in_a_kernel() -> bool:
    """Tell whether this runs in a Jupyter kernel (a form's page), whose loop may run a timer."""
    from IPython import get_ipython

    return get_ipython() is not None


class EditorKeeper:
    """Keep what a form's editor holds with its state's draft: at once without an event loop (tests),
    else a little after the last keystroke (a write per keystroke would load the store for nothing)."""

    def __init__(self, state, read_editor: Callable[[], Mapping[str, Any]]):
        self.state, self.read_editor = state, read_editor
        self._later: asyncio.TimerHandle | None = None

    def changed(self, _change=None) -> None:
        """An editor's value changed: keep the editor, now or soon."""
        try:
            loop = asyncio.get_running_loop() if _in_a_kernel() else None
        except RuntimeError:
            loop = None
        if loop is None:  # tests drive the form without a kernel (another library's loop may run there)
            self.keep()
            return
        if self._later is None:
            self._later = loop.call_later(KEEP_EDITOR_SECONDS, self.keep)

    def keep(self) -> None:
        self._later = None
        self.state.keep_editor(self.read_editor())
