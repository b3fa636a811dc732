"""The directory's form: a search box, facets with counts, result cards with their links, and a
folded "suggest a resource" part. Widgets only: ``DirectoryState`` holds what happens."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd

from saara_kit.directory.domain import DIRECTORY, title_in
from saara_kit.directory.search import FACETS
from saara_kit.directory.seed import SEED_COMMAND
from saara_kit.directory.state import DirectoryState
from saara_kit.i18n import format_date, t
from saara_kit.records.controls import FIELD_LAYOUT, WIDE, field_control
from saara_kit.store import Store
from saara_kit.widgets import MessageLine, TranslatedForm

__all__ = ["DirectoryForm"]

SHOWN = 30  # cards drawn at once: a phone scrolls thirty, not ten thousand
SUGGESTED = ("description", "type", "themes", "languages", "audience", "level", "licence", "url", "creator")
CARD_STYLE = """<style>
.saara-card {border: 1px solid #ccc; border-radius: 8px; padding: 0.6em 0.8em; margin: 0.5em 0}
.saara-card h4 {margin: 0 0 0.3em} .saara-card-meta {color: #555; font-size: 0.9em}
</style>"""


class DirectoryForm(TranslatedForm):
    """Search the directory and suggest a resource.

    Public surface: ``state`` (the widget-free ``DirectoryState``), ``search(query)``,
    ``choose(facet, code)``, ``suggestion`` (the suggestion's fields, settable) and ``suggest()``.
    """

    domain = DIRECTORY
    typed_fields = SUGGESTED  # what a suggestion asks (its title goes in the form's language)

    def __init__(self, store: Store, hub_id: str, lang: str = "fr", author: str = "participant"):
        super().__init__(lang)
        self.state = DirectoryState(store, hub_id, author)
        self._drawing = False
        title = widgets.HTML()
        title.add_class("saara-title")
        self._on_lang(lambda lang: setattr(title, "value", f"<h2>{html.escape(t('app.directory.title', lang))}</h2>"))
        self._query = widgets.Text(style=WIDE, layout=FIELD_LAYOUT)
        self._bind(self._query, "description", "directory.search")
        self._bind(self._query, "placeholder", "directory.search_placeholder")
        self._query.add_class("saara-search")
        self._query.observe(lambda change: self.search(change["new"]), names="value")
        self._facets = {}
        for facet in FACETS:
            box = widgets.Dropdown(style=WIDE, layout=FIELD_LAYOUT)
            self._bind(box, "description", f"directory.field.{facet}")
            box.add_class(f"saara-facet-{facet}")
            box.observe(lambda change, facet=facet: self.choose(facet, change["new"] or ""), names="value")
            self._facets[facet] = box
        self._count = widgets.HTML()
        self._count.add_class("saara-found")
        self._results = widgets.HTML()
        self._results.add_class("saara-results")

        self._participant = widgets.Text(style=WIDE, layout=FIELD_LAYOUT)
        self._bind(self._participant, "description", "records.field.participant")
        self._participant.add_class("saara-participant")
        self._title = widgets.Text(style=WIDE, layout=FIELD_LAYOUT)
        self._bind(self._title, "description", "directory.suggest_title")
        self._title.add_class("saara-suggest-title")
        self._fields = {name: field_control(self, DIRECTORY, DIRECTORY.field(name)) for name in SUGGESTED}
        self._suggest_button = self._button("directory.suggest", "saara-suggest", lambda _: self.suggest(), "primary")
        self._status = MessageLine()
        self._status.add_class("saara-save-status")
        self._mine = MessageLine()
        self._mine.add_class("saara-my-suggestions")
        suggest = widgets.Accordion(
            children=[
                widgets.VBox(
                    [
                        self._participant,
                        self._title,
                        *self._fields.values(),
                        self._suggest_button,
                        self._status,
                        self._mine,
                    ]
                )
            ],
            selected_index=None,
            layout=FIELD_LAYOUT,
        )
        suggest.add_class("saara-suggestion")
        self._on_lang(lambda lang: setattr(suggest, "titles", (t("directory.suggest_heading", lang),)))
        self.state.observe(lambda _: self._draw_status(), names=["notice"])
        self._on_lang(lambda _: self._draw())
        self._finish([title, self._query, *self._facets.values(), self._count, self._results, suggest])

    # -- public surface -------------------------------------------------------------------
    def search(self, query: str) -> None:
        """Search the published resources for ``query`` (every word, case, accents and Arabic variants aside)."""
        self.state.query = query
        self._draw()

    def choose(self, facet: str, code: str) -> None:
        """Keep only the resources whose ``facet`` holds ``code`` ("" for every one)."""
        if not self._drawing and self.state.filters.get(facet, "") != code:
            self.state.filters = {**self.state.filters, facet: code}
            self._draw()

    @property
    def suggestion(self) -> dict[str, Any]:
        """Return the suggestion's fields as typed; the title goes in the form's language."""
        values = {
            name: ("; ".join(box.value) if isinstance(box, widgets.SelectMultiple) else box.value)
            for name, box in self._fields.items()
        }
        return {**values, f"title_{self.lang}": self._title.value}

    @suggestion.setter
    def suggestion(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            if name.startswith("title_"):
                self._title.value = value
            elif isinstance(self._fields[name], widgets.SelectMultiple):
                self._fields[name].value = tuple(DIRECTORY.field(name).chosen(value))
            else:
                self._fields[name].value = value

    def suggest(self) -> None:
        """Send the suggestion: saved as pending, shown under "your suggestions"."""
        if self.state.suggest(self.suggestion, self._participant.value):
            self._title.value = ""
            self._fields["description"].value = self._fields["url"].value = ""
        self._draw_mine()

    def welcome(self, device: str, lang: str) -> None:
        super().welcome(device, lang)
        self._draw_mine()  # the visitor's own suggestions

    # -- view -----------------------------------------------------------------------------
    def _draw(self) -> None:
        found, counts = self.state.results()
        self._drawing = True  # the facets' new options are not the participant's choice
        for facet, box in self._facets.items():
            chosen = self.state.filters.get(facet, "")
            prefix = DIRECTORY.field(facet).label_prefix(DIRECTORY.name)
            options = [(t("directory.any", self.lang, count=len(found)), "")] + [
                (f"{t(f'{prefix}.{code}', self.lang)} ({counts[facet].get(code, 0)})", code)
                for code in DIRECTORY.field(facet).codes
                if counts[facet].get(code, 0) or code == chosen
            ]
            box.options = options
            box.value = chosen
        self._drawing = False
        self._count.value = f"<b>{html.escape(t('directory.found', self.lang, count=len(found)))}</b>"
        self._results.value = CARD_STYLE + "".join(_card(row, self.lang) for _, row in found.head(SHOWN).iterrows())
        if self.state.index.records.empty:  # a new hub's store: say who fills it, and how
            command = f"<code>saara-kit {SEED_COMMAND}</code>"
            hint = t("directory.empty_hint", self.lang, command="{command}")
            self._results.value = f'<p class="saara-directory-empty">{html.escape(hint).format(command=command)}</p>'
        self._draw_mine()

    def _draw_status(self) -> None:
        self._status.tell(self.state.notice, self.lang)

    def _draw_mine(self) -> None:
        mine = self.state.my_suggestions
        if not mine:
            self._mine.clear()
            return
        self._mine.show(
            [
                t(
                    "directory.yours",
                    self.lang,
                    title=title_in(s, self.lang),
                    status=t(f"directory.status.{s['status']}", self.lang),
                )
                + (f" — {s['reason']}" if s["reason"] else "")
                for s in mine
            ],
            ok=True,
        )


def _card(row: pd.Series, lang: str) -> str:
    """Return one result as a card: title, type, themes, languages, author, date, link."""
    esc = html.escape

    def labels(facet: str) -> str:
        return DIRECTORY.field(facet).show(row[facet], DIRECTORY.name, lang)

    meta = " · ".join(
        part
        for part in (
            t(f"directory.type.{row['type']}", lang),
            labels("themes"),
            labels("languages"),
            row["creator"],
            format_date(pd.Timestamp(row["date"]).date(), lang) if pd.notna(row["date"]) and row["date"] else "",
        )
        if part
    )
    link = (
        f'<a href="{esc(row["url"])}" target="_blank" rel="noopener">{esc(row["url"])}</a>'
        if row["url"]
        else esc(t("directory.local_file", lang, file=row["file"]))
        if row["file"]
        else ""
    )  # a case study is its text
    return (
        f'<div class="saara-card"><h4><bdi>{esc(title_in(row, lang))}</bdi></h4>'
        f'<div class="saara-card-meta"><bdi>{esc(meta)}</bdi></div><p><bdi>{esc(str(row["description"]))}</bdi></p>'
        f"<div>{link}</div></div>"
    )
