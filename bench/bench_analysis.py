"""Analysis at scale: each domain's steps at the size its issue asked for, against a tenth of it."""

from __future__ import annotations

import contextlib

from bench import (
    bench_budget,
    bench_concertation,
    bench_directory,
    bench_followup,
    bench_grants,
    bench_stakeholders,
    each_step_once,
)

DOMAINS = (bench_stakeholders, bench_concertation, bench_budget, bench_grants, bench_directory, bench_followup)
TARGET = 12  # at most 12× the time for 10× the data


def main(smoke: bool = False) -> dict[str, float]:
    """Run every domain's benchmark (``smoke``: at a twentieth of the size, to keep it from rotting);
    print the largest growth last and return every step's growth."""
    growth = {}
    with each_step_once() if smoke else contextlib.nullcontext():
        for module in DOMAINS:
            name = module.__name__.removeprefix("bench.bench_")
            print(f"-- {name}: {module.__doc__.strip().splitlines()[0]}")
            scale = {key: max(20, value // 20) for key, value in module.SCALE.items()} if smoke else module.SCALE
            growth |= {f"{name}: {step}": ratio for step, ratio in module.main(scale).items()}
    worst = max(growth, key=growth.get)
    print(f"largest growth for 10× the data = {growth[worst]:.1f}× ({worst}); target ≤ {TARGET}×")
    return growth


if __name__ == "__main__":  # python -m bench.bench_analysis
    main()
