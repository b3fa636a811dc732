"""Start each person's server: JupyterLab on the hub's lessons for a trainer, the forms (Voilà)
for anyone else; every server gets the store's URL, its hub and its language."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from jupyterhub.spawner import SimpleLocalProcessSpawner
from traitlets import Unicode

from saara_kit.data import load_hub
from saara_kit.deploy.people import Person, person_from_groups
from saara_kit.lab import prepare_lab
from saara_kit.settings import default_hub_id

__all__ = ["SaaraSpawner", "forms_command", "lab_command"]


def lab_command(lessons: Path, settings: Path) -> list[str]:
    """Return the command of a trainer's server: JupyterLab under JupyterHub, on ``lessons``."""
    command = [
        sys.executable,
        "-m",
        "jupyterhub.singleuser",
        f"--ServerApp.root_dir={lessons}",
        f"--LabApp.user_settings_dir={settings}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


def forms_command() -> list[str]:
    """Return the command of a participant's (or reviewer's) server: the forms only."""
    return [sys.executable, "-m", "saara_kit.deploy.forms_server"]


class SaaraSpawner(SimpleLocalProcessSpawner):
    """A local process per person, in its own home folder; what it runs follows the person's group.

    Every server runs as the hub's own system user: participants cannot run code (Voilà), trainers
    can, so trainer codes go only to trusted people."""

    db_url = Unicode(config=True, help="The store's SQLAlchemy URL, given to every server as SAARA_DB_URL.")

    def person(self) -> Person:
        """Return who this server is for, from the user's groups (set at login)."""
        person = person_from_groups(self.user.name, sorted(group.name for group in self.user.groups))
        if person is None:
            raise RuntimeError(f"SAARA: user {self.user.name} has no hub group; log in again")
        return person

    def saara_environment(self, person: Person) -> dict[str, str]:
        hub_id = person.hub_id or default_hub_id()
        return {
            "SAARA_DB_URL": self.db_url,
            "SAARA_REGION": hub_id,
            "SAARA_LANG": load_hub(hub_id).default_lang,
            "SAARA_DATA_DIR": str(Path(self.home_dir) / "workshop-data"),
            "SAARA_DEMO": "",
        }

    async def start(self):
        person = self.person()
        environment = self.saara_environment(person)
        if person.uses_lab:
            # <home>/lessons/<lang>, rewritten at each start as ``saara-kit lab`` does, and <home>/settings/<lang>
            lessons, settings = prepare_lab(environment["SAARA_LANG"], environment["SAARA_REGION"], Path(self.home_dir))
            self.cmd, self.default_url = lab_command(lessons, settings), "/lab"
        else:
            self.cmd, self.default_url = forms_command(), "/"
        self.args = []  # nothing a user asks for (user_options) reaches the command line
        self.environment = {**self.environment, **environment}
        return await super().start()
