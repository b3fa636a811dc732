"""The reviewer's form: their code, the applications assigned to them, the application to read,
a conflict-of-interest declaration, a score and a comment per criterion of the call's grid, save
(a draft) and submit. Widgets only: ``ReviewState`` holds what happens."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from saara_kit.data.hubs import hub_name
from saara_kit.grants.domain import REVIEWS
from saara_kit.grants.fields import comment_of
from saara_kit.grants.review_state import ReviewState
from saara_kit.i18n import format_money, format_number, t
from saara_kit.records.controls import FIELD_LAYOUT, WIDE
from saara_kit.store import Store
from saara_kit.widgets import MessageLine, TranslatedForm

__all__ = ["ReviewForm"]

SHOWN = ("summary", "objectives")  # the application's long texts, shown in full


class ReviewForm(TranslatedForm):
    """Score the applications assigned to one reviewer.

    Public surface: ``state`` (the widget-free ``ReviewState``), ``value`` (the review's fields:
    conflict, each criterion's score and comment, the general comment; settable), ``weighted``
    (the weighted score of ``value``), and the actions ``open_reviewer()``, ``pick(hub_id, association)``,
    ``save()`` and ``submit()``, which the buttons and the list call with the code typed.
    """

    domain = REVIEWS

    def __init__(self, store: Store, hub_id: str, lang: str = "fr", author: str = "reviewer"):
        super().__init__(lang)
        self.state = ReviewState(store, hub_id, author)
        call = self.state.call

        title = widgets.HTML()
        title.add_class("saara-title")
        self._on_lang(
            lambda lang: setattr(
                title,
                "value",
                f"<h2>{html.escape(t('app.review.title', lang))}</h2><p>{html.escape(call.title(lang))}</p>",
            )
        )
        self._code = widgets.Text(continuous_update=False, style=WIDE, layout=FIELD_LAYOUT)
        self._bind(self._code, "description", "review.code")
        self._bind(self._code, "placeholder", "review.code_placeholder")
        self._code.add_class("saara-reviewer-code")
        self._code.observe(lambda _: self.open_reviewer(), names="value")
        self._pick = widgets.Dropdown(options=[], style=WIDE, layout=FIELD_LAYOUT)
        self._bind(self._pick, "description", "review.pick")
        self._pick.add_class("saara-pick")
        self._pick.observe(lambda change: change["new"] and self.pick(*change["new"]), names="value")
        self._application = widgets.HTML()
        self._application.add_class("saara-application")

        self._conflict = widgets.Dropdown(style=WIDE, layout=FIELD_LAYOUT)
        self._bind(self._conflict, "description", "reviews.field.conflict")
        self._bind_choices(self._conflict, "reviews.conflict", ("no", "yes"))
        self._conflict.add_class("saara-conflict")
        self._scores, self._comments, rows = {}, {}, []
        for criterion in call.criteria:
            label = widgets.HTML()
            self._on_lang(
                lambda lang, c=criterion, label=label: setattr(
                    label,
                    "value",
                    "<b>{}</b>".format(
                        html.escape(
                            t(
                                "review.criterion",
                                lang,
                                criterion=t(f"reviews.field.{c.id}", lang),
                                weight=format_number(c.weight, lang),
                                low=c.low,
                                high=c.high,
                            )
                        )
                    ),
                )
            )
            score = widgets.ToggleButtons(
                options=[("—", ""), *((str(n), n) for n in range(criterion.low, criterion.high + 1))],
                style={"button_width": "2.6em"},
            )
            score.add_class(f"saara-{criterion.id.replace('_', '-')}")
            comment = widgets.Textarea(layout=FIELD_LAYOUT, rows=2)
            self._bind(comment, "placeholder", f"reviews.field.{comment_of(criterion.id)}")
            comment.add_class(f"saara-comment-{criterion.id.replace('_', '-')}")
            score.observe(lambda _: self._draw_weighted(), names="value")
            self._scores[criterion.id], self._comments[criterion.id] = score, comment
            rows.append(widgets.VBox([label, score, comment]))
        self._comment = widgets.Textarea(layout=FIELD_LAYOUT, rows=3)
        self._bind(self._comment, "placeholder", "reviews.field.comment")
        self._comment.add_class("saara-comment")
        extremes = widgets.HTML()
        self._on_lang(lambda lang: setattr(extremes, "value", f"<i>{html.escape(t('review.extremes', lang))}</i>"))
        self._weighted = widgets.HTML()
        self._weighted.add_class("saara-weighted")
        self._others = MessageLine()
        self._others.add_class("saara-others")
        self._save = self._button("review.save", "saara-save", lambda _: self.save(), "success")
        self._submit = self._button("review.submit", "saara-submit", lambda _: self.submit(), "warning")
        self._status = MessageLine()
        self._status.add_class("saara-save-status")

        self._grid = widgets.VBox([self._conflict, extremes, *rows, self._comment, self._weighted])
        self.state.observe(lambda _: self._draw_assigned(), names=["assigned"])
        self.state.observe(lambda _: self._draw_application(), names=["application", "review"])
        self.state.observe(lambda _: self._draw_status(), names=["notice", "state"])
        self._on_lang(lambda _: self._draw())
        self._finish(
            [
                title,
                self._code,
                self._pick,
                self._application,
                self._grid,
                self._others,
                widgets.HBox([self._save, self._submit], layout=widgets.Layout(flex_flow="row wrap")),
                self._status,
            ]
        )

    # -- public surface -------------------------------------------------------------------
    @property
    def value(self) -> dict[str, Any]:
        """Return the review's fields as typed: conflict, scores (None when not given), comments."""
        return {
            "conflict": self._conflict.value,
            **{c: None if box.value == "" else box.value for c, box in self._scores.items()},
            **{comment_of(c): box.value for c, box in self._comments.items()},
            "comment": self._comment.value,
        }

    @value.setter
    def value(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            if name == "conflict":
                self._conflict.value = value or "no"
            elif name in self._scores:
                self._scores[name].value = "" if value in ("", None) else int(value)
            elif name.startswith("comment_") and name.removeprefix("comment_") in self._comments:
                self._comments[name.removeprefix("comment_")].value = value or ""
            elif name == "comment":
                self._comment.value = value or ""

    @property
    def weighted(self) -> float | None:
        """Return the weighted score /100 of the scores given, or None while one is missing."""
        return self.state.weighted(self.value)

    def open_reviewer(self) -> None:
        """Open the reviewer of the code typed."""
        self.state.open(self._code.value)

    def pick(self, hub_id: str, association: str) -> None:
        """Load an assigned application and the reviewer's review of it."""
        self.state.pick(hub_id, association, self._code.value)

    def save(self) -> None:
        """Save the review as a draft."""
        self.state.save(self.value, self._code.value)

    def submit(self) -> None:
        """Submit the review: frozen after, and the other reviewers' scores show."""
        self.state.save(self.value, self._code.value, submit=True)

    # -- view -----------------------------------------------------------------------------
    def _draw(self) -> None:
        self._draw_assigned()
        self._draw_application()
        self._draw_status()

    def _draw_assigned(self) -> None:
        picked = self._pick.value
        options = [
            (f"{association} — {title}", (hub_id, association)) for hub_id, association, title in self.state.assigned
        ]
        self._pick.options = [("", None), *options]
        self._pick.value = picked if picked in [value for _, value in options] else None

    def _draw_application(self) -> None:
        application, review = self.state.application, self.state.review
        self._grid.layout.display = None if application else "none"
        if not application:
            self._application.value = ""
            return
        lang, esc = self.lang, html.escape
        facts = [
            (t("grants.field.project", lang), application["project"]),
            (t("grants.column.hub", lang), hub_name(application["region"], lang)),
            (t("grants.field.duration_months", lang), application["duration_months"]),
            (t("grants.field.total_cost", lang), format_money(application["total_cost"], "DZD", lang)),
            (t("grants.field.requested", lang), format_money(application["requested"], "DZD", lang)),
            (t("grants.field.registration", lang), application.get("registration") or "—"),
            (t("grants.field.budget", lang), application.get("budget") or "—"),
        ]
        rows = "".join(f"<tr><th>{esc(label)}</th><td><bdi>{esc(str(value))}</bdi></td></tr>" for label, value in facts)
        texts = "".join(
            f"<h4>{esc(t(f'grants.field.{name}', lang))}</h4><p>{esc(str(application.get(name, '')))}</p>"
            for name in SHOWN
        )
        revised = (
            f"<p><b>{esc(t('grants.revised_after_submission', lang, revision=application['revised']))}</b></p>"
            if application.get("revised")
            else ""
        )
        self._application.value = (
            f"<h3><bdi>{esc(application['association'])}</bdi></h3>{revised}<table>{rows}</table>{texts}"
        )
        self.value = {
            "conflict": "no",
            **{c: "" for c in self._scores},
            **{comment_of(c): "" for c in self._comments},
            "comment": "",
            **review,
        }
        frozen = review.get("status") == "submitted"
        for box in (
            self._conflict,
            *self._scores.values(),
            *self._comments.values(),
            self._comment,
            self._save,
            self._submit,
        ):
            box.disabled = frozen
        others = self.state.other_scores
        if frozen:
            self._others.show(
                t("review.others", lang, scores=", ".join(format_number(s, lang) for s in others) or "—"), ok=True
            )
        else:
            self._others.show(t("review.others_later", lang), ok=True)
        self._draw_weighted()

    def _draw_weighted(self) -> None:
        score = self.weighted
        self._weighted.value = (
            ""
            if score is None
            else f"<b>{html.escape(t('review.weighted', self.lang, score=format_number(round(score, 1), self.lang)))}</b>"
        )

    def _draw_status(self) -> None:
        self._status.tell(self.state.notice, self.lang)
