"""`saara-kit wall`: the hub's charts as A3 pages for the workshop wall."""

from __future__ import annotations

import re

import pytest

from saara_kit.cli import main
from saara_kit.stakeholders.charts import power_interest_grid
from saara_kit.stakeholders.wall import write_a3

A3_POINTS = (841.89, 1190.55)  # 297 × 420 mm
A3_PIXELS_300_DPI = (3508, 4961)


@pytest.mark.slow  # an A3 poster at 300 dpi: over 10 s
def test_a_chart_fills_an_a3_page_at_300_dpi_in_png_and_pdf(tmp_path):
    import pandas as pd

    chart = power_interest_grid(
        pd.DataFrame([{"name": "APC", "name_ar": "", "power": 4, "interest": 4, "position": 1}]), "fr"
    )
    png = write_a3(chart, tmp_path / "grid.png").read_bytes()
    size = (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big"))  # the IHDR chunk
    assert all(abs(got - want) <= 2 for got, want in zip(size, A3_PIXELS_300_DPI))
    pixels_per_metre = int.from_bytes(png[png.index(b"pHYs") + 4 :][:4], "big")
    assert round(pixels_per_metre * 0.0254) == 300
    page = write_a3(chart, tmp_path / "grid.pdf").read_bytes()
    box = [float(number) for number in re.search(rb"/MediaBox \[ ?([\d. ]+)\]", page).group(1).split()]
    assert box[2:] == pytest.approx(A3_POINTS, abs=0.5)


@pytest.mark.slow  # an A3 poster at 300 dpi: over 10 s
def test_the_wall_command_prints_the_hubs_grid_network_and_planes(tmp_path, capsys):
    assert (
        main(
            [
                "wall",
                "--region",
                "sud",
                "--source",
                "sample",
                "--format",
                "pdf",
                "-o",
                str(tmp_path),
                "--data-dir",
                str(tmp_path),
            ]
        )
        == 0
    )
    written = sorted(path.name for path in (tmp_path / "sud").iterdir())
    assert written == ["grid.pdf", "network.pdf", "plane-1.pdf"]
    assert capsys.readouterr().out.count(str(tmp_path / "sud")) == 3
