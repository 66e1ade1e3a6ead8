"""Time per stage of `analyze` over a corpus (default: the bundled examples).

    .venv/bin/python benchmarks/pipeline.py [PATH ...]

Prints one table: seconds per stage, articles per second, peak memory.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from newsprism import analyze
from newsprism.nlp import default_embedder, spacy_pipeline

ROOT = Path(__file__).resolve().parents[1]


def main(paths: list[str]) -> None:
    began = time.perf_counter()
    nlp, embedder = spacy_pipeline(), default_embedder()
    load = time.perf_counter() - began
    began = time.perf_counter()
    report = analyze(paths, nlp=nlp, embedder=embedder)
    total = time.perf_counter() - began
    counts = report.counts()
    rows = [("model loading", load)] + list(report.timings.items()) + [("analyze total", total)]
    print(f"{'stage':<16}{'seconds':>10}")
    for name, seconds in rows:
        print(f"{name:<16}{seconds:>10.2f}")
    print(f"{'articles':<16}{counts['articles']:>10}")
    print(f"{'articles/s':<16}{counts['articles'] / total:>10.2f}")
    print(f"{'peak RSS MiB':<16}{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:>10.0f}")


if __name__ == "__main__":
    main(sys.argv[1:] or [str(ROOT / "examples" / "corpus"), str(ROOT / "examples" / "bad-inputs")])
