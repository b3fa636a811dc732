"""The hub's parts without a hub: who a code belongs to, the groups, the servers' commands, the config."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import pytest
from traitlets.config import Config

from saara_kit.deploy.authenticator import CodeAuthenticator
from saara_kit.deploy.forms_server import forms_arguments
from saara_kit.deploy.hub import HubSettings, configure, login_texts
from saara_kit.deploy.people import Person, clean_code, find_person, person_from_groups
from saara_kit.deploy.spawner import forms_command, lab_command
from saara_kit.deploy.trainers import add_trainer_codes, load_trainer_codes
from saara_kit.grants.reviewers import add_reviewers
from saara_kit.store.codes import give_codes


def test_trainer_codes_are_kept_per_hub_in_a_private_file(tmp_path):
    path = tmp_path / "hub" / "trainers.yaml"
    ouest = add_trainer_codes(path, "ouest", 2)
    sud = add_trainer_codes(path, "sud")
    assert len(set(ouest + sud)) == 3 and all(len(code) == 6 for code in ouest + sud)
    assert load_trainer_codes(path) == {ouest[0]: "ouest", ouest[1]: "ouest", sud[0]: "sud"}
    assert path.stat().st_mode & 0o077 == 0
    with pytest.raises(ValueError, match="unknown hub"):
        add_trainer_codes(path, "nord")
    assert load_trainer_codes(tmp_path / "absent.yaml") == {}


def test_a_code_names_its_trainer_association_or_reviewer_and_nothing_else(any_store, tmp_path):
    trainers = tmp_path / "trainers.yaml"
    trainer = add_trainer_codes(trainers, "est")[0]
    association = give_codes(any_store, "ouest", ["Association Tlemcen"])["Association Tlemcen"]
    reviewer = add_reviewers(any_store, "fonds-appui-2027", ["Mme Evaluatrice"])["Mme Evaluatrice"]
    engine = any_store.engine

    assert find_person(trainer, engine, trainers) == Person(trainer, "trainers", "est")
    assert find_person(f" {association[:3].lower()}-{association[3:]} ", engine, trainers) == Person(
        association, "participants", "ouest"
    )
    assert find_person(reviewer, engine, trainers) == Person(reviewer, "reviewers")
    for wrong in ("", "ZZZZZZ", None, 123, "' OR 1=1 --", "trainer", "x" * 5000):
        assert find_person(wrong, engine, trainers) is None


def test_a_code_held_twice_opens_nothing(any_store, tmp_path):
    trainers = tmp_path / "trainers.yaml"
    association = give_codes(any_store, "sud", ["Association Ghardaia"])["Association Ghardaia"]
    trainers.write_text(f"sud: [{association}]\n", encoding="utf-8")
    assert find_person(association, any_store.engine, trainers) is None


def test_groups_say_the_hub_and_the_role_and_give_them_back():
    trainer, participant, reviewer = (
        Person("AB3CDE", "trainers", "ouest"),
        Person("FG4HJK", "participants", "sud"),
        Person("MN5PQR", "reviewers"),
    )
    assert (trainer.groups, participant.groups, reviewer.groups) == (
        ["ouest-trainers"],
        ["sud-participants"],
        ["reviewers"],
    )
    assert (trainer.name, trainer.uses_lab, participant.uses_lab, reviewer.uses_lab) == ("ab3cde", True, False, False)
    for person in (trainer, participant, reviewer):
        assert person_from_groups(person.name, person.groups) == person
    assert person_from_groups("ab3cde", []) is None
    assert person_from_groups("ab3cde", ["ouest-trainers", "sud-participants"]) is None


def test_clean_code_reads_what_people_type_and_refuses_the_rest():
    assert clean_code(" k7p 3xm ") == "K7P3XM" and clean_code("K7P-3XM") == "K7P3XM"
    assert clean_code("K7P0XM") == "" and clean_code("an.email@example.org") == "" and clean_code(None) == ""


def _authenticator(store, trainers) -> CodeAuthenticator:
    config = Config()
    config.CodeAuthenticator.db_url = store.url
    config.CodeAuthenticator.trainers_file = str(trainers)
    return CodeAuthenticator(config=config)


def _run(coroutine):
    """Run ``coroutine`` in a thread of its own: the session's Playwright holds this thread's event loop."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def _typed(authenticator, code, ip="10.0.0.7"):
    handler = SimpleNamespace(request=SimpleNamespace(remote_ip=ip))
    return _run(authenticator.authenticate(handler, {"username": code}))


def test_the_authenticator_logs_a_code_in_with_its_group_and_limits_wrong_codes(store, tmp_path):
    trainers = tmp_path / "trainers.yaml"
    trainer = add_trainer_codes(trainers, "centre")[0]
    authenticator = _authenticator(store, trainers)
    assert _typed(authenticator, trainer.lower()) == {"name": trainer.lower(), "groups": ["centre-trainers"]}
    for _ in range(5):
        assert _typed(authenticator, "ZZZZZZ") is None
    assert _typed(authenticator, trainer) is None  # this device has had its tries for the minute
    assert _typed(authenticator, trainer, ip="10.0.0.8") is not None  # another device has not
    assert _run(authenticator.refresh_user(SimpleNamespace(name=trainer.lower()))) is True
    trainers.write_text("centre: []\n", encoding="utf-8")  # the code is taken back
    assert _run(authenticator.refresh_user(SimpleNamespace(name=trainer.lower()))) is False


def test_a_trainer_runs_jupyterlab_on_the_lessons_and_a_participant_only_the_forms(tmp_path):
    lab = lab_command(tmp_path / "lessons" / "fr", tmp_path / "settings" / "fr")
    assert lab[1:3] == ["-m", "jupyterhub.singleuser"]
    assert f"--ServerApp.root_dir={tmp_path / 'lessons' / 'fr'}" in lab
    assert forms_command()[1:] == ["-m", "saara_kit.deploy.forms_server"]


def test_the_forms_server_serves_what_saara_kit_serve_serves_at_the_hubs_address():
    arguments = forms_arguments(
        {"JUPYTERHUB_SERVICE_URL": "http://127.0.0.1:40123/user/k7p3xm/", "JUPYTERHUB_SERVICE_PREFIX": "/user/k7p3xm/"}
    )
    assert {
        "--template=saara",
        "--strip_sources=True",
        "--VoilaConfiguration.allow_template_override=NO",
        "--Voila.ip=127.0.0.1",
        "--Voila.port=40123",
        "--Voila.base_url=/user/k7p3xm/",
        "--pool_size=0",
    } <= set(arguments)
    assert not [a for a in arguments if a.startswith(("--Voila.token", "--SaaraIdentityProvider", "--port="))]


def test_settings_come_from_the_environment_and_the_store_url_is_required(tmp_path):
    with pytest.raises(SystemExit, match="SAARA_DB_URL"):
        HubSettings.from_env({})
    settings = HubSettings.from_env(
        {
            "SAARA_DB_URL": "postgresql+psycopg://saara@db/saara",
            "SAARA_HUB_DIR": str(tmp_path),
            "SAARA_HUB_URL": "http://0.0.0.0:9000",
            "SAARA_PROXY": "/opt/chp",
        }
    )
    assert (settings.url, settings.trainers_file, settings.proxy) == (
        "http://0.0.0.0:9000",
        tmp_path / "trainers.yaml",
        "/opt/chp",
    )

    c = Config()
    configure(c, settings)
    assert c.JupyterHub.authenticator_class is CodeAuthenticator and c.Authenticator.manage_groups is True
    assert c.SaaraSpawner.db_url == c.CodeAuthenticator.db_url == "postgresql+psycopg://saara@db/saara"
    assert c.SaaraSpawner.home_dir_template == str(tmp_path / "homes" / "{username}")
    assert (
        c.ConfigurableHTTPProxy.command == ["/opt/chp"]
        and Path(c.JupyterHub.db_url.removeprefix("sqlite:///")).parent.is_dir()
    )
    [culler] = c.JupyterHub.services  # servers nobody used for an hour stop
    assert culler["name"] == "idle-culler" and "--timeout=3600" in culler["command"]
    assert {"list:users", "read:users:activity", "delete:servers"} <= set(c.JupyterHub.load_roles[0]["scopes"])

    never = Config()
    configure(
        never,
        HubSettings.from_env(
            {"SAARA_DB_URL": "sqlite://", "SAARA_HUB_DIR": str(tmp_path), "SAARA_HUB_IDLE_MINUTES": "0"}
        ),
    )
    assert "services" not in never.JupyterHub


def test_the_login_page_speaks_every_language():
    texts = {text["lang"]: text for text in login_texts()}
    assert list(texts)[:3] == ["fr", "ar", "en"] and texts["ar"]["dir"] == "rtl"
    assert all(
        text[key] and not text[key].startswith("deploy.")
        for text in texts.values()
        for key in ("title", "intro", "wrong")
    )


def test_the_cli_gives_trainer_codes_into_a_private_file(tmp_path, capsys):
    from saara_kit.cli import main
    from saara_kit.deploy.trainers import load_trainer_codes

    path = tmp_path / "hub" / "trainers.yaml"
    assert main(["trainers", "--region", "ouest", "--count", "2", "--file", str(path)]) == 0
    codes = capsys.readouterr().out.splitlines()[:2]
    assert load_trainer_codes(path) == {code: "ouest" for code in codes}
    assert path.stat().st_mode & 0o077 == 0  # nobody else reads it
    assert main(["trainers", "--region", "nowhere", "--file", str(path)]) == 2
