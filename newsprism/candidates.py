"""Which sentences of a story can pass a cosine threshold at all, before any is embedded.

Cross-checking compares sentences by the cosine of their sentence embeddings (a rewrite's
sentence maps to its source's at 0.75, a stance candidate pair needs 0.7, two mentions of
one claim 0.6), and the sentence model is the costliest step of a run. Sentences that
close say much the same thing, and in news two such sentences share content words: the
names, numbers and verbs of the event. So a sentence whose words, weighted by TF-IDF over
the story's sentences (scikit-learn), meet no sentence it may be compared with at
`MIN_WORD_COSINE` or more is given no embedding: its cosine to everything is taken as 0.

A sentence is compared with the sentences of the story's other articles, and, when it is
an extraction's sentence (`within=True`), with the other extraction sentences of its own
article too (two statements of one speaker, two counts of one thing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

# The least TF-IDF cosine of words for two sentences to be worth embedding. Chosen on ECB+
# topics 1-22 (benchmarks/candidates.py: each event a story of up to 4 of its articles):
# at 0.1, 15% of sentences are left unembedded, and of the sentences whose best embedding
# cosine to another article's sentence is >= 0.75 (derivations) all are kept, >= 0.7
# (stance) 99.2%, >= 0.6 (same-claim mentions, which must also share a speaker or a
# counted thing) 97.3%. At 0.15, a third is left unembedded but recall at 0.6 drops to 88%.
MIN_WORD_COSINE = 0.1


@dataclass(frozen=True)
class CandidateSentence:
    """A sentence of a story that cross-checking may ask the embedder for."""

    text: str
    article: str
    within: bool = False  # also compared with its own article's extraction sentences


def without_partner(sentences: Sequence[CandidateSentence], min_cosine: float = MIN_WORD_COSINE) -> set[str]:
    """The texts that share too few weighted words with every sentence they may be
    compared with to reach an embedding threshold. A text found in two articles is its
    own partner; a text with no weighted word at all (only stop words) is kept, since
    words cannot tell about it."""
    articles: dict[str, set[str]] = {}
    within: dict[str, bool] = {}
    for s in sentences:
        articles.setdefault(s.text, set()).add(s.article)
        within[s.text] = within.get(s.text, False) or s.within
    texts = list(articles)
    if len({a for owners in articles.values() for a in owners}) < 2:
        return set()  # one article: nothing is compared across, and nothing is skipped
    try:
        weights = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    except ValueError:  # no text has a weighted word
        return set()
    cosine = (weights @ weights.T).toarray()
    codes = {a: n for n, a in enumerate(sorted({a for owners in articles.values() for a in owners}))}
    # the one article a text is in, or -1 for a text in several (never the same article)
    owner = np.array([codes[next(iter(articles[t]))] if len(articles[t]) == 1 else -1 for t in texts])
    flagged = np.array([within[t] for t in texts])
    same_article = (owner[:, None] == owner[None, :]) & (owner[:, None] >= 0)
    comparable = ~same_article | (flagged[:, None] & flagged[None, :])
    np.fill_diagonal(comparable, False)
    best = np.where(comparable, cosine, 0.0).max(axis=1)
    has_words = np.asarray(weights.getnnz(axis=1) > 0)
    skipped = (owner >= 0) & has_words & (best < min_cosine)
    return {t for t, skip in zip(texts, skipped, strict=True) if skip}
