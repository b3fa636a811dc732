"""The facilitator's printable cards: one per association, with its code to open its records, in
the association's language (French and Arabic when it is not known)."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from saara_kit.html_page import render_page
from saara_kit.i18n import is_rtl, t
from saara_kit.validation import fold_name

__all__ = ["UNKNOWN_LANGS", "render_code_cards", "write_code_cards"]

UNKNOWN_LANGS = ("fr", "ar")  # a card whose association's language is not known says everything in both

CARD_STYLE = """
body {max-width: none}
.saara-cards {display: grid; grid-template-columns: repeat(auto-fill, minmax(17em, 1fr)); gap: 1em}
.saara-card {border: 2px dashed #555; border-radius: 8px; padding: 1em; break-inside: avoid}
.saara-card-association {font-size: 1.2em; font-weight: bold}
.saara-card-hint {margin: 0.3em 0 0}
.saara-card-code {font: bold 2.2em monospace; letter-spacing: 0.15em; direction: ltr; unicode-bidi: isolate; margin: 0.3em 0}
@media print {.saara-cards-intro {display: none}}
"""


def render_code_cards(
    hub: str,
    codes: dict[str, str],
    lang: str,
    words: str = "codes",
    card_langs: Mapping[str, Sequence[str]] | None = None,
    hub_in: Callable[[str], str] | None = None,
) -> str:
    """Return the printable page of ``codes`` (association -> code), sorted by name, its title in ``lang``.

    ``words`` is the catalogue section of the title, introduction and hint (``reviewer_codes`` for
    reviewers' cards). ``card_langs`` gives the languages of each association's card (one not named
    there: ``UNKNOWN_LANGS``); without it, every card is in ``lang``. ``hub_in(lang)`` names the hub
    on a card (default: ``hub``)."""
    esc = html.escape

    def said(text_of: Callable[[str], str], langs: Sequence[str], tag: str, css: str) -> str:
        return "".join(
            f'<{tag} class="{css}" lang="{one}" dir="{"rtl" if is_rtl(one) else "ltr"}">{esc(text_of(one))}</{tag}>'
            for one in langs
        )

    def card(name: str, code: str) -> str:
        langs = (lang,) if card_langs is None else tuple(card_langs.get(name) or UNKNOWN_LANGS)
        return (
            f'<div class="saara-card">{said(hub_in or (lambda _: hub), langs, "div", "saara-card-hub")}'
            f'<div class="saara-card-association"><bdi>{esc(name)}</bdi></div>'
            f'<div class="saara-card-code">{esc(code)}</div>'
            f"{said(lambda one: t(f'{words}.card_hint', one), langs, 'p', 'saara-card-hint')}</div>"
        )

    cards = "".join(
        card(name, code) for name, code in sorted(codes.items(), key=lambda item: (fold_name(item[0]), item[0]))
    )
    title = t(f"{words}.title", lang, hub=hub)
    body = (
        f'<h1>{esc(title)}</h1><p class="saara-cards-intro">{esc(t(f"{words}.intro", lang))}</p>'
        f'<div class="saara-cards">{cards}</div>'
    )
    return render_page(lang, title, body, style=CARD_STYLE)


def write_code_cards(
    path: str | Path,
    hub: str,
    codes: dict[str, str],
    lang: str,
    words: str = "codes",
    card_langs: Mapping[str, Sequence[str]] | None = None,
    hub_in: Callable[[str], str] | None = None,
) -> Path:
    """Write the cards page (``render_code_cards``) to ``path``; return it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_code_cards(hub, codes, lang, words, card_langs, hub_in), encoding="utf-8")
    return path
