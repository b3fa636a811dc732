"""The facilitator's printable cards: one per association, with its code to open its records."""
from __future__ import annotations

import html
from pathlib import Path

from saara_kit.i18n import t
from saara_kit.serve.pages import render_page
from saara_kit.validation import fold_name

__all__ = ["render_code_cards", "write_code_cards"]

CARD_STYLE = """
body {max-width: none}
.saara-cards {display: grid; grid-template-columns: repeat(auto-fill, minmax(17em, 1fr)); gap: 1em}
.saara-card {border: 2px dashed #555; border-radius: 8px; padding: 1em; break-inside: avoid}
.saara-card-association {font-size: 1.2em; font-weight: bold}
.saara-card-code {font: bold 2.2em monospace; letter-spacing: 0.15em; direction: ltr; unicode-bidi: isolate; margin: 0.3em 0}
@media print {.saara-cards-intro {display: none}}
"""


def render_code_cards(hub: str, codes: dict[str, str], lang: str, words: str = "codes") -> str:
    """Return the printable page of ``codes`` (association -> code), sorted by name; ``words`` is the
    catalogue section of its title, introduction and hint (``reviewer_codes`` for reviewers' cards)."""
    esc = html.escape
    cards = "".join(
        f'<div class="saara-card"><div>{esc(hub)}</div>'
        f'<div class="saara-card-association"><bdi>{esc(name)}</bdi></div>'
        f'<div class="saara-card-code">{esc(code)}</div>'
        f"<div>{esc(t(f'{words}.card_hint', lang))}</div></div>"
        for name, code in sorted(codes.items(), key=lambda item: (fold_name(item[0]), item[0]))
    )
    title = t(f"{words}.title", lang, hub=hub)
    body = (f"<h1>{esc(title)}</h1><p class=\"saara-cards-intro\">{esc(t(f'{words}.intro', lang))}</p>"
            f'<div class="saara-cards">{cards}</div>')
    return render_page(lang, title, body, style=CARD_STYLE)


def write_code_cards(path: str | Path, hub: str, codes: dict[str, str], lang: str, words: str = "codes") -> Path:
    """Write the cards page to ``path``; return it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_code_cards(hub, codes, lang, words), encoding="utf-8")
    return path
