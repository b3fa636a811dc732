"""The landing page lists the forms in the chosen language; the server keeps the agreed defaults."""

from __future__ import annotations

from saara_kit.data import load_hub
from saara_kit.serve import available_apps, render_landing, voila_arguments


def test_landing_lists_every_form_with_the_language_carried():
    apps = available_apps()
    assert "stakeholders" in apps
    page = render_landing("ar", load_hub("est"), apps)
    assert '<html lang="ar" dir="rtl">' in page
    assert 'href="voila/render/stakeholders.ipynb?lang=ar"' in page
    assert "سجل الأطراف المعنية" in page and "قطب الشرق" in page
    assert "2027" in page


def test_landing_in_french_is_left_to_right_and_offers_the_other_languages():
    page = render_landing("fr", load_hub("ouest"), available_apps())
    assert 'dir="ltr"' in page and "Registre des parties prenantes" in page
    assert "Pôle Ouest — atelier du 9 février 2027" in page
    for code in ("fr", "ar", "en"):
        assert f'href="?lang={code}"' in page


def test_server_strips_sources_preheats_culls_and_uses_the_token():
    args = voila_arguments("0.0.0.0", 8866, "secret")
    assert "--strip_sources=True" in args and "--preheat_kernel=True" in args
    assert "--VoilaConfiguration.allow_template_override=NO" in args
    assert any(a.startswith("--MappingKernelManager.cull_idle_timeout=") for a in args)
    assert "--Voila.token=secret" in args and "--Voila.ip=0.0.0.0" in args
    assert "--Voila.token=" in voila_arguments("127.0.0.1", 8866, None)


def test_only_the_days_form_gets_kernels_waiting_for_the_room():
    def cold(args):
        return {a.split("=", 1)[1] for a in args if a.startswith("--VoilaKernelManager.preheat_denylist=")}

    later = {
        "meeting.ipynb",
        "budget.ipynb",
        "application.ipynb",
        "review.ipynb",
        "directory.ipynb",
        "practice.ipynb",
        "report.ipynb",
    }
    assert cold(voila_arguments("0.0.0.0", 8866, "secret", room=30)) == {"room.ipynb", "concertation.ipynb", *later}
    assert cold(voila_arguments("0.0.0.0", 8866, "secret", room=30, preheat=["concertation"])) == {
        "room.ipynb",
        "stakeholders.ipynb",
        *later,
    }
