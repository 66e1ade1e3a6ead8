"""FNC-1 (Fake News Challenge stage 1) through newsprism's entailment interface: data
loading, the tuning/report split, and the official score re-implemented.

The score (as FNC-1 defines it): +0.25 when a pair's related/unrelated call is right,
+0.75 more when a related pair's agree/disagree/discuss label is right; reported
relative to the best possible score. Written here from that description, not copied.

There is no training split (SOURCE.md: train_stances.csv is absent), so the entailment
thresholds were tuned on a fixed 20% of competition_test (the pairs whose body id hashes
to the tuning slice, so no body is seen in both) and the figures are reported on the
other 80%.
"""

from __future__ import annotations

import csv
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = {"agree", "disagree", "discuss"}
TUNE_SLICES = 5  # one slice in five is for tuning


@dataclass
class Pair:
    headline: str
    body_id: str
    stance: str


def load(root: Path) -> tuple[list[Pair], dict[str, str]]:
    with (root / "competition_test_bodies.csv").open(encoding="utf-8", newline="") as f:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(f)}
    with (root / "competition_test_stances.csv").open(encoding="utf-8", newline="") as f:
        pairs = [Pair(row["Headline"], row["Body ID"], row["Stance"]) for row in csv.DictReader(f)]
    return pairs, bodies


def is_tuning(pair: Pair) -> bool:
    """The fixed 20% tuning slice: decided by the body id alone."""
    return zlib.crc32(pair.body_id.encode()) % TUNE_SLICES == 0


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """FNC-1 score relative to the best possible (0..1)."""
    score = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        best += 0.25 + (0.75 if g in RELATED else 0.0)
        if (g in RELATED) == (p in RELATED):
            score += 0.25
            if g in RELATED and g == p:
                score += 0.75
    return score / best if best else 0.0


def f1_by_class(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    out = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        out[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return out
