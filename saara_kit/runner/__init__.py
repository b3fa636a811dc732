"""Rerun the lessons per hub with papermill, in parallel, into ``outputs/<hub>/``.

Each run executes the lesson in the run's language and writes a page wholly in that language:
its prose, tables, charts, title and ``<html lang dir>``; trainer-only cells stay out. Each hub's
pages are gathered in ``dossier.html`` (and ``dossier.pdf``); ``national`` adds the synthesis.
"""

from saara_kit.lessons import list_notebooks
from saara_kit.runner.execute import RunResult, run_notebook
from saara_kit.runner.plan import Job, choose_notebooks, plan_jobs
from saara_kit.runner.run import run_all

__all__ = ["Job", "RunResult", "choose_notebooks", "list_notebooks", "plan_jobs", "run_all", "run_notebook"]
