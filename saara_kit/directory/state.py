"""The state behind the directory's form, with no widgets: the published resources, the search
and its facets, and the participant's suggestions (saved as pending, for a trainer to moderate)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from traitlets import Dict, HasTraits, Instance, Unicode

from saara_kit.directory.domain import DIRECTORY
from saara_kit.directory.moderation import SUGGESTIONS, published
from saara_kit.directory.search import Index
from saara_kit.records.domain import validate_participant
from saara_kit.records.state import Notice
from saara_kit.registry import domains
from saara_kit.store import Revision, Store, new_record_id
from saara_kit.store.repository import listed_frame
from saara_kit.validation import ValidationError

__all__ = ["MAX_PENDING", "DirectoryState"]

MAX_PENDING = 20  # suggestions one device may have waiting: a mischievous phone cannot flood the trainers


class DirectoryState(HasTraits):
    """Search the published resources (every hub's) and suggest new ones.

    ``query`` and ``filters`` (facet -> code) give ``results()``: what is found (best first) and
    the facets' counts (facet -> code -> how many); ``notice`` says what a suggestion became.
    """

    query = Unicode("")
    filters = Dict()
    notice = Instance(Notice, allow_none=True)

    def __init__(self, store: Store, hub_id: str, author: str = "participant"):
        super().__init__()
        self.store, self.hub_id, self.device = store, hub_id, author
        self.refresh()

    def refresh(self) -> None:
        """Read the published resources again (a trainer may have approved some), and the case studies
        that approved practice sheets make."""
        self.index = Index(published(listed_frame(self.store, DIRECTORY, domains=domains())))

    def results(self) -> tuple[pd.DataFrame, dict[str, dict[str, int]]]:
        """Return the published resources that match the query and the filters, best first, and
        for each facet how many of them carry each code."""
        found = self.index.search(self.query, {facet: code for facet, code in self.filters.items() if code})
        return found, self.index.counts(found)

    @property
    def found(self) -> pd.DataFrame:
        """Return the published resources that match the query and the filters, best first."""
        return self.results()[0]

    @property
    def my_suggestions(self) -> list[dict[str, Any]]:
        """Return this device's suggestions with their moderation (pending, approved, rejected)."""
        return [
            rev.payload
            for rev in self.store.current(DIRECTORY.kind, association=SUGGESTIONS)
            if rev.author == self.device or rev.author.endswith(f"({self.device})")
        ]

    def suggest(self, raw: Mapping[str, Any], participant: Any = "") -> bool:
        """Save a suggested resource as pending; False (and say why) when invalid or too many wait."""
        try:
            name = validate_participant(participant)
            record = DIRECTORY.validate({**raw, "status": "pending", "reason": ""})
        except ValidationError as error:
            self.notice = Notice(errors=tuple(error.errors))
            return False
        if sum(s["status"] == "pending" for s in self.my_suggestions) >= MAX_PENDING:
            self.notice = Notice("directory.too_many", {"count": MAX_PENDING})
            return False
        author = f"{name} ({self.device})" if name else self.device
        self.store.save(
            Revision(
                new_record_id(),
                1,
                DIRECTORY.kind,
                self.hub_id,
                SUGGESTIONS,
                author,
                record.to_payload(),
                DIRECTORY.schema_version,
            )
        )
        self.notice = Notice("directory.suggested", ok=True)
        return True
