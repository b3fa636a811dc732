"""Facilitators' rerun: every hub's lessons against the floor (the same number of runs of an empty
lesson importing pandas and matplotlib, through the same runner), and 2 workers against 1."""

from __future__ import annotations

import contextlib
import io
import time
from pathlib import Path

import nbformat

from bench import scratch_dir
from saara_kit.data import list_hubs
from saara_kit.lessons import list_notebooks
from saara_kit.runner import run_all

FLOOR_CODE = "import pandas\nimport matplotlib.pyplot"


def _floor_lessons(count: int) -> Path:
    """A lessons folder of ``count`` empty lessons, one per real lesson, each importing pandas and matplotlib."""
    folder = scratch_dir("saara-floor-")
    for number in range(1, count + 1):
        lesson = nbformat.v4.new_notebook(
            cells=[
                nbformat.v4.new_code_cell(
                    'region: str = "centre"  # the hub\nlang: str = "fr"  # the language',
                    metadata={"tags": ["parameters"]},
                ),
                nbformat.v4.new_markdown_cell(f"# {number:02d} — floor", metadata={"tags": ["lang-fr"]}),
                nbformat.v4.new_code_cell(FLOOR_CODE),
            ],
            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        )
        nbformat.write(lesson, folder / f"{number:02d}-floor.ipynb")
    return folder


TARGET_RATIO, TARGET_SPEED_UP = 1.5, 1.7


def _timed(workers: int, **options) -> float:
    output = scratch_dir("saara-bench-run-")
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        failures = run_all(source="sample", output_dir=output, workers=workers, **options)
    assert not failures, failures
    return time.perf_counter() - started


def main(smoke: bool = False) -> float:
    """Print the rerun's times, its ratio to the floor last; return that ratio."""
    hub_ids = ["ouest"] if smoke else list_hubs()
    lessons = 1 if smoke else len(list_notebooks(scope="hub"))
    hubs, runs = len(hub_ids), len(hub_ids) * lessons
    chosen = {"hub_ids": hub_ids, "notebooks": ["01"] if smoke else None}
    floor = _timed(2, hub_ids=hub_ids, notebooks_dir=_floor_lessons(lessons))
    parallel = _timed(2, **chosen)
    serial = _timed(1, **chosen)
    print(f"{runs} runs ({hubs} hubs × {lessons} lessons), dossiers and PDFs included")
    print(
        f"floor, 2 workers: {floor:.1f} s ({floor / runs:.2f} s a run); kit, 2 workers: {parallel:.1f} s "
        f"({parallel / runs:.2f} s a run); kit, 1 worker: {serial:.1f} s"
    )
    print(f"speed-up 2 workers/1 worker = {serial / parallel:.2f} (target ≥ {TARGET_SPEED_UP})")
    print(
        f"ratio kit/floor (2 workers) = {parallel / floor:.2f}; floor {floor:.1f} s for {runs} runs of an empty "
        f"lesson importing pandas and matplotlib; target ≤ {TARGET_RATIO}"
    )
    return parallel / floor


if __name__ == "__main__":  # python -m bench.bench_runner
    main()
