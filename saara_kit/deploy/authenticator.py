"""Log people in by their code alone: it is their user name, and their hub and role give their group."""

from __future__ import annotations

from jupyterhub.auth import Authenticator
from traitlets import Unicode

from saara_kit.codes import WrongCodes
from saara_kit.deploy.people import find_person
from saara_kit.store import open_store

__all__ = ["CodeAuthenticator"]


class CodeAuthenticator(Authenticator):
    """Accept a trainer code (``trainers_file``), an association code or a reviewer code (the store);
    refuse anything else, and every code from a device that typed too many wrong ones."""

    db_url = Unicode(
        config=True, help="The store's SQLAlchemy URL (PostgreSQL), where association and reviewer codes live."
    )
    trainers_file = Unicode(config=True, help="The YAML file of trainer codes, one list per hub.")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.wrong_codes = WrongCodes()
        self._store = None

    @property
    def store(self):
        if self._store is None:
            self._store = open_store(db_url=self.db_url)
        return self._store

    def person(self, code: object):
        """Return the holder of ``code``, or None."""
        return find_person(code, self.store.engine, self.trainers_file)

    async def authenticate(self, handler, data):
        """Return the user name and groups for the code typed in the name field, else None."""
        client = handler.request.remote_ip if handler is not None else ""
        if self.wrong_codes.blocked(client):
            self.log.warning("SAARA: too many wrong codes from %s", client)
            return None
        person = self.person((data or {}).get("username"))
        if person is None:
            self.wrong_codes.failed(client)
            return None
        return {"name": person.name, "groups": person.groups}

    async def refresh_user(self, user, handler=None):
        """Keep a user only while their code still opens the hub (a code taken back logs them out)."""
        return self.person(user.name) is not None
