"""The text-copy line classifier: two stages of gradient-boosted trees over the features
in `linefeatures.py`. Stage one judges each line; stage two judges it again knowing how
stage one judged its neighbours (article lines come in runs, clutter in blocks).

The trees were trained by `tools/train_line_model.py` with scikit-learn and are shipped
as plain arrays in `data/line_model.npz`; inference here needs only numpy, so the model
file does not depend on a scikit-learn version.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).parent / "data" / "line_model.npz"
NEIGHBOUR_WINDOWS = (1, 2, 3, 5, 10)


class Forest:
    """Additive trees: score = baseline + sum of the leaf values the row reaches."""

    def __init__(self, baseline: float, feature: np.ndarray, threshold: np.ndarray, left: np.ndarray,
                 right: np.ndarray, value: np.ndarray, is_leaf: np.ndarray, roots: np.ndarray) -> None:
        self.baseline = baseline
        self.feature, self.threshold = feature, threshold
        self.left, self.right, self.value, self.is_leaf, self.roots = left, right, value, is_leaf, roots

    def proba(self, x: np.ndarray) -> np.ndarray:
        # every row walks every tree at once: one numpy step per tree level
        rows = np.arange(len(x))[:, None]
        node = np.broadcast_to(self.roots, (len(x), len(self.roots))).copy()
        leaf = self.is_leaf[node]
        while not leaf.all():
            go_left = x[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(leaf, node, np.where(go_left, self.left[node], self.right[node]))
            leaf = self.is_leaf[node]
        score = self.baseline + self.value[node].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-np.clip(score, -500.0, 500.0)))  # exp(500) still fits a float


def neighbour_features(p: np.ndarray) -> np.ndarray:
    """How stage one judged the lines around each line."""
    n = len(p)
    idx = np.arange(n)
    cum = np.concatenate([[0.0], np.cumsum(p)])
    cols = []
    for k in NEIGHBOUR_WINDOWS:
        lo, hi = np.maximum(idx - k, 0), np.minimum(idx + k + 1, n)
        cols.append((cum[hi] - cum[lo]) / (hi - lo))
    prev = np.concatenate([[0.0], p[:-1]])
    nxt = np.concatenate([p[1:], [0.0]])
    best_before = np.maximum.accumulate(prev)
    best_after = np.maximum.accumulate(nxt[::-1])[::-1]
    share = np.cumsum(p) / max(float(p.sum()), 1e-6)
    return np.stack([*cols, prev, nxt, best_before, best_after, share], axis=1)


class LineModel:
    def __init__(self, stage1: Forest, stage2: Forest, threshold: float) -> None:
        self.stage1, self.stage2, self.threshold = stage1, stage2, threshold

    def proba(self, x: np.ndarray) -> np.ndarray:
        if len(x) == 0:
            return np.zeros(0)
        p1 = self.stage1.proba(x)
        return self.stage2.proba(np.hstack([x, p1[:, None], neighbour_features(p1)]))


def _forest(data: np.lib.npyio.NpzFile, prefix: str) -> Forest:
    return Forest(
        float(data[f"{prefix}_baseline"]), data[f"{prefix}_feature"], data[f"{prefix}_threshold"],
        data[f"{prefix}_left"], data[f"{prefix}_right"], data[f"{prefix}_value"], data[f"{prefix}_is_leaf"],
        data[f"{prefix}_roots"],
    )


@lru_cache(maxsize=1)
def load_line_model(path: Path = MODEL_PATH) -> LineModel:
    with np.load(path) as data:
        return LineModel(_forest(data, "s1"), _forest(data, "s2"), float(data["threshold"]))
