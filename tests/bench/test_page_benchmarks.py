"""A page's benchmarks in small: Voilà's time to interactive and a page's weight."""

from __future__ import annotations

import pytest

from bench import bench_page_weight, bench_voila
from tests.bench.in_chromium import prints_its_ratio_last


@pytest.mark.browser
@pytest.mark.parametrize("module", [bench_page_weight, bench_voila], ids=lambda module: module.__name__)
def test_a_browser_benchmark_in_small_prints_its_ratio_last(module):
    prints_its_ratio_last(module)
