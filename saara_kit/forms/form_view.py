"""How the record-list form draws its parts from its state: links offered, draft offer, list, picture, status."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from saara_kit.forms.drafts import changes_count
from saara_kit.i18n import format_time, t
from saara_kit.records.fields import References

if TYPE_CHECKING:
    import ipywidgets as widgets

    from saara_kit.forms.state import RecordListState
    from saara_kit.records.domain import Domain
    from saara_kit.widgets import MessageLine

__all__ = ["RecordListView"]


def picture_bytes(figure: Any) -> tuple[str, bytes]:
    """Return the image format and bytes of a domain's picture: SVG text as it is, a matplotlib
    figure as PNG (matplotlib loads only for those)."""
    svg = getattr(figure, "svg", None)
    if svg is not None:
        return "svg+xml", svg.encode()
    from saara_kit.charts import figure_to_png

    return "png", figure_to_png(figure)


class RecordListView:
    """The drawing half of ``RecordListForm``: redraws its widgets from ``self.state`` (a
    ``RecordListState``); the form builds the widgets and calls ``_draw`` after each action."""

    if TYPE_CHECKING:  # what it reads of ``RecordListForm``, which builds it
        domain: Domain
        state: RecordListState
        lang: str
        _main: Callable[[], Any] | None
        _fields: dict[str, Any]  # field name -> its control (``controls.field_control``)
        _new_codes: MessageLine
        _draft_offer: MessageLine
        _draft_buttons: widgets.HBox
        _nothing_to_pick: MessageLine
        _advice: MessageLine
        _add: widgets.Button
        _cancel: widgets.Button
        _editor_message: MessageLine
        _list: widgets.Select
        _picture: widgets.Image
        _picture_hint: widgets.HTML
        _picture_caption: widgets.HTML
        _picture_key: widgets.HTML
        _status: MessageLine

    def _draw(self) -> None:
        self._draw_offer()
        self._draw_references()
        self._draw_list()
        self._draw_editor_state()
        self._draw_status()
        self._draw_new_codes()

    def _draw_references(self) -> None:
        """Offer the names each link may take; say which step to save first when there are none."""
        empty = []
        for f in self.domain.references:
            box, names = self._fields[f.name], list(self.state.references.get(f.to, {}))
            value = box.value
            if isinstance(f, References):
                box.options = names
                box.value = tuple(name for name in value if name in names)
            else:
                box.options = ["", *names]
                box.value = value if value in names else ""
            if not names and f.required:  # an optional link to nothing yet is no problem (the application's budget)
                empty.append(
                    t(
                        "form.nothing_to_pick",
                        self.lang,
                        field=t(self.domain.label_key(f.name), self.lang),
                        step=t(f"{f.to}.step", self.lang),
                    )
                )
        if empty:
            self._nothing_to_pick.show(list(dict.fromkeys(empty)))
        else:
            self._nothing_to_pick.clear()

    def _draw_offer(self) -> None:
        """Offer back what this device typed here before, with its count and time."""
        offered = self.state.offered
        self._draft_buttons.layout.display = None if offered else "none"
        if offered is None:
            self._draft_offer.clear()
            return
        kept_at = offered.kept_at.astimezone().replace(tzinfo=None)  # the laptop's time, as the room reads it
        self._draft_offer.show(
            t("draft.offer", self.lang, count=changes_count(offered.content), time=format_time(kept_at, self.lang)),
            warning=True,
        )

    def _draw_new_codes(self) -> None:
        """Show the code of each association this form created, to note down."""
        codes = self.state.created_codes
        if codes:
            self._new_codes.show(
                [t("association.note_code", self.lang, association=name, code=code) for name, code in codes.items()],
                ok=True,
            )
        else:
            self._new_codes.clear()

    def _draw_editor_state(self) -> None:
        """Label the add button "Update" and show "Cancel" while a record is edited; show its errors."""
        editing = self.state.editing is not None
        self._add.description = t("form.update" if editing else "form.add", self.lang)
        self._cancel.layout.display = None if editing else "none"
        notice = self.state.editor_notice
        if notice is None:
            self._editor_message.clear()
        else:
            self._editor_message.show(notice.messages(self.lang))

    def _draw_status(self) -> None:
        if self.state.notice is None and self.state.state == "dirty":
            self._status.show(t("form.unsaved", self.lang, count=len(self.state.pending)))
        else:
            self._status.tell(self.state.notice, self.lang)

    def _draw_list(self) -> None:
        """Redraw the picture, the advice and the list from the draft; when the picture numbers the
        records, the list carries the same numbers."""
        numbered = self._draw_picture()
        advise, main = self.domain.app.advice, self._main
        advice = advise(main()) if advise and main and self.state.association else None  # not on an empty form (pandas)
        self.advice = advice
        notes = ([t(advice, self.lang)] if advice else []) + [w.message(self.lang) for w in self.state.warnings]
        if notes:
            self._advice.show(notes, warning=True)
        else:
            self._advice.clear()
        selected = self._list.value
        labels = [self.domain.list_label(record, self.lang) for record in self.state.draft.values()]
        if numbered:
            labels = [f"{number}. {label}" for number, label in enumerate(labels, start=1)]
        self._list.options = list(zip(labels, self.state.draft))
        if selected in self.state.draft:
            self._list.value = selected

    def _draw_picture(self) -> bool:
        """Draw the domain's picture of the draft; return True when it numbers the records. A step's
        picture numbers the app's main records (actors): their names are keyed below it."""
        self.picture_alt, self._picture_key.value, self._picture_caption.value = "", "", ""
        if self.domain.listing.picture is None:
            self._picture.layout.display = "none"
            return False
        if not self.state.draft:
            self._picture.layout.display = "none"
            self._picture_hint.value = f"<i>{t(f'{self.domain.name}.picture.empty', self.lang)}</i>"
            return False
        records = list(self.state.draft.values())
        figure = (
            self.domain.listing.picture(records, self.lang)
            if self._main is None
            else self.domain.listing.picture(records, self.lang, self._main())
        )
        self._picture.format, self._picture.value = picture_bytes(figure)
        self.picture_alt = figure.alt
        self._picture_caption.value = f"<small>{html.escape(figure.alt)}</small>"
        self._picture.layout.display = None
        self._picture_hint.value = ""
        key = getattr(figure, "key", None)
        if key is not None and self._main is not None:
            self._picture_key.value = "<ol>{}</ol>".format(
                "".join(f"<li><bdi>{html.escape(str(name))}</bdi></li>" for name in key["name"])
            )
        return key is not None and self._main is None
