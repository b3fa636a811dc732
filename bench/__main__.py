"""Run every benchmark: ``python -m bench`` (or ``make bench``). Each prints figures, then its ratio
and the floor it is compared with as its last line; ratios, not verdicts."""

from bench import (
    bench_analysis,
    bench_imports,
    bench_kernel,
    bench_page_weight,
    bench_room,
    bench_runner,
    bench_store,
    bench_vanish,
    bench_voila,
)

# in the order of the performance issue's seven figures, then the vanished phones' seats and the page weight
FIGURES = (
    bench_voila,
    bench_room,
    bench_kernel,
    bench_imports,
    bench_runner,
    bench_store,
    bench_analysis,
    bench_vanish,
    bench_page_weight,
)

for number, module in enumerate(FIGURES, start=1):
    print(f"\n== {number}. {module.__name__} — {module.__doc__.strip().splitlines()[0]}")
    module.main()
