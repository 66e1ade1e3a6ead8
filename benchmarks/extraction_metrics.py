"""Scores for article-text extraction, re-implemented from the descriptions in the
datasets' SOURCE.md files (no upstream code is copied):

- `aeb_scores`: the scrapinghub article-extraction-benchmark metric. Per document, the
  truth and the prediction are cut into word tokens and multisets of 4-token shingles;
  TP/FP/FN are the multiset overlaps. Precision is the mean of per-document precision
  over documents with tp + fp > 0, recall the mean of per-document recall over documents
  with tp + fn > 0, F1 the harmonic mean of those two means; accuracy is the share of
  documents whose token sequences are identical.
- `snippet_counts` / `snippet_scores`: trafilatura's evaluation. Each must-contain
  ("with") snippet found in the whitespace-normalised extraction is a TP, missing a FN;
  each must-not-contain ("without") snippet found is a FP, absent a TN. Counts are summed
  over pages (micro), then precision, recall, accuracy and F-score.
- `title_matches`, `author_matches`, `date_matches`: how a predicted metadata field is
  judged against the trafilatura-eval gold (see each function).
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# AEB compares texts as runs of this many word tokens, so that a word in the wrong place
# (a caption, a teaser) does not count as right just because the word is common.
SHINGLE_SIZE = 4

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
# Words that join names in a byline ("David Brand and Ramsey Khalifeh"); a predicted list
# of authors spells the join otherwise, so they are not required to match.
# words a gold author string holds besides the names: 'A and B', 'By A', and their German
# spellings, which trafilatura-eval-other's gold prints ('Von A und B')
_AUTHOR_JOINERS = frozenset({"and", "by", "with", "und", "von"})
_ISO_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")
# Typographic variants a title may be printed with in one place and not another.
_TITLE_CHARS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


# ---------------------------------------------------------------- AEB (shingles)


def tokenize(text: str | None) -> list[str]:
    """Word tokens as the AEB metric sees them (`\\w+`, case kept)."""
    return _WORD.findall(text or "")


def shingles(tokens: Sequence[str], size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of `size`-token shingles. A text shorter than `size` tokens is one shingle
    (so that a short non-empty text is not scored as empty); no tokens, no shingles."""
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True)
class ShingleCounts:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        # nothing expected and nothing predicted is a perfect answer
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


def shingle_counts(truth: str | None, prediction: str | None, size: int = SHINGLE_SIZE) -> ShingleCounts:
    true_shingles = shingles(tokenize(truth), size)
    pred_shingles = shingles(tokenize(prediction), size)
    tp = sum((true_shingles & pred_shingles).values())
    return ShingleCounts(
        tp=tp,
        fp=sum(pred_shingles.values()) - tp,
        fn=sum(true_shingles.values()) - tp,
    )


@dataclass(frozen=True)
class AebScores:
    precision: float
    recall: float
    f1: float
    accuracy: float
    documents: int


def aeb_scores(pairs: Iterable[tuple[str | None, str | None]], size: int = SHINGLE_SIZE) -> AebScores:
    """Scores over (truth, prediction) pairs, one pair per document. An empty prediction
    does not lower precision (it has tp + fp = 0) but scores 0 recall."""
    pairs = list(pairs)
    counts = [shingle_counts(truth, prediction, size) for truth, prediction in pairs]
    precisions = [c.precision for c in counts if c.tp + c.fp > 0]
    recalls = [c.recall for c in counts if c.tp + c.fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    identical = sum(tokenize(truth) == tokenize(prediction) for truth, prediction in pairs)
    accuracy = identical / len(pairs) if pairs else 0.0
    return AebScores(precision, recall, f1, accuracy, len(pairs))


# ---------------------------------------------------------------- trafilatura (snippets)


def normalize_space(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


@dataclass(frozen=True)
class SnippetCounts:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def __add__(self, other: SnippetCounts) -> SnippetCounts:
        return SnippetCounts(self.tp + other.tp, self.fn + other.fn, self.fp + other.fp, self.tn + other.tn)


def snippet_counts(
    extracted: str | None, must_contain: Iterable[str], must_not_contain: Iterable[str]
) -> SnippetCounts:
    """TP/FN/FP/TN of one page. An empty or missing extraction finds no snippet: every
    must-contain snippet is a FN and every must-not-contain one a TN."""
    text = normalize_space(extracted)
    found = [bool(text) and normalize_space(s) in text for s in must_contain]
    leaked = [bool(text) and normalize_space(s) in text for s in must_not_contain]
    return SnippetCounts(
        tp=sum(found),
        fn=len(found) - sum(found),
        fp=sum(leaked),
        tn=len(leaked) - sum(leaked),
    )


@dataclass(frozen=True)
class SnippetScores:
    precision: float
    recall: float
    accuracy: float
    fscore: float


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def snippet_scores(counts: SnippetCounts) -> SnippetScores:
    tp, fn, fp, tn = counts.tp, counts.fn, counts.fp, counts.tn
    return SnippetScores(
        precision=_ratio(tp, tp + fp),
        recall=_ratio(tp, tp + fn),
        accuracy=_ratio(tp + tn, tp + tn + fp + fn),
        fscore=_ratio(2 * tp, 2 * tp + fp + fn),
    )


# ---------------------------------------------------------------- metadata


def normalize_title(title: str | None) -> str:
    """NFKC, curly quotes and long dashes made plain, spacing collapsed, case folded."""
    return normalize_space(unicodedata.normalize("NFKC", title or "").translate(_TITLE_CHARS)).casefold()


def title_matches(gold: str, predicted: str | None) -> bool:
    """Equal after `normalize_title`; a title with the site name appended does not match."""
    return bool(predicted) and normalize_title(gold) == normalize_title(predicted)


def _name_tokens(text: str) -> set[str]:
    return {t.casefold() for t in tokenize(unicodedata.normalize("NFKC", text))}


def author_matches(gold: str | Sequence[str], predicted: str | Sequence[str] | None) -> bool:
    """Every word of the gold author(s) (case-folded, joiners like "and" left out) is a
    word of the predicted author(s). Extra predicted names are not penalised."""
    gold_text = gold if isinstance(gold, str) else " ".join(gold)
    if predicted is None:
        predicted = ""
    predicted_text = predicted if isinstance(predicted, str) else " ".join(predicted)
    wanted = _name_tokens(gold_text) - _AUTHOR_JOINERS
    return bool(wanted) and wanted <= _name_tokens(predicted_text)


def date_matches(gold: str, predicted: str | None) -> bool:
    """The YYYY-MM-DD prefixes are equal (time of day and time zone are ignored)."""
    gold_day, predicted_day = _ISO_DAY.match(gold or ""), _ISO_DAY.match(predicted or "")
    return bool(gold_day and predicted_day) and gold_day.group(1) == predicted_day.group(1)
