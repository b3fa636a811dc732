"""One facilitator's rerun of every lesson for every hub (``saara-kit run`` on the sample data, each
hub in its own language, with PDF dossiers), read by every test of this file: each (lesson, hub)
runs once in the tier. ``make test`` hands whole files to its workers (``--dist loadfile``), so the
rerun runs once, on one worker, while the other takes the other files."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import shutil
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from saara_kit.cli import main
from saara_kit.data import list_hubs, load_hub
from saara_kit.i18n import format_date
from saara_kit.runner import list_notebooks, run_all
from tests.chromium import require_chromium
from tests.notebooks.pages import prose_lines, visible_text

pytestmark = pytest.mark.notebooks
NOTEBOOKS = LESSONS = list_notebooks(scope="hub")
EXTERNAL = re.compile(r"""(?:https?:)?//[\w.-]+\.[a-z]{2,}""", re.IGNORECASE)  # any address elsewhere


@dataclass(frozen=True)
class Rerun:
    """What ``saara-kit run`` wrote (one folder per hub) and said."""

    output: Path
    code: int
    out: str
    err: str


@pytest.fixture(scope="module")
def every_hub(tmp_path_factory) -> Rerun:
    """``saara-kit run --source sample`` for every hub, each in its own language, with PDF dossiers
    when Chromium is here."""
    output = tmp_path_factory.mktemp("every-hub")
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        patch.delenv("SAARA_LANG", raising=False)  # each hub's own language
        code = main(["run", "--source", "sample", "--output", str(output), "--data-dir", str(output / "data")])
    return Rerun(output, code, out.getvalue(), err.getvalue())


@pytest.mark.parametrize("hub_id", list_hubs())
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_each_hubs_sample_data(every_hub, notebook, hub_id):
    hub = load_hub(hub_id)
    assert re.search(rf"^{hub_id}\s+{notebook.stem}\s+terminé\s+\d+\.\d", every_hub.out, re.MULTILINE)  # no error
    page = (every_hub.output / hub_id / f"{notebook.stem}.html").read_text(encoding="utf-8")
    assert hub.name(hub.default_lang) in page
    # a dossier opens with no internet: no script at all, no style sheet from elsewhere
    assert "<script" not in page and not re.search(r"<link[^>]+href=\"https?:", page)
    direction = "rtl" if hub.default_lang == "ar" else "ltr"
    assert re.search(rf'<html[^>]*dir="{direction}"', page) and f'lang="{hub.default_lang}"' in page
    assert re.search(r'<img[^>]+src="data:image/png;base64,', page) and "&lt;Figure size" not in page  # the chart
    executed = json.loads((every_hub.output / hub_id / notebook.name).read_text(encoding="utf-8"))
    assert not [o for c in executed["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]


def test_a_failed_rerun_keeps_each_hubs_last_good_dossier_and_each_executed_notebook(every_hub, tmp_path, capsys):
    """Centre had a good dossier (the shared rerun's), ouest none: a rerun of two lessons on an unknown
    source fails both lessons of both hubs, keeps centre's pages and says they are stale, and keeps
    each executed notebook."""
    shutil.copytree(every_hub.output / "centre", tmp_path / "centre")
    dossier = tmp_path / "centre" / "01-stakeholder-mapping.html"
    good = dossier.read_bytes()
    lessons = NOTEBOOKS[:2]

    failures = run_all(
        hub_ids=["centre", "ouest"],
        notebooks=[lesson.stem for lesson in lessons],
        source="nowhere",
        output_dir=tmp_path,
        workers=2,
        pdf=False,
    )
    assert [f.hub_id for f in failures] == ["centre"] * len(lessons) + ["ouest"] * len(lessons)
    assert "source must be 'sample' or 'store'" in failures[0].error
    assert (tmp_path / "ouest" / "01-stakeholder-mapping.ipynb").exists()  # kept for reading the error
    stale = [failure.stale for failure in failures]
    assert stale == [tmp_path / "centre" / f"{p.stem}.html" for p in lessons] + [None] * len(lessons)
    assert dossier.read_bytes() == good
    said = capsys.readouterr().out
    assert "ÉCHEC" in said and "le dernier dossier valable reste en place, périmé" in said and str(dossier) in said


def test_the_rerun_runs_each_hub_in_its_own_language(every_hub):
    assert every_hub.code == 0
    assert "إدارة عن قرب" in (every_hub.output / "sud" / "01-stakeholder-mapping.html").read_text(encoding="utf-8")
    assert "Gérer de près" in (every_hub.output / "ouest" / "01-stakeholder-mapping.html").read_text(encoding="utf-8")
    assert f"{len(list_hubs()) * len(NOTEBOOKS)} exécutions, dont 0 en échec." in every_hub.out


def test_the_sud_dossier_in_arabic_has_no_french_from_the_lesson(every_hub):
    page = (every_hub.output / "sud" / f"{NOTEBOOKS[0].stem}.html").read_text(encoding="utf-8")
    seen = visible_text(page)
    assert '<html dir="rtl" lang="ar">' in page and "<title>01 — رسم خريطة الأطراف المعنية</title>" in page
    assert [line for line in prose_lines(NOTEBOOKS[0], "fr") if line in seen] == []
    assert "Paramètres" not in seen and "parameters" not in page  # the trainer's cells stay out
    assert "شبكة النفوذ × الاهتمام لـ" in seen  # the chart's alt text, in Arabic
    assert "ما الاستراتيجية التي يجب اعتمادها معها؟" in seen  # the exercise asks before it answers


def test_the_centre_dossier_in_french_has_no_arabic_prose(every_hub):
    page = (every_hub.output / "centre" / f"{NOTEBOOKS[0].stem}.html").read_text(encoding="utf-8")
    assert '<html dir="ltr" lang="fr">' in page
    assert [line for line in prose_lines(NOTEBOOKS[0], "ar") if line in page] == []
    assert not re.search(r"[\u0600-\u06FF]", visible_text(page))
    assert "Quelle stratégie faut-il adopter avec elle ?" in page


class _Headings(HTMLParser):
    """The text of each h1–h4 of a page."""

    def __init__(self):
        super().__init__()
        self.found, self._open = [], None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "h4"):
            self._open = tag
            self.found.append("")

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None

    def handle_data(self, data):
        if self._open:
            self.found[-1] += data


def _headings(page: str) -> set[str]:
    parser = _Headings()
    parser.feed(page)
    return {" ".join(unicodedata.normalize("NFKC", text).replace("¶", "").split()) for text in parser.found} - {""}


def _pdf_pages(path) -> list[list[str]]:
    from pypdf import PdfReader

    return [
        [unicodedata.normalize("NFKC", line).strip() for line in page.extract_text().splitlines() if line.strip()]
        for page in PdfReader(path).pages
    ]  # NFKC: "ﬁ" as printed is "fi" again


def test_a_rerun_writes_each_hubs_pages_dossier_and_pdf_and_a_summary(every_hub):
    require_chromium()
    said = every_hub
    for hub_id in ("centre", "ouest"):  # the hubs whose dossiers are in French
        hub = load_hub(hub_id).name("fr")
        folder = every_hub.output / hub_id
        for lesson in LESSONS:
            assert (folder / lesson.name).exists()  # the executed notebook
            page = (folder / f"{lesson.stem}.html").read_text(encoding="utf-8")
            assert EXTERNAL.findall(page) == [] and "<script" not in page
        dossier = (folder / "dossier.html").read_text(encoding="utf-8")
        assert EXTERNAL.findall(dossier) == [] and "<script" not in dossier
        assert f"Dossier — {hub}" in dossier and "Sommaire" in dossier
        for lesson in LESSONS:  # the table of contents links to each lesson's section
            assert f'href="#lesson-{lesson.stem}"' in dossier and f'id="lesson-{lesson.stem}"' in dossier
        assert dossier.count('src="data:image/png;base64,') >= len(LESSONS)

        assert sorted(path.parent.name for path in every_hub.output.glob("*/dossier.pdf")) == list_hubs()
        pages = _pdf_pages(folder / "dossier.pdf")
        day = format_date(dt.date.today(), "fr", "long")
        assert all(hub in " ".join(lines[:3]) and day in " ".join(lines[:3]) for lines in pages)  # every page's header
        headings = _headings(dossier)
        # page 1 is the table of contents: its lines name the lessons as their headings do
        stranded = [(number, lines[-1]) for number, lines in enumerate(pages[1:-1], start=2) if lines[-1] in headings]
        starts = [
            number
            for number, lines in enumerate(pages, start=1)
            if any(line in headings and re.match(r"0\d — ", line) for line in lines[1:4])
        ]
        assert len(starts) == len(LESSONS)  # each lesson starts a page
        assert stranded == []  # no heading left at a page's foot
        assert f"Imprimé : {folder / 'dossier.pdf'}" in said.out
    table = said.out[said.out.index("Pôle") :]
    for hub_id in list_hubs():
        for lesson in LESSONS:
            assert re.search(rf"^{hub_id}\s+{lesson.stem}\s+terminé\s+\d+\.\d", table, re.MULTILINE)
    assert f"{len(list_hubs()) * len(LESSONS)} exécutions, dont 0 en échec." in table
    assert "IPKernelApp" not in said.err and "Relance 100 %" in said.err  # the bar, and no kernel chatter
