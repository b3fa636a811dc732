"""The directory as linked data: its approved resources as JSON-LD, in the schema.org
LearningResource vocabulary (LRMI), for other directories and search engines to read. Nothing is
fetched: the context is named, never downloaded."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pandas as pd

from saara_kit.directory.domain import DIRECTORY
from saara_kit.directory.fields import LANGUAGES
from saara_kit.directory.moderation import published
from saara_kit.directory.search import normalise
from saara_kit.i18n import t

__all__ = [
    "CONTEXT",
    "LICENCE_URLS",
    "approved_records",
    "author_of",
    "json_for_html",
    "jsonld_document",
    "minutes_of",
    "resource_link",
    "text_of",
    "write_jsonld",
]

CONTEXT = "https://schema.org"
FILES_FOLDER = "resources"  # a local file's link, relative to the exported file (the offline page copies them there)
LICENCE_URLS = {  # the directory keeps no version: the current one
    "cc_by": "https://creativecommons.org/licenses/by/4.0/",
    "cc_by_sa": "https://creativecommons.org/licenses/by-sa/4.0/",
    "cc_by_nc": "https://creativecommons.org/licenses/by-nc/4.0/",
    "public_domain": "https://creativecommons.org/publicdomain/mark/1.0/",
}
FREE_TO_READ = (*LICENCE_URLS, "free_access")  # "copyright" says nothing of the price
# words that make an author an organisation (folded as search folds them), in French, English and Arabic
ORGANISATION_WORDS = frozenset(
    normalise(word)
    for word in (
        "association",
        "programme",
        "program",
        "réseau",
        "network",
        "collectif",
        "collective",
        "centre",
        "center",
        "cabinet",
        "ministère",
        "ministry",
        "direction",
        "fondation",
        "foundation",
        "université",
        "university",
        "institut",
        "institute",
        "agence",
        "agency",
        "office",
        "pôle",
        "hub",
        "apc",
        "apw",
        "commune",
        "wilaya",
        "ong",
        "ngo",
        "saara",
        "جمعية",
        "شبكة",
        "وزارة",
        "مديرية",
        "مؤسسة",
        "برنامج",
        "مركز",
        "جامعة",
        "قطب",
        "بلدية",
        "ولاية",
        "ديوان",
        "وكالة",
    )
)


def text_of(value: Any) -> str:
    """Return a cell as stripped text ("" for None and NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def minutes_of(value: Any) -> int:
    """Return a duration cell as whole minutes (0 when empty)."""
    text = text_of(value)
    return int(float(text)) if text else 0


def _codes(facet: str, value: Any) -> tuple[str, ...]:
    return DIRECTORY.field(facet).chosen(text_of(value))


def _label(facet: str, code: str, lang: str) -> str:
    return t(f"directory.{facet}.{code}", lang)


def approved_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Return the approved resources of ``frame`` as plain dicts, in the frame's order."""
    return published(frame).to_dict("records") if len(frame) else []


def resource_link(record: dict[str, Any]) -> str:
    """Return where a resource is: its web address, else ``resources/<file>`` (relative)."""
    return text_of(record.get("url")) or (
        f"{FILES_FOLDER}/{text_of(record.get('file'))}" if text_of(record.get("file")) else ""
    )


def author_of(name: str) -> dict[str, str]:
    """Return a resource's creator as a schema.org Organization (when a word of its name says so:
    association, réseau, جمعية…) or Person."""
    words = {word.removeprefix("ال") for word in re.findall(r"\w+", normalise(name))}
    kind = "Organization" if words & ORGANISATION_WORDS else "Person"
    return {"@type": kind, "name": name}


def _tagged(text: str, lang: str) -> dict[str, str]:
    return {"@value": text, "@language": lang}


def _place(code: str, lang: str) -> dict[str, Any]:
    return {"@type": "Place", "identifier": code, "name": _tagged(_label("regions", code, lang), lang)}


def _node(record: dict[str, Any], lang: str) -> dict[str, Any]:
    """Return one resource as a LearningResource node."""
    node: dict[str, Any] = {"@type": "LearningResource"}
    if text_of(record.get("record_id")):
        node["@id"] = f"urn:uuid:{text_of(record['record_id'])}"
    node["name"] = [
        _tagged(text_of(record.get(f"title_{code}")), code)
        for code in LANGUAGES
        if text_of(record.get(f"title_{code}"))
    ]
    if text_of(record.get("description")):
        node["description"] = text_of(record["description"])
    node["learningResourceType"] = _label("type", text_of(record.get("type")), "en")
    themes = _codes("themes", record.get("themes"))
    node["about"] = [
        {
            "@type": "DefinedTerm",
            "termCode": code,
            "name": [_tagged(_label("themes", code, other), other) for other in LANGUAGES],
        }
        for code in themes
    ]
    node["keywords"] = [_tagged(_label("themes", code, lang), lang) for code in themes]
    node["inLanguage"] = list(_codes("languages", record.get("languages")))
    node["audience"] = [
        {"@type": "EducationalAudience", "educationalRole": _label("audience", code, "en")}
        for code in _codes("audience", record.get("audience"))
    ]
    if text_of(record.get("level")):
        node["educationalLevel"] = _label("level", text_of(record["level"]), "en")
    licence = text_of(record.get("licence"))
    if licence in LICENCE_URLS:
        node["license"] = LICENCE_URLS[licence]
    if licence in FREE_TO_READ:
        node["isAccessibleForFree"] = True
    node["url"] = resource_link(record)
    if text_of(record.get("date")):
        node["datePublished"] = text_of(record["date"])[:10]
    if minutes_of(record.get("duration_minutes")) > 0:
        node["timeRequired"] = f"PT{minutes_of(record['duration_minutes'])}M"
    if text_of(record.get("creator")):
        node["author"] = author_of(text_of(record["creator"]))
    hub_ids = _codes("regions", record.get("regions"))
    node["spatialCoverage"] = (
        [_place(code, lang) for code in hub_ids]
        if hub_ids
        else [{"@type": "Country", "identifier": "DZ", "name": _tagged(t("directory.page.country", lang), lang)}]
    )
    return node


def jsonld_document(frame: pd.DataFrame, lang: str = "fr") -> dict[str, Any]:
    """Return the approved resources of ``frame`` as one JSON-LD document (``@context``, ``@graph``);
    themes and places are named in ``lang``, titles in every language they have."""
    return {"@context": CONTEXT, "@graph": [_node(record, lang) for record in approved_records(frame)]}


def json_for_html(value: Any, indent: int | None = None) -> str:
    """Return ``value`` as JSON that cannot end the script element holding it: ``<``, ``>`` and ``&``
    written ``\\u003c``, ``\\u003e``, ``\\u0026`` (the same text to a JSON reader)."""
    text = json.dumps(value, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_jsonld(frame: pd.DataFrame, path: str | Path, lang: str = "fr") -> int:
    """Write the approved resources of ``frame`` to ``path`` as JSON-LD, ready to paste into a page's
    ``<script type="application/ld+json">`` (``json_for_html``); return how many."""
    document = jsonld_document(frame, lang)
    Path(path).write_text(json_for_html(document, indent=2) + "\n", encoding="utf-8")
    return len(document["@graph"])
