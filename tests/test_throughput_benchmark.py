"""The throughput benchmark's yardstick: newsprism's time is divided by the median of
several bare spaCy passes, never by one pass alone."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from throughput import format_report, with_bare_passes  # noqa: E402


def _run(newsprism_seconds: float, bare_seconds: float) -> dict:
    return {
        "inputs": 10,
        "articles": 9,
        "load_seconds": 3.0,
        "analyze_seconds": newsprism_seconds - 1.0,
        "newsprism_seconds": newsprism_seconds,
        "newsprism_cpu": 2 * newsprism_seconds,
        "spacy_seconds": bare_seconds,
        "spacy_cpu": bare_seconds,
        "peak_rss": 2**30,
        "timings": {"claims": newsprism_seconds / 2},
    }


def test_the_bare_time_is_the_median_of_the_passes_wall_and_cpu_each_on_its_own():
    passes = [
        {"spacy_seconds": 711.0, "spacy_cpu": 700.0},
        {"spacy_seconds": 584.0, "spacy_cpu": 590.0},
        {"spacy_seconds": 626.0, "spacy_cpu": 580.0},
    ]
    run = with_bare_passes(_run(1000.0, 711.0), passes)
    assert run["spacy_seconds"] == 626.0
    assert run["spacy_cpu"] == 590.0
    assert run["bare_passes"] == passes
    assert run["newsprism_seconds"] == 1000.0


def test_the_table_divides_by_the_median_and_lists_every_pass():
    passes = [{"spacy_seconds": s, "spacy_cpu": s} for s in (500.0, 800.0, 600.0)]
    table = format_report({10: with_bare_passes(_run(900.0, 500.0), passes)}, None)
    ratio_line = next(line for line in table.splitlines() if "newsprism / bare spaCy " in line and "CPU" not in line)
    assert "1.5" in ratio_line  # 900 / 600, not 900 / 500
    assert "500.0, 800.0, 600.0" in table
