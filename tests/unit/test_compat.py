"""Each private name of Voilà, Jupyter Server and JupyterHub that the kit leans on (all in
``saara_kit.serve.compat``) is still where the kit expects it: an upgrade that moves one fails here,
by name, not silently in a workshop."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from saara_kit.serve import compat


def _voila_file(*parts: str) -> str:
    import voila

    return Path(voila.__file__).parent.joinpath(*parts).read_text(encoding="utf-8")


def test_voila_still_serves_a_kernels_request_on_the_query_route():
    routes = re.findall(r'r"/(voila/query)/%s"', _voila_file("app.py"))
    assert routes == [compat.QUERY_ROUTE], "Voilà moved its query websocket: update QUERY_ROUTE"


def test_voilas_helper_still_reads_the_kernel_environment_the_kit_reads():
    from voila.utils import ENV_VARIABLE, wait_for_request

    assert {name for name in compat.KERNEL_ENV if getattr(ENV_VARIABLE, name, None) == name} == set(compat.KERNEL_ENV)
    assert f"{{ws_base_url}}{compat.QUERY_ROUTE}" in inspect.getsource(wait_for_request)


def test_the_query_address_is_built_as_voilas_helper_builds_it(monkeypatch):
    for name, value in {
        "VOILA_WS_PROTOCOL": "wss",
        "VOILA_APP_IP": "10.0.0.2",
        "VOILA_APP_PORT": "9000",
        "VOILA_SERVER_URL": "/hub/",
        "VOILA_KERNEL_ID": "k-1",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("VOILA_WS_BASE_URL", raising=False)
    assert compat.query_address() == "wss://10.0.0.2:9000/hub/voila/query/k-1"


def test_voilas_page_still_carries_its_kernels_id_where_the_kit_reads_it():
    """The kit's template extends Voilà's lab page, which writes its settings (with ``kernelId``) as JSON."""
    import uuid

    import jinja2
    import voila.paths

    found = [
        path
        for root in voila.paths.jupyter_path("voila", "templates", "lab")
        for path in Path(root).glob("index.html.j2")
    ]
    assert found, "Voilà's lab template moved"
    page = found[0].read_text(encoding="utf-8")
    assert "kernelId=kernel_id" in page and "page_config_full | tojson" in page, (
        "Voilà's page writes its kernel id otherwise"
    )
    kernel_id = str(uuid.uuid4())
    written = jinja2.Environment().from_string("{{ config | tojson }}").render(config={"kernelId": kernel_id})
    assert compat.PAGE_KERNEL_ID.search(written).group(1) == kernel_id


@pytest.mark.parametrize("role", ["page", "kernel_socket", "shutdown", "query_socket"])
def test_voilas_handlers_the_kit_extends_are_still_importable_and_served(role):
    handler = compat.voila_handlers()[role]
    assert isinstance(handler, type)
    from voila.app import Voila

    assert handler.__name__ in inspect.getsource(Voila.init_handlers), f"Voila.init_handlers no longer serves {role}"


def test_voilas_kernel_socket_still_has_its_own_write_message_over_jupyter_servers():
    voila_socket = compat.voila_handlers()["kernel_socket"]
    assert "write_message" in vars(voila_socket), "write_past_voila skips a method that is gone"
    assert callable(getattr(super(voila_socket, voila_socket), "write_message", None))


def test_jupyter_servers_login_handler_still_draws_its_page_with_render():
    from jupyter_server.auth.login import LoginFormHandler

    assert "_render" in vars(LoginFormHandler), "LoginFormHandler._render moved: LoginPage draws nothing"
    assert "self._render(" in inspect.getsource(LoginFormHandler.get)
    assert "self._render(" in inspect.getsource(LoginFormHandler.post)
    assert compat.LoginPage._render is not LoginFormHandler._render


def test_the_kits_login_page_writes_its_own_page_through_the_compat_hook():
    from saara_kit.serve.login import SaaraLoginHandler

    assert "write_login_page" in vars(SaaraLoginHandler) and "_render" not in vars(SaaraLoginHandler)


def test_jupyterhub_still_gives_its_version_where_the_forms_server_reads_it():
    pytest.importorskip("jupyterhub")
    assert re.match(r"\d+\.\d+", compat.hub_version())


def test_importing_compat_loads_no_server():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", "import sys, saara_kit.serve.compat; print('voila' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert done.stdout.strip() == "False"


PUBLIC_VOILA = {"voila.app"}  # Voilà's application class is its documented way in


def test_no_module_but_compat_imports_voilas_inner_modules_or_jupyterhubs_private_ones():
    import ast

    kit = Path(compat.__file__).parents[1]
    leaks = []
    for path in kit.rglob("*.py"):
        if path.name == "compat.py" and path.parent.name == "serve":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            for name in names:
                inner_voila = name.startswith("voila.") and name not in PUBLIC_VOILA
                private = any(part.startswith("_") for part in name.split(".")[1:])
                if (inner_voila or private) and name.split(".")[0] in ("voila", "jupyter_server", "jupyterhub"):
                    leaks.append(f"{path.relative_to(kit)}: {name}")
            if isinstance(node, ast.FunctionDef) and node.name == "_render":
                leaks.append(f"{path.relative_to(kit)}: def _render")
    assert leaks == []
