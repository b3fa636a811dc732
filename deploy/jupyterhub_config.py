"""JupyterHub for every SAARA hub from one server: ``jupyterhub -f deploy/jupyterhub_config.py``.

Settings come from the environment (see deploy/README.md): SAARA_DB_URL (the PostgreSQL store,
required), SAARA_HUB_DIR (the hub's folder: state, homes, trainers.yaml), SAARA_HUB_URL (where
people connect, default http://0.0.0.0:8000)."""
from saara_kit.deploy import HubSettings, configure

c = get_config()  # noqa: F821 - given by JupyterHub
configure(c, HubSettings.from_env())
