"""One JupyterHub for every hub: people log in with their code, trainers get JupyterLab on the
lessons, participants get the forms (Voilà), and every server shares the PostgreSQL store.

``deploy/jupyterhub_config.py`` calls ``configure``; see ``deploy/README.md``.
"""

from saara_kit.deploy.hub import HubSettings, configure

__all__ = ["HubSettings", "configure"]
