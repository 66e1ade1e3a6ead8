"""The text-copy line classifier: two stages of gradient-boosted trees over the features
in `linefeatures.py`. Stage one judges each line; stage two judges it again knowing how
stage one judged its neighbours (article lines come in runs, clutter in blocks).

On pages in a language the training pages are in (English), the stages also weigh a
lexical score of the line's words: a logistic regression over hashed word uni- and
bigrams and character 3-5-grams (scikit-learn's `HashingVectorizer`, which holds no
vocabulary: murmurhash3 with fixed settings). It learns the words of clutter that no
pattern in `clutter.py` names. Other pages are judged by a second pair of stages trained
without it, on the lines' shape and place alone.

Everything was trained by `tools/train_line_model.py` with scikit-learn and is shipped as
plain arrays in `data/line_model.npz`: the trees are walked here with numpy and the
regression is a dot product with the hashed n-grams, so the file holds no pickled
scikit-learn object; only the hashing runs in scikit-learn.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .nlp import language_of

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


# The hashing of the lexical score; training and inference must agree on every setting.
WORD_HASHING = {"ngram_range": (1, 2), "n_features": 2**18, "alternate_sign": False, "norm": "l2"}
CHAR_HASHING = {"analyzer": "char_wb", "ngram_range": (3, 5), "n_features": 2**18, "alternate_sign": False, "norm": "l2"}


def lexical_matrix(lines: list[str]) -> Any:
    """The hashed words and character n-grams of each line, one sparse row per line."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import HashingVectorizer

    return hstack([HashingVectorizer(**WORD_HASHING).transform(lines), HashingVectorizer(**CHAR_HASHING).transform(lines)]).tocsr()


class LexicalScore:
    """Logistic regression over `lexical_matrix`: how article-like a line's words are."""

    def __init__(self, coef: np.ndarray, intercept: float) -> None:
        self.coef, self.intercept = coef, intercept

    def proba(self, lines: list[str]) -> np.ndarray:
        score = lexical_matrix(lines) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(score, -500.0, 500.0)))


class Stages:
    """Stage one and stage two over one set of line features, and the probability from
    which a line counts as article."""

    def __init__(self, stage1: Forest, stage2: Forest, threshold: float) -> None:
        self.stage1, self.stage2, self.threshold = stage1, stage2, threshold

    def proba(self, x: np.ndarray) -> np.ndarray:
        p1 = self.stage1.proba(x)
        return self.stage2.proba(np.hstack([x, p1[:, None], neighbour_features(p1)]))


# A page's language is read from its prose: menus and buttons are often in English on a
# page that is not, and a line of a few words says little about its language.
PROSE_WORDS = 8


def page_language(lines: list[str]) -> str:
    """The ISO 639-1 code of the language of most of the page's prose."""
    prose = [ln for ln in lines if len(ln.split()) >= PROSE_WORDS] or lines
    return language_of("\n".join(prose))


@dataclass(frozen=True)
class LineJudgement:
    proba: np.ndarray  # the probability that each line is article
    threshold: float  # the probability from which a line counts as article


class LineModel:
    """`worded` weighs the lexical score too and judges pages in the `languages` its
    regression was fitted on: to a regression that never saw a language, all of that
    language's prose is unfamiliar words, which is what clutter looks like to it (on
    German pages it cost 6 points of recall). `plain` judges every other page."""

    def __init__(
        self, plain: Stages, worded: Stages, lexical: LexicalScore, languages: frozenset[str]
    ) -> None:
        self.plain, self.worded, self.lexical, self.languages = plain, worded, lexical, languages

    def judge(self, x: np.ndarray, lines: list[str]) -> LineJudgement:
        """How article-like each line is; `x` holds the lines' `features`."""
        if len(x) == 0:
            return LineJudgement(np.zeros(0), self.plain.threshold)
        if page_language(lines) in self.languages:
            worded = np.hstack([x, self.lexical.proba(lines)[:, None]])
            return LineJudgement(self.worded.proba(worded), self.worded.threshold)
        return LineJudgement(self.plain.proba(x), self.plain.threshold)


def _forest(data: np.lib.npyio.NpzFile, prefix: str) -> Forest:
    return Forest(
        float(data[f"{prefix}_baseline"]), data[f"{prefix}_feature"], data[f"{prefix}_threshold"],
        data[f"{prefix}_left"], data[f"{prefix}_right"], data[f"{prefix}_value"], data[f"{prefix}_is_leaf"],
        data[f"{prefix}_roots"],
    )


@lru_cache(maxsize=1)
def load_line_model(path: Path = MODEL_PATH) -> LineModel:
    with np.load(path) as data:
        return LineModel(
            Stages(_forest(data, "s1"), _forest(data, "s2"), float(data["threshold"])),
            Stages(_forest(data, "lex_s1"), _forest(data, "lex_s2"), float(data["lex_threshold"])),
            LexicalScore(data["lex_coef"].astype(np.float64), float(data["lex_intercept"])),
            frozenset(str(language) for language in data["lex_languages"]),
        )
