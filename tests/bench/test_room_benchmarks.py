"""A room's benchmarks in small: phones saving at once, and phones that vanish."""

from __future__ import annotations

import pytest

from bench import bench_room, bench_vanish
from tests.bench.in_chromium import prints_its_ratio_last


@pytest.mark.browser
@pytest.mark.parametrize("module", [bench_room, bench_vanish], ids=lambda module: module.__name__)
def test_a_browser_benchmark_in_small_prints_its_ratio_last(module):
    prints_its_ratio_last(module)
