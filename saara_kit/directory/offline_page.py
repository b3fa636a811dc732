"""The directory as one HTML page that works offline: the approved resources as cards, a search
box and facet filters with counts, searched in the browser with the folding of ``search.normalise``.

Nothing leaves the page: style and script are inline, the resources are JSON in the page, and a
Content-Security-Policy lets the browser load nothing else and run no script but the page's own.
The links are the resources' own; a local file is copied beside the page, under ``resources/``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import shutil
import sys
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pandas as pd

from saara_kit.directory.domain import DIRECTORY
from saara_kit.directory.fields import LANGUAGES
from saara_kit.directory.jsonld import FILES_FOLDER, approved_records, json_for_html, minutes_of, text_of
from saara_kit.directory.rules import LOCAL_FILE
from saara_kit.directory.search import ARABIC_VARIANTS, FACETS, WEIGHTS
from saara_kit.i18n import catalogue, format_date, in_language, is_rtl, normalise_lang, t
from saara_kit.records import Choices
from saara_kit.settings import DATASETS_DIR

__all__ = ["render_offline_page", "script", "write_offline_page"]

FILES_DIR = DATASETS_DIR / FILES_FOLDER  # where a resource's local file is kept
FAVICON = (
    Path(__file__).parent.parent / "serve" / "static" / "favicon.svg"
)  # the kit's (importing serve starts Voilà's imports)
SHOWN = ("themes", "languages", "audience", "level", "regions", "creator", "licence")  # a card's facts, in order

STYLE = """
body {font-family: sans-serif; line-height: 1.45; max-width: 72em; margin: 1.5em auto; padding: 0 1em; color: #222}
h1 {line-height: 1.2; margin-bottom: 0.2em}
[hidden] {display: none !important}
.saara-dir-about {color: #555; margin-top: 0}
.saara-dir-js {display: none}
html.saara-js .saara-dir-js {display: block}
.saara-dir-search label {font-weight: bold; display: block; margin-bottom: 0.3em}
.saara-dir-search input {width: 100%; box-sizing: border-box; font: inherit; font-size: 1.2em; padding: 0.4em 0.6em;
  border: 1px solid #888; border-radius: 6px}
.saara-dir-layout {display: flex; flex-wrap: wrap; gap: 1.5em; margin-top: 1em}
.saara-dir-facets {flex: 1 1 14em; max-width: 20em}
.saara-dir-main {flex: 3 1 24em; min-width: 0}
.saara-dir-facet {border: 1px solid #ccc; border-radius: 6px; margin: 0 0 0.8em; padding: 0.3em 0.8em 0.5em}
.saara-dir-facet legend {font-weight: bold}
.saara-dir-facet label {display: block; padding: 0.1em 0}
.saara-dir-facet input:disabled + span {color: #999}
.saara-dir-count {font-variant-numeric: tabular-nums}
#saara-dir-clear {font: inherit; padding: 0.3em 1em; border: 1px solid #1b6b5a; border-radius: 6px; background: #fff;
  color: #1b6b5a}
#saara-dir-found {font-weight: bold}
.saara-dir-cards {list-style: none; padding: 0; margin: 0}
.saara-dir-card {border: 1px solid #ccc; border-inline-start: 4px solid #1b6b5a; border-radius: 6px; padding: 0.6em 1em;
  margin: 0 0 0.9em}
.saara-dir-card h2 {font-size: 1.15em; margin: 0.1em 0 0.2em}
.saara-dir-other {color: #555; margin: 0}
.saara-dir-meta {color: #444; margin: 0.2em 0}
.saara-dir-type {background: #eef3f1; border-radius: 4px; padding: 0 0.4em}
.saara-dir-card dl {display: grid; grid-template-columns: minmax(7em, 12em) 1fr; gap: 0.1em 0.8em; margin: 0.4em 0;
  font-size: 0.92em}
.saara-dir-card dt {color: #555}
.saara-dir-card dd {margin: 0}
.saara-dir-link a {overflow-wrap: anywhere}
"""

SCRIPT = r"""(function () {
  "use strict";
  document.documentElement.classList.add("saara-js");
  var MARKS = /__MARKS__/gu;  // every code point Python's unicodedata.combining() flags
  var VARIANTS = __VARIANTS__;
  var VARIANT = new RegExp("[" + Object.keys(VARIANTS).join("") + "]", "gu");
  var WEIGHTS = __WEIGHTS__;
  var WORD = /[\p{L}\p{N}_]+/gu;
  var data = JSON.parse(document.getElementById("saara-dir-data").textContent);

  function fold(text) {  // search.normalise: lower case, no marks, Arabic letter variants made one, spaces collapsed
    return String(text || "").toLowerCase().normalize("NFKD").replace(MARKS, "")
      .replace(VARIANT, function (letter) { return VARIANTS[letter]; })
      .split(/\s+/).filter(Boolean).join(" ");
  }

  function score(item, words) {  // search._score: every word somewhere, a whole word counts double
    var total = 0;
    for (var w = 0; w < words.length; w++) {
      var found = 0, whole = new RegExp("(?<![\\p{L}\\p{N}_])" + words[w] + "(?![\\p{L}\\p{N}_])", "u");
      for (var part in WEIGHTS) {
        if (item.texts[part].indexOf(words[w]) >= 0) {
          found += WEIGHTS[part] * (whole.test(item.texts[part]) ? 2 : 1);
        }
      }
      if (!found) { return null; }
      total += found;
    }
    return total;
  }

  function passes(item, facet, code) {  // a resource naming no hub is meant for every hub
    var codes = item.facets[facet];
    return !code || codes.indexOf(code) >= 0 || (facet === "regions" && codes.length === 0);
  }

  var items = data.resources.map(function (resource, index) {
    return {index: index, card: document.getElementById("saara-dir-r" + index), facets: resource.facets,
            texts: {title: fold(resource.title), creator: fold(resource.creator), description: fold(resource.description)}};
  });
  var list = document.getElementById("saara-dir-results");
  var query = document.getElementById("saara-dir-q");
  var facets = Array.prototype.slice.call(document.querySelectorAll("fieldset.saara-dir-facet"));
  var chosen = {};
  var plural = new Intl.PluralRules(data.lang);

  function keeps(item, except) {
    return facets.every(function (fieldset) {
      var facet = fieldset.dataset.facet;
      return facet === except || passes(item, facet, chosen[facet] || "");
    });
  }

  function update() {
    var words = fold(query.value).match(WORD) || [];
    items.forEach(function (item) { item.score = score(item, words); });
    var hits = items.filter(function (item) { return item.score !== null; });
    facets.forEach(function (fieldset) {
      var facet = fieldset.dataset.facet;
      var base = hits.filter(function (item) { return keeps(item, facet); });
      fieldset.querySelectorAll("input").forEach(function (input) {
        var count = base.filter(function (item) { return passes(item, facet, input.value); }).length;
        input.parentNode.querySelector(".saara-dir-count").textContent = String(count);
        input.disabled = count === 0 && !input.checked;
      });
    });
    var shown = hits.filter(function (item) { return keeps(item, null); }).sort(function (a, b) {
      return b.score - a.score || a.index - b.index;  // the cards are written newest first
    });
    items.forEach(function (item) { item.card.hidden = true; });
    shown.forEach(function (item) { item.card.hidden = false; list.appendChild(item.card); });
    var forms = data.found;
    document.getElementById("saara-dir-found").textContent =
      (forms[plural.select(shown.length)] || forms.other).replace("{count}", String(shown.length));
    document.getElementById("saara-dir-none").hidden = shown.length > 0;
  }

  query.addEventListener("input", update);
  facets.forEach(function (fieldset) {
    fieldset.addEventListener("change", function (event) { chosen[fieldset.dataset.facet] = event.target.value; update(); });
  });
  document.getElementById("saara-dir-clear").addEventListener("click", function () {
    query.value = "";
    chosen = {};
    document.querySelectorAll('fieldset.saara-dir-facet input[value=""]').forEach(function (input) { input.checked = true; });
    update();
  });
  update();
})();
"""


@cache
def _marks() -> str:
    """Return a JavaScript character class of every code point ``unicodedata.combining`` flags."""
    ranges: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "[" + "".join(f"\\u{{{low:x}}}" + (f"-\\u{{{high:x}}}" if high > low else "") for low, high in ranges) + "]"


@cache
def script() -> str:
    """Return the page's script: search and facets, folding text as ``search.normalise`` does."""
    variants = {chr(code): letter for code, letter in ARABIC_VARIANTS.items()}
    return (
        SCRIPT.replace("__MARKS__", _marks())
        .replace("__VARIANTS__", json.dumps(variants))
        .replace("__WEIGHTS__", json.dumps(WEIGHTS))
    )


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _titles(record: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """Return the resource's titles as (language, text): ``lang``'s first, then French, Arabic, English."""
    order = dict.fromkeys((lang, "fr", "ar", "en", *LANGUAGES))
    return [(code, text_of(record.get(f"title_{code}"))) for code in order if text_of(record.get(f"title_{code}"))]


def _link(record: dict[str, Any]) -> tuple[str, str]:
    """Return a card's link as (href, text): a web address, or ``resources/<file>``; ("", "") for neither."""
    url, name = text_of(record.get("url")), text_of(record.get("file"))
    if url.startswith(("https://", "http://")):
        return url, url
    if name and LOCAL_FILE.match(name):
        return f"{FILES_FOLDER}/{quote(name)}", name
    return "", ""


def _show(facet: str, value: Any, lang: str) -> str:
    if facet == "regions" and not text_of(value):
        return t("export.all_hubs", lang)
    return str(DIRECTORY.field(facet).show(value, DIRECTORY.name, lang) or "")


def _card(index: int, record: dict[str, Any], lang: str) -> str:
    """Return one resource as a card: its titles, type, date, duration, description, facts and link."""
    esc = html.escape
    (first_lang, first), *others = _titles(record, lang) or [(lang, "")]
    meta = [f'<span class="saara-dir-type">{esc(_show("type", record.get("type"), lang))}</span>']
    if text_of(record.get("date")):
        meta.append(esc(format_date(dt.date.fromisoformat(text_of(record["date"])[:10]), lang)))
    if minutes_of(record.get("duration_minutes")):
        meta.append(esc(t("directory.page.minutes", lang, count=minutes_of(record["duration_minutes"]))))
    other = "".join(f' <bdi lang="{code}">{esc(text)}</bdi>' for code, text in others)
    facts = "".join(
        f"<dt>{esc(t(DIRECTORY.label_key(name), lang))}</dt>"
        f"<dd><bdi>{esc(_show(name, record.get(name), lang))}</bdi></dd>"
        for name in SHOWN
        if name == "regions" or text_of(record.get(name))
    )
    href, text = _link(record)
    link = (
        f'<p class="saara-dir-link"><a href="{esc(href)}" rel="noopener noreferrer" dir="ltr">{esc(text)}</a></p>'
        if href
        else ""
    )
    description = text_of(record.get("description"))
    return (
        f'<li class="saara-dir-card" id="saara-dir-r{index}">\n<h2><bdi lang="{first_lang}">{esc(first)}</bdi></h2>\n'
        + (f'<p class="saara-dir-other">{other.strip()}</p>\n' if other else "")
        + f'<p class="saara-dir-meta">{" · ".join(meta)}</p>\n'
        + (f'<p class="saara-dir-description"><bdi>{esc(description)}</bdi></p>\n' if description else "")
        + f"<dl>{facts}</dl>\n{link}</li>"
    )


def _codes(facet: str, record: dict[str, Any]) -> list[str]:
    """Return the codes a resource carries in ``facet`` (several for themes, one for its type)."""
    field, value = DIRECTORY.field(facet), text_of(record.get(facet))
    return list(field.chosen(value)) if isinstance(field, Choices) else [value] if value else []


def _count_span(count: int) -> str:
    return f'<span class="saara-dir-count">{count}</span>'


def _facet(facet: str, resources: list[dict[str, Any]], lang: str) -> str:
    """Return a facet's filter: "any", then each code some resource carries, with how many do."""
    esc = html.escape
    national = (
        sum(not resource["facets"]["regions"] for resource in resources) if facet == "regions" else 0
    )  # every hub's
    counts = {
        code: national + sum(code in resource["facets"][facet] for resource in resources)
        for code in DIRECTORY.field(facet).codes
    }
    before, _, after = in_language(catalogue()["directory.any"], lang)[0].partition("{count}")
    name = f"saara-dir-{facet}"
    options = [
        f'<label><input type="radio" name="{name}" value="" checked> '
        f"<span>{esc(before)}{_count_span(len(resources))}{esc(after)}</span></label>"
    ]
    options += [
        f'<label><input type="radio" name="{name}" value="{esc(str(code))}"> '
        f"<span>{esc(_show(facet, code, lang))} ({_count_span(count)})</span></label>"
        for code, count in counts.items()
        if count
    ]
    return (
        f'<fieldset class="saara-dir-facet" data-facet="{facet}"><legend>{esc(t(DIRECTORY.label_key(facet), lang))}'
        f"</legend>{''.join(options)}</fieldset>"
    )


def _by_date(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the records newest first, undated ones last (the page's order before any search)."""
    dated = sorted((r for r in records if text_of(r.get("date"))), key=lambda r: text_of(r["date"])[:10], reverse=True)
    return dated + [r for r in records if not text_of(r.get("date"))]


def render_offline_page(frame: pd.DataFrame, lang: str = "fr", today: dt.date | None = None) -> str:
    """Return the page of the approved resources of ``frame``, in ``lang`` (right to left in Arabic)."""
    esc, lang = html.escape, normalise_lang(lang)
    records = _by_date(approved_records(frame))
    resources = [
        {
            "title": " ".join(text for _, text in _titles(record, lang)),
            "description": text_of(record.get("description")),
            "creator": text_of(record.get("creator")),
            "facets": {facet: _codes(facet, record) for facet in FACETS},
        }
        for record in records
    ]
    data = {"lang": lang, "found": in_language(catalogue()["directory.found"], lang)[0], "resources": resources}
    title = t("app.directory.title", lang)
    icon = base64.b64encode(FAVICON.read_bytes()).decode("ascii")
    policy = (
        f"default-src 'none'; script-src {_hash(script())}; style-src {_hash(STYLE)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="{"rtl" if is_rtl(lang) else "ltr"}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<title>{esc(title)}</title>
<link rel="icon" type="image/svg+xml" href="data:image/svg+xml;base64,{icon}">
<style>{STYLE}</style></head>
<body>
<h1>{esc(title)}</h1>
<p class="saara-dir-about">{esc(t("directory.page.about", lang, date=format_date(today or dt.date.today(), lang)))}</p>
<noscript><p>{esc(t("directory.page.noscript", lang))}</p></noscript>
<div class="saara-dir-search saara-dir-js"><label for="saara-dir-q">{esc(t("directory.search", lang))}</label>
<input id="saara-dir-q" type="search" autocomplete="off" placeholder="{esc(t("directory.search_placeholder", lang))}"></div>
<div class="saara-dir-layout">
<aside class="saara-dir-facets saara-dir-js" aria-label="{esc(t("directory.page.filters", lang))}">
{"".join(_facet(facet, resources, lang) for facet in FACETS)}
<button type="button" id="saara-dir-clear">{esc(t("directory.page.clear", lang))}</button>
</aside>
<main class="saara-dir-main">
<p id="saara-dir-found" role="status" aria-live="polite">{esc(t("directory.found", lang, count=len(records)))}</p>
<p id="saara-dir-none" hidden>{esc(t("directory.page.none", lang))}</p>
<ol id="saara-dir-results" class="saara-dir-cards">
{"".join(_card(index, record, lang) for index, record in enumerate(records))}
</ol>
</main></div>
<script type="application/json" id="saara-dir-data">{json_for_html(data)}</script>
<script>{script()}</script>
</body></html>
"""


def _copy_files(records: list[dict[str, Any]], folder: Path) -> None:
    """Copy the local files the resources name from ``datasets/resources/`` to ``folder/resources/``."""
    for name in {text_of(record.get("file")) for record in records} - {""}:
        source = FILES_DIR / name
        if LOCAL_FILE.match(name) and source.is_file():
            (folder / FILES_FOLDER).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, folder / FILES_FOLDER / name)


def write_offline_page(frame: pd.DataFrame, path: str | Path, lang: str = "fr") -> int:
    """Write the offline page of the approved resources of ``frame`` to ``path`` (their local files
    beside it, under ``resources/``); return how many resources it lists."""
    path = Path(path)
    page = render_offline_page(frame, lang)
    path.write_text(page, encoding="utf-8")
    records = approved_records(frame)
    _copy_files([record for record in records if not text_of(record.get("url"))], path.parent)
    return len(records)
