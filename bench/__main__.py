"""Run every benchmark: ``python -m bench`` (or ``make bench``). Each prints ratios, not verdicts."""
from bench import (
    bench_budget, bench_concertation, bench_directory, bench_grants, bench_kernel, bench_room, bench_runner, bench_stakeholders, bench_store, bench_voila,
)

for module in (bench_store, bench_runner, bench_voila, bench_kernel, bench_room, bench_stakeholders, bench_concertation,
               bench_budget, bench_grants, bench_directory):
    print(f"\n== {module.__name__} — {module.__doc__.strip().splitlines()[0]}")
    module.main()
