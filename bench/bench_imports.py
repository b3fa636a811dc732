"""What a form's kernel loads before the form shows: each participant's app notebook's code, run in a
fresh interpreter without a kernel, against what every widget kernel already loads."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from bench import compile_kit, scratch_dir
from saara_kit.settings import VOILA_APPS_DIR

FLOOR = "import ipykernel.ipkernel, ipywidgets"
TARGET = 1.3
TIMER = """
import time
started = time.perf_counter()
exec(compile({code!r}, "<app>", "exec"))
print(time.perf_counter() - started)
"""


def app_code(name: str) -> str:
    """The code cells of ``voila_apps/<name>.ipynb``: its imports, then its one builder call."""
    cells = json.loads((VOILA_APPS_DIR / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")


def seconds(code: str, runs: int = 3) -> float:
    """The fastest of ``runs`` fresh interpreters running ``code`` (the floor's imports first, as in a kernel)."""
    env = {**os.environ, "SAARA_DATA_DIR": str(scratch_dir()), "SAARA_REGION": "ouest", "SAARA_DB_URL": ""}
    times = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", TIMER.format(code=code)],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=True,
        )
        times.append(float(done.stdout.strip().splitlines()[-1]))
    return min(times)


def main(smoke: bool = False) -> dict[str, float]:
    """Print each app's seconds against the floor's; the worst ratio last. Return app -> ratio."""
    compile_kit()
    runs = 1 if smoke else 3
    from saara_kit.registry import apps
    from saara_kit.serve.server import TRAINER_APPS

    names = ["stakeholders"] if smoke else [name for name in apps() if name not in TRAINER_APPS]
    floor = seconds(FLOOR, runs)
    ratios = {}
    for name in names:
        spent = seconds(f"{FLOOR}\n{app_code(name)}", runs)
        ratios[name] = spent / floor
        print(f"{name:>14}: {spent:.2f} s (floor {floor:.2f} s) ratio {ratios[name]:.2f}")
    worst = max(ratios, key=ratios.get)
    print(f"ratio worst app/floor = {ratios[worst]:.2f} ({worst}); floor `{FLOOR}` {floor:.2f} s; target ≤ {TARGET}")
    return ratios


if __name__ == "__main__":  # python -m bench.bench_imports
    main()
