"""The benchmark of reading results exports: its synthetic exports must stay what
plansite reads, or `make bench` would time the reading of errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import results_reading


@pytest.mark.parametrize("write", [results_reading.write_ga4, results_reading.write_meta])
def test_the_synthetic_exports_read_without_a_problem(
    tmp_path: Path, write: results_reading.Writer
) -> None:
    path = tmp_path / "export.csv"
    write(path, 300)
    _, _, rows = results_reading.time_reading(path, repeat=1)
    assert rows == 300


def test_the_report_gives_every_figure_and_the_memory_verdict(tmp_path: Path) -> None:
    text = results_reading.report(results_reading.measure(200, 1, tmp_path))
    assert "| GA4 | 200 |" in text and "| Meta Facebook | 200 |" in text
    assert text.count("(< 300)") == 2
