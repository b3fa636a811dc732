"""The directory's offline page: one HTML file, approved resources only, nothing loaded from
elsewhere, and no title able to break out of the data it is embedded in."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

import pandas as pd
import pytest

from saara_kit.cli import main
from saara_kit.data import sample_records
from saara_kit.directory.domain import DIRECTORY, title_in
from saara_kit.directory.offline_page import render_offline_page, script, write_offline_page
from saara_kit.exports.transfer import import_samples
from saara_kit.i18n import t
from saara_kit.store import open_store

HOSTILE = "</script><script>alert(1)</script>"
PENDING = "Podcast : la parole aux jeunes élus"
REJECTED = "Formation accélérée à la levée de fonds garantie"


@dataclass
class Page:
    """What a test reads of the page: the root's attributes, its scripts, every link and source."""

    root: dict = field(default_factory=dict)
    scripts: list[tuple[dict, str]] = field(default_factory=list)
    addresses: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, value)
    metas: list[dict] = field(default_factory=list)
    cards: int = 0
    text: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self._script = Page(), None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.page.root = attrs
        if tag == "script":
            self._script = (attrs, [])
        if tag == "meta":
            self.page.metas.append(attrs)
        if tag == "li" and "saara-dir-card" in attrs.get("class", ""):
            self.page.cards += 1
        self.page.addresses += [
            (tag, name, value)
            for name, value in attrs.items()
            if name in ("src", "href", "srcset", "poster", "data", "action", "formaction")
        ]

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.page.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)
        else:
            self.page.text.append(data)


def _read(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page


def _data(page: Page) -> dict:
    ((_attrs, text),) = [(attrs, text) for attrs, text in page.scripts if attrs.get("type") == "application/json"]
    return json.loads(text)


@pytest.fixture(scope="module")
def samples() -> pd.DataFrame:
    return sample_records(DIRECTORY)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The page ``saara-kit export directory --format html`` writes from a store of the samples: (path, HTML)."""
    folder = tmp_path_factory.mktemp("directory")
    with open_store(folder) as store:
        import_samples(store, DIRECTORY)
    path = folder / "page" / "annuaire.html"
    path.parent.mkdir()
    assert main(["export", "directory", "--format", "html", "-o", str(path), "--data-dir", str(folder)]) == 0
    return path, path.read_text(encoding="utf-8")


def test_only_approved_resources_are_listed_and_embedded(exported, samples):
    _path, html = exported
    page = _read(html)
    approved = samples[samples["status"] == "approved"]
    assert page.cards == len(_data(page)["resources"]) == len(approved) == 44
    for title in (PENDING, REJECTED, "دليل المتطوع الجديد", "Webinaire : financer son projet par le fonds d'appui"):
        assert title not in html
    assert "Guide de la concertation locale" in html


def test_the_count_returned_is_the_count_listed(tmp_path, samples):
    frame = pd.concat([samples[samples["status"] == status].head(2) for status in ("approved", "pending", "rejected")])
    assert write_offline_page(frame, tmp_path / "page.html", "en") == 2
    assert _read((tmp_path / "page.html").read_text(encoding="utf-8")).cards == 2


def test_nothing_is_loaded_from_elsewhere(exported, samples):
    _path, html = exported
    page = _read(html)
    own_links = set(samples.loc[samples["status"] == "approved", "url"]) - {""}
    for tag, attribute, value in page.addresses:
        if re.match(r"\s*(https?:)?//", value, re.I):
            assert (tag, attribute) == ("a", "href") and value in own_links, (tag, attribute, value)
        else:  # a local file beside the page, the kit's icon inline, or a resource's link
            assert value.startswith(("resources/", "data:image/svg+xml;base64,")), (tag, attribute, value)
    assert not [attrs for attrs, _ in page.scripts if "src" in attrs]
    assert not re.search(r"url\(|@import", html), "the style loads something"


def test_the_policy_lets_nothing_but_the_page_itself_run_or_load(exported):
    _path, html = exported
    page = _read(html)
    policy = next(meta["content"] for meta in page.metas if meta.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    code = [text for attrs, text in page.scripts if "type" not in attrs]
    assert code == [script()]
    digest = base64.b64encode(hashlib.sha256(code[0].encode("utf-8")).digest()).decode("ascii")
    assert f"script-src 'sha256-{digest}'" in policy


def test_a_title_cannot_break_out_of_the_embedded_data(tmp_path, samples):
    hostile = samples.head(1).assign(title_fr=HOSTILE, description=f"{HOSTILE} & <!--<script>", creator="<b>x</b>")
    write_offline_page(hostile, tmp_path / "page.html", "fr")
    html = (tmp_path / "page.html").read_text(encoding="utf-8")
    page = _read(html)
    assert [attrs.get("type") for attrs, _ in page.scripts] == ["application/json", None]
    assert page.scripts[1][1] == script()  # the page's own code, unchanged
    (resource,) = _data(page)["resources"]
    assert (
        HOSTILE in resource["title"]
        and resource["description"].startswith(HOSTILE)
        and resource["creator"] == "<b>x</b>"
    )
    # no "<" at all in the data: "</script" would end it, "<!--<script" would make the browser's parser run past its end
    assert "<" not in page.scripts[0][1] and HOSTILE not in html
    assert HOSTILE in "".join(page.text)  # shown as text on the card


def test_a_local_file_is_linked_and_copied_beside_the_page(exported):
    path, html = exported
    assert 'href="resources/fiche-plan-concertation.md"' in html
    assert (
        (path.parent / "resources" / "fiche-plan-concertation.md")
        .read_text(encoding="utf-8")
        .startswith("# Fiche plan")
    )


def test_labels_are_in_the_page_language_and_arabic_is_right_to_left(samples):
    arabic = render_offline_page(samples, "ar")
    page = _read(arabic)
    assert page.root == {"lang": "ar", "dir": "rtl"}
    for key in ("app.directory.title", "directory.search", "directory.field.themes", "directory.type.video"):
        assert t(key, "ar") in arabic, key
    assert t("directory.found", "ar", count=44) in arabic
    assert _read(render_offline_page(samples, "en")).root == {"lang": "en", "dir": "ltr"}


def test_a_card_shows_its_title_in_the_page_language_else_another(samples):
    french = render_offline_page(samples, "fr")
    card = re.search(r'<li class="saara-dir-card"[^>]*>\n<h2><bdi lang="ar">دليلُ الجمعيّة لتسيير.*?</li>', french, re.S)
    assert card, "an Arabic-only resource shows its Arabic title on the French page"
    for shown in (
        "Guide",
        "Concertation; Gestion de projet",
        "Arabe",
        "Programme SAARA — Pôle Sud",
        "21 août 2023",
        'href="https://exemple.saara.dz/ressources/dalil-miyah-wahat"',
    ):
        assert shown in card.group(0), shown
    bilingual = re.search(
        r'<h2><bdi lang="fr">Guide de la concertation locale</bdi></h2>\n<p class="saara-dir-other">'
        r'<bdi lang="ar">دليلُ التَّشاوُر المحلي</bdi></p>',
        french,
    )
    assert bilingual, "the other titles follow the first"


def test_cards_come_newest_first(samples):
    shown = [
        unescape(title)
        for title in re.findall(r'<h2><bdi lang="\w+">(.*?)</bdi></h2>', render_offline_page(samples, "fr"))
    ]
    newest_first = samples[samples["status"] == "approved"].sort_values("date", ascending=False, kind="stable")
    assert shown == [title_in(row, "fr") for _, row in newest_first.iterrows()]
    assert shown[0] == "Le pouvoir des élus locaux et des associations"  # 2026-04-14
