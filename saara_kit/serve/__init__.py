"""The participants' side: Voilà over ``voila_apps/`` with a translated landing page."""

from saara_kit.serve.landing import available_apps, render_landing
from saara_kit.serve.server import serve, voila_arguments

__all__ = ["available_apps", "render_landing", "serve", "voila_arguments"]
