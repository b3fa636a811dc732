"""Feedback letters: one per submitted application, in the applicant's language, as HTML and (with
Chromium) PDF. Each gives the scores per criterion, the reviewers' comments without their names,
the decision and its reason."""

from __future__ import annotations

import hashlib
import html
from pathlib import Path

import pandas as pd

from saara_kit.exports.file_names import file_slug
from saara_kit.exports.pdf import chromium, print_pdfs
from saara_kit.grants.call import Call, load_call
from saara_kit.grants.committee import decisions, reason_text
from saara_kit.grants.consolidation import review_scores
from saara_kit.grants.fields import comment_of
from saara_kit.grants.selection import unsettled
from saara_kit.html_page import render_page
from saara_kit.i18n import format_money, format_number, t

__all__ = ["LETTER_STYLE", "render_letter", "unsettled_messages", "write_letters"]

LETTER_STYLE = """
.saara-letter-head {display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em}
.saara-letter-head dt {font-weight: bold}
.saara-letter-head dd {margin: 0}
.saara-letter table {border-collapse: collapse; margin: 0.8em 0}
.saara-letter th, .saara-letter td {border: 1px solid #999; padding: 0.3em 0.7em; text-align: start}
.saara-letter td.saara-number {text-align: end; font-variant-numeric: tabular-nums}
.saara-letter-reviewer {break-inside: avoid}
.saara-letter-reviewer dt {font-weight: bold}
.saara-letter-reviewer dd {margin: 0 0 0.4em 0}
.saara-letter-verdict {font-size: 1.2em; font-weight: bold}
.saara-letter-draft {border: 3px solid #b00020; color: #b00020; font-weight: bold; padding: 0.5em 1em}
.saara-letter-watermark {position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 6em;
  font-weight: bold; color: rgba(176, 0, 32, 0.15); transform: rotate(-30deg); pointer-events: none}
@page {margin: 2cm}
"""
_esc = html.escape
_BDI = "\ue000{}\ue001"  # stands for a value in a sentence until the sentence is escaped


def render_letter(
    association: str,
    applications: pd.DataFrame,
    reviews: pd.DataFrame,
    decided: pd.DataFrame,
    lang: str | None = None,
    call: Call | None = None,
    draft: bool = False,
) -> str:
    """Return the HTML letter to ``association`` about its submitted application.

    Parameters
    ----------
    association, applications, reviews
        The applicant, and the records as the store keeps them.
    decided
        The decisions (``committee.decisions`` or ``selection.decide``) of the application's call.
    lang
        The letter's language; default: the application's ``lang``.
    call
        The call; default: the one ``decided`` names (``params/calls/<id>.yaml``).
    draft
        Mark the letter as a draft, its decision not final (a banner and a watermark).
    """
    row, call = _decision(association, decided, applications, call)
    application = _application(association, applications, call)
    lang = lang or _letter_lang(application)
    mine = decided[decided["call"] == call.id] if "call" in decided.columns else decided
    full = pd.concat([row, pd.Series(application).drop(labels=[k for k in application if k in row.index])])
    head = "".join(
        f"<dt>{_esc(t(key, lang))}</dt><dd><bdi>{_esc(value)}</bdi></dd>"
        for key, value in (
            ("grants.field.call", call.title(lang)),
            ("records.field.association", association),
            ("grants.field.project", str(row["project"])),
        )
    )
    decision = "selected" if row["selected"] else "not_selected"
    verdict = t(f"grants.decision.{decision}", lang)
    reason = reason_text(full, call, lang)
    granted = (
        _para(_sentence("grants.letter.granted", lang, amount=format_money(float(row["granted"]), "DZD", lang)))
        if row["selected"]
        else ""
    )
    mark = (
        (
            f'<div class="saara-letter-watermark" aria-hidden="true">{_esc(t("grants.letter.draft_word", lang))}</div>'
            f'<p class="saara-letter-draft">{_esc(t("grants.letter.draft", lang))}</p>'
        )
        if draft
        else ""
    )
    body = (
        f'<div class="saara-letter">{mark}<h1>{_esc(t("grants.letter.title", lang))}</h1>'
        f'<dl class="saara-letter-head">{head}</dl>'
        + _para(_sentence("grants.letter.greeting", lang, association=association))
        + _para(_sentence("grants.letter.intro", lang, call=call.title(lang), title=str(row["project"])))
        + f"<h2>{_esc(t('grants.letter.scores', lang))}</h2>{_scores(row, mine, call, lang)}"
        + f"<h2>{_esc(t('grants.letter.comments', lang))}</h2>{_comments(association, reviews, call, lang)}"
        + f"<h2>{_esc(t('grants.letter.decision', lang))}</h2>"
        f'<p class="saara-letter-verdict">{_esc(verdict)}</p>'
        f'<p class="saara-letter-reason">{_esc(reason[:1].upper() + reason[1:])}</p>{granted}'
        + _para(_esc(t("grants.letter.closing", lang)))
        + "</div>"
    )
    title = f"{t('grants.letter.title', lang)} — {association}"
    return render_page(
        lang, f"{t('grants.letter.draft_word', lang)} — {title}" if draft else title, body, style=LETTER_STYLE
    )


def write_letters(
    applications: pd.DataFrame,
    reviews: pd.DataFrame,
    folder: str | Path,
    call: Call | None = None,
    pdf: bool = True,
    decided: pd.DataFrame | None = None,
    draft: bool = False,
) -> list[Path]:
    """Write ``<folder>/<association>.html`` per submitted application whose decision is final (of
    ``call``, else of every call), and its ``.pdf`` beside it when ``pdf`` and Chromium is there;
    return the files written, each letter's HTML then its PDF.

    ``decided``: the decisions (default: ``committee.decisions``). A decision not final yet
    (``selection.unsettled``) gets no letter, or with ``draft`` a letter marked as a draft, its file
    named so (``<association>-brouillon.html``)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    decided = decisions(applications, reviews, call) if decided is None else decided
    held = unsettled(decided) if len(decided) else pd.Series(dtype=object)
    several = len(set(decided["call"])) > 1 if len(decided) else False
    calls = {call.id: call} if call else {}
    letters, used = [], set()
    for (association, row), why in zip(decided.iterrows(), held):
        if why and not draft:
            continue
        one = calls.setdefault(row["call"], call or load_call(row["call"]))
        stem = file_slug(association, "lettre")
        if several:
            stem = f"{file_slug(one.id, 'appel')}-{stem}"
        if why:
            stem += "-" + file_slug(
                t("grants.letter.draft_word", _letter_lang(_application(association, applications, one))), "draft"
            )
        path = folder / f"{_unique(stem, used)}.html"
        path.write_text(
            render_letter(
                association, applications, reviews, decided[decided["call"] == one.id], call=one, draft=bool(why)
            ),
            encoding="utf-8",
        )
        letters.append(path)
    printed = print_pdfs(letters) if pdf and letters and chromium() else {}
    return [written for path in letters for written in (path, printed.get(path)) if written]


def unsettled_messages(decided: pd.DataFrame, lang: str, draft: bool = False) -> list[str]:
    """Say which applications got no letter, or a draft, and why (``selection.unsettled``)."""
    held = unsettled(decided) if len(decided) else pd.Series(dtype=object)
    if not held.any():
        return []
    asked = {call_id: load_call(call_id).reviews_per_application for call_id in set(decided["call"])}

    def names(why: str) -> str:
        rows = decided[(held == why).to_numpy()]
        return ", ".join(
            f"{association} ({int(row['reviews'])}/{asked[row['call']]})" if why == "reviews" else str(association)
            for association, row in rows.iterrows()
        )

    said = [
        t(f"grants.letters.{'drafted' if draft else 'held'}_{why}", lang, names=names(why))
        for why in ("reviews", "ranking")
        if (held == why).any()
    ]
    return said + ([] if draft else [t("grants.letters.how", lang)])


def _decision(
    association: str, decided: pd.DataFrame, applications: pd.DataFrame, call: Call | None
) -> tuple[pd.Series, Call]:
    rows = decided[decided.index == association]
    if call is not None and "call" in rows.columns:
        rows = rows[rows["call"] == call.id]
    if len(rows) != 1:
        raise ValueError(f"{len(rows)} decisions for {association!r}: pass the decisions of one call")
    row = rows.iloc[0]
    if call is None:
        call_id = row["call"] if "call" in row.index else _application(association, applications, None)["call"]
        call = load_call(call_id)
    return row, call


def _application(association: str, applications: pd.DataFrame, call: Call | None) -> dict:
    found = applications[(applications["association"] == association) & (applications["status"] == "submitted")]
    if call is not None:
        found = found[found["call"] == call.id]
    if len(found) != 1:
        raise ValueError(f"{len(found)} submitted applications from {association!r}")
    return found.iloc[0].to_dict()


def _sentence(key: str, lang: str, **values: str) -> str:
    """Return the catalogue sentence escaped, each value escaped and isolated in ``<bdi>``."""
    marked = t(key, lang, **{name: _BDI.format(i) for i, name in enumerate(values)})
    text = _esc(marked)
    for i, value in enumerate(values.values()):
        text = text.replace(_BDI.format(i), f"<bdi>{_esc(str(value))}</bdi>")
    return text


def _para(inner: str) -> str:
    return f"<p>{inner}</p>"


def _number(value: float, lang: str) -> str:
    return format_number(round(float(value), 2), lang)


def _scores(row: pd.Series, decided: pd.DataFrame, call: Call, lang: str) -> str:
    if pd.isna(row["score"]):
        return _para(_esc(t("grants.letter.not_scored", lang)))
    heads = "".join(
        f"<th>{_esc(t(f'grants.letter.{key}', lang))}</th>" for key in ("criterion", "weight", "scale", "mean")
    )
    lines = "".join(
        f"<tr><td>{_esc(t(f'reviews.field.{c.id}', lang))}</td>"
        f'<td class="saara-number">{_esc(_number(c.weight, lang))}</td>'
        f'<td class="saara-number"><bdi>{_esc(format_number(c.low, lang))}–'
        f"{_esc(format_number(c.high, lang))}</bdi></td>"
        f'<td class="saara-number">{_esc("—" if pd.isna(row[c.id]) else _number(row[c.id], lang))}</td></tr>'
        for c in call.criteria
    )
    score = _number(row["score"], lang)
    if pd.isna(row["rank"]):
        total = _esc(t("grants.letter.score", lang, score=score)) + " " + _esc(t("grants.letter.unranked", lang))
    else:
        total = _esc(
            t(
                "grants.letter.total",
                lang,
                score=score,
                rank=int(row["rank"]),
                ranked=int(decided["rank"].notna().sum()),
            )
        )
    return f"<table><thead><tr>{heads}</tr></thead><tbody>{lines}</tbody></table>{_para(total)}"


def _comments(association: str, reviews: pd.DataFrame, call: Call, lang: str) -> str:
    """Return the counted reviews' comments, numbered in an order that does not follow the reviewers' names."""
    if not len(reviews):
        return _para(_esc(t("grants.letter.no_comments", lang)))
    mine = reviews[(reviews["call"] == call.id) & (reviews["application"] == association)]
    scores = review_scores(mine, call)
    counted = set(scores.loc[scores["counted"], "reviewer"])
    kept = [
        review
        for review in mine.to_dict("records")
        if review["reviewer"] in counted and review["status"] == "submitted" and review["conflict"] != "yes"
    ]
    kept.sort(
        key=lambda review: hashlib.sha256(
            "\x1f".join((call.id, association, str(review["reviewer"]))).encode("utf-8")
        ).hexdigest()
    )
    fields = [(comment_of(c.id), f"reviews.field.{c.id}") for c in call.criteria] + [
        ("comment", "reviews.field.comment")
    ]
    blocks = []
    for review in kept:
        said = [(label, _text(review.get(name))) for name, label in fields if _text(review.get(name))]
        if said:
            items = "".join(f"<dt>{_esc(t(label, lang))}</dt><dd><bdi>{_esc(text)}</bdi></dd>" for label, text in said)
            name = t("grants.letter.reviewer", lang, number=len(blocks) + 1)
            blocks.append(f'<div class="saara-letter-reviewer"><h3>{_esc(name)}</h3><dl>{items}</dl></div>')
    return "".join(blocks) or _para(_esc(t("grants.letter.no_comments", lang)))


def _letter_lang(application: dict) -> str:
    return _text(application.get("lang")) or "fr"


def _text(value) -> str:
    return "" if value is None or value != value else str(value).strip()  # None, NaN -> ""


def _unique(stem: str, used: set[str]) -> str:
    name, n = stem, 1
    while name in used:
        n += 1
        name = f"{stem}-{n}"
    used.add(name)
    return name
