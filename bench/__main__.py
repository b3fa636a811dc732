"""Run every benchmark: ``python -m bench`` (or ``make bench``). Each prints figures, then its ratio
and the floor it is compared with as its last line; ratios, not verdicts. At the end, those last
lines again, together: every figure against its target."""

import contextlib
import io
import sys

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


def main(modules=FIGURES) -> list[str]:
    """Run each benchmark in turn; print, last, each one's figure and target (its last line) in one
    table, and return those lines."""
    last_lines = []
    for number, module in enumerate(modules, start=1):
        print(f"\n== {number}. {module.__name__} — {module.__doc__.strip().splitlines()[0]}")
        said = io.StringIO()
        with contextlib.redirect_stdout(Tee(sys.stdout, said)):
            module.main()
        last_lines.append(
            f"{number}. {module.__name__.removeprefix('bench.')}: {said.getvalue().strip().splitlines()[-1]}"
        )
    print("\n== every figure against its target\n" + "\n".join(last_lines))
    return last_lines


class Tee(io.TextIOBase):
    """Write to several streams at once: the terminal, and what the summary reads back."""

    def __init__(self, *streams):
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
        return len(text)

    def flush(self) -> None:
        for stream in self.streams:
            stream.flush()


if __name__ == "__main__":
    main()
