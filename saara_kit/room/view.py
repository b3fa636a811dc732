"""The trainer's room view on the projector: who has saved, how many records of each kind, the
hub's power × interest grid, the code to join and the withdrawn records to bring back, refreshed
every few seconds.

The refresh runs on the kernel's own asyncio loop (``loop.call_later``), between the messages the
kernel handles: widgets are only ever touched from the kernel's main thread.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import logging
import os

import ipywidgets as widgets
import pandas as pd
from sqlalchemy.exc import SQLAlchemyError

from saara_kit.i18n import format_number, format_time, t
from saara_kit.registry import domain, domains
from saara_kit.room.summary import room_summary
from saara_kit.settings import TRAINER
from saara_kit.store import RevisionConflict, Store
from saara_kit.store.restore import restore
from saara_kit.widgets import MessageLine, TranslatedForm

__all__ = ["JOIN_URL_VARIABLE", "RoomView"]

log = logging.getLogger(__name__)

JOIN_URL_VARIABLE = "SAARA_JOIN_URL"  # set by the server; no QR code without it
GRID_AFTER_S = 0.2  # with ``grid_later``: the first grid waits this long, once the page has shown

CSS = """
<style>
.saara-form.saara-room {max-width: none; font-size: 1.2em}
.saara-room-row {gap: 1.5em}
.saara-room-counts ul {list-style: none; padding: 0; margin: 0.3em 0; font-size: 1.3em}
.saara-room-associations table {border-collapse: collapse; width: 100%}
.saara-room-associations th, .saara-room-associations td {padding: 0.25em 0.6em; border-bottom: 1px solid #ddd;
  text-align: start}
.saara-room-associations td.saara-room-number {text-align: center}
.saara-room-qr {text-align: center}
.saara-room-code {font-family: monospace; font-size: 2.4em; font-weight: bold; letter-spacing: 0.15em}
.saara-room-url {font-size: 2em; font-weight: bold; direction: ltr; unicode-bidi: isolate; word-break: break-all}
</style>
"""


def _text(text: str) -> str:
    """Return ``text`` ready to sit between HTML tags (participants type association names)."""
    return html.escape(text, quote=False)


def _kernel_loop() -> asyncio.AbstractEventLoop:
    """Return the loop the code runs in: a Jupyter or Voilà kernel runs every cell inside its loop."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        raise RuntimeError("RoomView.start() needs a running asyncio loop, as in a Jupyter or Voilà kernel") from None


def _hub_name(hub_id: str, lang: str) -> str:
    from saara_kit.data import load_hub
    from saara_kit.i18n import TranslatedError

    try:
        return load_hub(hub_id).name(lang)
    except TranslatedError:  # a hub without a params file still gets its room
        return hub_id


def _forms_of(names: list[str]) -> dict[str, list[str]]:
    """Return the participants' forms (apps) of the domains ``names``, each with its domains, in order:
    a projected table has a column per form, not per step (nineteen columns would not fit)."""
    forms: dict[str, list[str]] = {}
    for name in names:
        forms.setdefault(domains()[name].app.part_of or name, []).append(name)
    return forms


class RoomView(TranslatedForm):
    """The projected room: refreshed by ``refresh()``, every ``refresh_seconds`` once ``start()``-ed.

    Public surface: ``summary`` (the last summary computed, ``None`` before the first that worked),
    ``refresh()`` (recompute and redraw; ``False`` when the store could not be read, the last view
    kept), ``restore(record_ids)`` for withdrawn records, ``start()`` / ``stop()`` for the periodic
    refresh and ``running``.
    """

    def __init__(
        self, store: Store, hub_id: str, lang: str = "fr", refresh_seconds: float = 5, grid_later: bool = False
    ):
        super().__init__(lang)
        # grid_later: the first grid (and matplotlib, ~1 s) after the kernel's cell ends, so the page shows first
        self._grid_later = grid_later
        self.add_class("saara-room")
        self.store, self.hub_id, self.refresh_seconds = store, hub_id, refresh_seconds
        self.summary: dict | None = None
        self._updated_at: dt.datetime | None = None
        self._failed = False
        self._grid_key = None  # (fingerprint, lang) of the picture shown
        self._qr_url: str | None = None
        self._qr_svg = ""
        self._timer: asyncio.TimerHandle | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

        title = widgets.HTML()
        title.add_class("saara-title")
        self._on_lang(
            lambda lang: setattr(
                title,
                "value",
                "<h2>{}</h2><p>{}</p>".format(_text(t("app.room.title", lang)), _text(_hub_name(hub_id, lang))),
            )
        )
        self._counts = widgets.HTML()
        self._counts.add_class("saara-room-counts")
        self._associations = widgets.HTML()
        self._associations.add_class("saara-room-associations")
        self._grid = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="46em"))
        self._grid_hint = widgets.HTML()
        self._grid_names = widgets.HTML()  # the key of a numbered grid
        self._grid_names.add_class("saara-room-grid-names")
        grid = widgets.VBox([self._grid_hint, self._grid, self._grid_names], layout=widgets.Layout(flex="2 1 36em"))
        grid.add_class("saara-room-grid")
        self._qr = widgets.HTML(layout=widgets.Layout(flex="0 1 20em"))
        self._qr.add_class("saara-room-qr")
        self._status = MessageLine()
        self._status.add_class("saara-room-status")
        self._withdrawn_title = widgets.HTML()
        self._withdrawn = widgets.SelectMultiple(rows=6, layout=widgets.Layout(width="100%"))
        self._withdrawn.add_class("saara-room-withdrawn-list")
        restore_button = widgets.Button(button_style="warning")
        self._bind(restore_button, "description", "room.restore")
        restore_button.add_class("saara-room-restore")
        restore_button.on_click(lambda _: self.restore(self._withdrawn.value))
        self._restore_message = MessageLine()
        self._withdrawn_box = widgets.VBox(
            [self._withdrawn_title, self._withdrawn, restore_button, self._restore_message]
        )
        self._withdrawn_box.add_class("saara-room-withdrawn")

        people = widgets.VBox([self._counts, self._associations], layout=widgets.Layout(flex="1 1 24em"))
        row = widgets.HBox([people, grid, self._qr], layout=widgets.Layout(flex_flow="row wrap"))
        row.add_class("saara-room-row")
        self._finish([widgets.HTML(CSS), title, row, self._withdrawn_box, self._status])
        self._on_lang(lambda _: self._draw())
        self.refresh()

    # -- public surface -------------------------------------------------------------------
    def refresh(self) -> bool:
        """Recompute the summary and redraw; when the store cannot be read, keep the last view."""
        try:
            summary = room_summary(self.store, self.hub_id)
        except SQLAlchemyError as error:  # the database busy or gone for a moment: next tick tries again
            log.warning("room view: store unreadable, keeping the last view: %s", error)
            self._failed = True
            self._draw_status()
            return False
        self.summary, self._updated_at, self._failed = summary, dt.datetime.now(), False
        self._draw()
        return True

    def restore(self, record_ids) -> int:
        """Bring the withdrawn records ``record_ids`` back as they were (as the trainer); return how many."""
        wanted = set(record_ids)
        chosen = [
            item["withdrawal"]
            for item in (self.summary or {}).get("withdrawn", [])
            if item["withdrawal"].record_id in wanted
        ]
        if not chosen:
            return 0
        try:
            count = restore(self.store, chosen, author=TRAINER)
        except RevisionConflict:  # saved again meanwhile: the list shows it no more after the refresh
            self._restore_message.show(t("restore.conflict", self.lang))
            count = 0
        except SQLAlchemyError:
            self._restore_message.show(t("form.store_error", self.lang))
            return 0
        else:
            self._restore_message.show(t("room.restored", self.lang, count=count), ok=True)
        self.refresh()
        return count

    @property
    def running(self) -> bool:
        """Tell whether the periodic refresh is on."""
        return self._loop is not None

    def start(self) -> None:
        """Refresh every ``refresh_seconds`` on the kernel's loop until ``stop()``."""
        if self._loop is None:
            self._loop = _kernel_loop()
            self._schedule()

    def stop(self) -> None:
        """Stop the periodic refresh."""
        if self._timer is not None:
            self._timer.cancel()
        self._timer, self._loop = None, None

    def _schedule(self) -> None:
        self._timer = self._loop.call_later(self.refresh_seconds, self._tick)

    def _tick(self) -> None:
        self._timer = None
        try:
            self.refresh()
        except Exception:  # a failed drawing must not end the room's refreshes
            log.exception("room view: refresh failed, trying again in %s s", self.refresh_seconds)
        if self._loop is not None:  # not stopped meanwhile
            self._schedule()

    # -- view -----------------------------------------------------------------------------
    def _draw(self) -> None:
        if self.summary is not None:
            self._draw_counts()
            self._draw_associations()
            if self._grid_later:
                self._grid_later = False
                self._grid_hint.value = f"<i>{_text(t('room.grid_drawing', self.lang))}</i>"
                _kernel_loop().call_later(GRID_AFTER_S, self._draw_grid)
            else:
                self._draw_grid()
            self._draw_withdrawn()
        self._draw_qr()
        self._draw_status()

    def _draw_counts(self) -> None:
        lang = self.lang
        lines = "".join(
            f'<li class="saara-room-count-{name}">'
            f"{_text(t('room.kind_count', lang, kind=t(f'app.{name}.title', lang), count=count))}</li>"
            for name, count in self.summary["counts"].items()
        )
        self._counts.value = f"<ul>{lines}</ul>"

    def _draw_associations(self) -> None:
        lang, frame, names = self.lang, self.summary["associations"], self.summary["domains"]
        if frame.empty:
            self._associations.value = f"<p><i>{_text(t('room.no_association', lang))}</i></p>"
            return
        forms = _forms_of(names)
        head = "".join(
            f"<th>{_text(text)}</th>"
            for text in [
                t("records.field.association", lang),
                *(t(f"app.{form}.title", lang) for form in forms),
                t("room.last_saved", lang),
            ]
        )
        rows = []
        for _, row in frame.iterrows():
            when = row["last_saved"]
            cells = [f"<td><bdi>{_text(row['association'])}</bdi></td>"]  # typed by participants: escaped, isolated
            cells += [
                f'<td class="saara-room-number">{format_number(sum(int(row[name]) for name in parts), lang)}</td>'
                for parts in forms.values()
            ]
            shown = "—" if pd.isna(when) else format_time(when.to_pydatetime().astimezone(), lang)  # the hub's clock
            cells.append(f"<td>{shown}</td>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        summary = _text(t("room.associations", lang, count=len(frame)))
        self._associations.value = (
            f"<p><b>{summary}</b></p><table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    def _draw_grid(self) -> None:
        """Draw the hub's grid (its domain's ``listing.room_picture``) again only when its records (or
        the language) changed."""
        key = (self.summary["grid_fingerprint"], self.lang)
        if key == self._grid_key:
            return
        frame = self.summary["grid"]
        if frame is None or frame.empty:
            self._grid.layout.display = "none"
            self._grid_hint.value = f"<i>{_text(t('room.grid_empty', self.lang))}</i>"
            self._grid_names.value = ""
        else:
            from saara_kit.charts import figure_to_png  # matplotlib: loaded with the first grid

            title = t("room.grid_title", self.lang, hub=_hub_name(self.hub_id, self.lang))
            figure = domain(self.summary["grid_domain"]).listing.room_picture(frame, self.lang, title)
            self._grid.value = figure_to_png(figure)
            self._grid.layout.display = None
            self._grid_hint.value = ""
            self._grid_names.value = (
                ""
                if figure.key is None
                else "<ol>{}</ol>".format("".join(f"<li><bdi>{_text(name)}</bdi></li>" for name in figure.key["name"]))
            )
        self._grid_key = key

    def _draw_withdrawn(self) -> None:
        """List the withdrawn records, keeping the trainer's choice across refreshes."""
        lang, items = self.lang, self.summary["withdrawn"]
        self._withdrawn_box.layout.display = None if items else "none"
        self._withdrawn_title.value = f"<b>{_text(t('room.withdrawn', lang, count=len(items)))}</b>"
        options = [
            (
                t(
                    "room.withdrawn_line",
                    lang,
                    association=item["withdrawal"].association,
                    name=item["name"],
                    time=format_time(item["withdrawal"].saved_at.astimezone(), lang),
                    author=item["withdrawal"].author,
                ),
                item["withdrawal"].record_id,
            )
            for item in items
        ]
        if options != list(self._withdrawn.options):
            chosen = set(self._withdrawn.value)
            self._withdrawn.options = options
            self._withdrawn.value = tuple(record_id for _, record_id in options if record_id in chosen)

    def _draw_qr(self) -> None:
        """Show the join QR code and its address when the server gave one, else nothing."""
        url = os.environ.get(JOIN_URL_VARIABLE) or None
        if url is None:
            self._qr.value = ""
            self._qr.layout.display = "none"
            return
        if url != self._qr_url:
            from saara_kit.serve.join import qr_svg  # the server's side: loaded only when it set an address

            self._qr_url, self._qr_svg = url, qr_svg(url, scale=10)  # read from the back of the room
        from saara_kit.serve.join import short_address

        address, code = short_address(url)  # what a person types: the address and the code, not the QR's long one
        self._qr.value = (
            f"<p>{_text(t('room.join', self.lang))}</p>{self._qr_svg}"
            f'<div class="saara-room-url" dir="ltr">{_text(address)}</div>'
            f'<div class="saara-room-code" dir="ltr">{_text(code)}</div>'
        )
        self._qr.layout.display = None

    def _draw_status(self) -> None:
        lang, seconds = self.lang, format_number(self.refresh_seconds, self.lang)
        if self._updated_at is None:
            self._status.show(t("room.waiting", lang, seconds=seconds))
        elif self._failed:
            self._status.show(t("room.stale", lang, time=format_time(self._updated_at, lang), seconds=seconds))
        else:
            self._status.show(t("room.updated", lang, time=format_time(self._updated_at, lang)), ok=True)
