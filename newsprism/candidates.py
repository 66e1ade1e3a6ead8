"""Which sentences of a story can pass a cosine threshold at all, before any is embedded.

Two filters, both run before the sentence model. The first is structural and exact:
cross-checking reads the vector of an extraction's sentence only for a few kinds of pair
(`extraction_sentences_compared`) and judges the stance of a pair of sentences only when
they differ in negation or in a refuting word (`stance_sentences_compared`); every other
sentence of those kinds is compared by words alone, so its vector would never be read.
The second is lexical, for the sentences still compared by meaning:

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

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from .entailment import negated, refuting, stance_differs
from .events import event_key, same_target
from .models import Extraction
from .people import speaker_key

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


def extraction_sentences_compared(extractions: Sequence[Extraction]) -> set[str]:
    """The sentences of extractions whose vectors cross-checking reads. It compares two
    mentions by their sentences only for
    - two statements given to one speaker (crosscheck._align_statements);
    - two numbers of one counted thing whose unit or `of` differ (crosscheck._same_measure
      and the measure conflict `unit_changed`);
    - one number and unit given to two counted things (the measure conflict `different_thing`);
    - two events of one doer and action whose targets do not say they are one (`events.same_target`,
      crosscheck._align_events);
    and two mentions in one sentence need no vector (their similarity is 1). This mirrors
    those comparisons and may take in more pairs than they read, never fewer;
    tests/test_candidates.py checks that cross-checking finds the same with every sentence
    embedded."""
    statements = [e for e in extractions if e.kind == "statement" and e.speaker]
    numbers = [e for e in extractions if e.kind == "quantity" and e.quantity is not None]
    needed: set[str] = set()
    needed |= _in_pairs(statements, statement_speaker, lambda a, b: True)
    needed |= _in_pairs(
        [e for e in numbers if e.quantity and e.quantity.counted],
        lambda e: e.quantity.counted if e.quantity else "",
        lambda a, b: a.quantity is not None and b.quantity is not None
        and (a.quantity.unit != b.quantity.unit or a.quantity.of != b.quantity.of),
    )
    needed |= _in_pairs(
        numbers,
        lambda e: (e.quantity.unit, e.quantity.number) if e.quantity else None,
        lambda a, b: a.quantity is not None and b.quantity is not None
        and bool(a.quantity.counted) and bool(b.quantity.counted) and a.quantity.counted != b.quantity.counted,
    )
    needed |= _in_pairs(
        [e for e in extractions if e.kind == "event" and e.event is not None],
        event_key,
        lambda a, b: not same_target(a, b),
    )
    return needed


def statement_speaker(e: Extraction) -> str:
    """The speaker two statements must share to be one claim, case-folded: a name by its
    last word (`people.speaker_key`: 'Dana Whitlock' in one outlet, 'Whitlock' in another),
    a description ('the department') as a whole."""
    return speaker_key((e.speaker or "").title()) or (e.speaker or "").lower()


def _in_pairs(
    items: list[Extraction], key: Callable[[Extraction], Hashable], compared: Callable[[Extraction, Extraction], bool]
) -> set[str]:
    """The sentences of pairs of items with one key, in two sentences, that `compared` takes."""
    groups: dict[Hashable, list[Extraction]] = {}
    for e in items:
        groups.setdefault(key(e), []).append(e)
    out: set[str] = set()
    for group in groups.values():
        for a, b in combinations(group, 2):
            if a.sentence.text != b.sentence.text and compared(a, b):
                out |= {a.sentence.text, b.sentence.text}
    return out


def stance_sentences_compared(sentences: Sequence[CandidateSentence], embedded: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """The sentences in a pair that stance checking judges (crosscheck._stance_conflicts):
    two articles' sentences that differ in negation or in a refuting word. Such a pair
    holds a sentence that is negated or refuting itself, so only those are paired; a pair
    of two sentences in `embedded` (embedded for another comparison anyway) is not looked at."""
    marked = [s for s in sentences if refuting(s.text) or negated(s.text)]
    out = set(embedded)
    for m in marked:
        for s in sentences:
            if s.article == m.article or (m.text in out and s.text in out):
                continue
            if stance_differs(m.text, s.text):
                out |= {m.text, s.text}
    return out - set(embedded)
