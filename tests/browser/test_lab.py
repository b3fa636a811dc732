"""``make lab``: JupyterLab opens on the lessons in the trainer's language, JupyterLab itself too."""

from __future__ import annotations

import json
import os
import urllib.request

import pytest

from saara_kit.lab import lab_language
from tests.browser.conftest import running
from tests.ports import free_port


@pytest.mark.parametrize(
    ("env", "hub_id", "expected"),
    [
        ({"LANG": "ar_DZ.UTF-8"}, "centre", "ar"),
        ({"LANG": "C.UTF-8"}, "sud", "ar"),
        ({"LANG": "C.UTF-8"}, "centre", "fr"),
        ({"LANG": "ar_DZ.UTF-8", "SAARA_LANG": "en"}, "sud", "en"),
    ],
)
def test_the_trainers_language_comes_from_saara_lang_then_lang_then_the_hub(monkeypatch, env, hub_id, expected):
    monkeypatch.delenv("SAARA_LANG", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert lab_language(None, hub_id) == expected


@pytest.fixture
def arabic_lab(tmp_path):
    """``LANG=ar_DZ.UTF-8 saara-kit lab --region sud``, as ``LANG=ar make lab`` runs it."""
    port, token = free_port(), "lab-test-token"
    env = {**os.environ, "LANG": "ar_DZ.UTF-8", "JUPYTER_TOKEN": token, "BROWSER": "true"}
    env.pop("SAARA_LANG", None)
    arguments = ["lab", "--region", "sud", "--port", str(port), "--data-dir", str(tmp_path)]
    with running(arguments, env) as (_, log):
        yield f"http://127.0.0.1:{port}", token, log


def _get(url: str, token: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


@pytest.mark.browser
def test_lab_opens_the_arabic_lessons_in_an_arabic_jupyterlab(arabic_lab, page):
    url, token, log = arabic_lab
    assert "الدروس بالعربية" in "".join(log)
    setting = _get(f"{url}/lab/api/settings/@jupyterlab/translation-extension:plugin", token)
    assert setting["settings"]["locale"] == "ar_SA"
    packs = _get(f"{url}/lab/api/translations/", token)["data"]
    assert {"ar_SA", "fr_FR"} <= set(packs)  # both language packs are installed
    lesson = _get(f"{url}/api/contents/01-stakeholder-mapping.ipynb", token)["content"]
    parameters = next(c["source"] for c in lesson["cells"] if "parameters" in c["metadata"].get("tags", []))
    assert 'lang: str = "ar"' in parameters and 'region: str = "sud"' in parameters

    page.goto(f"{url}/lab/tree/01-stakeholder-mapping.ipynb?token={token}")
    heading = page.locator('.jp-MarkdownCell [dir="rtl"] h1').first
    heading.wait_for()
    assert heading.inner_text().startswith("01 — رسم خريطة الأطراف المعنية")
    assert (
        page.locator(".jp-MarkdownCell").first.evaluate(
            "e => getComputedStyle(e.querySelector('[dir=rtl] p')).direction"
        )
        == "rtl"
    )
