"""Which articles copy or rewrite which: near-copies by MinHash over word shingles,
rewrites by sentence alignment over embeddings (a paraphrased, padded or reordered
rewrite shares few shingles with its source but most of its sentences still map to a
source sentence). Sentences that are mostly quotation do not count: independent
outlets print the same quotes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations

import numpy as np
from datasketch import MinHash

from .dates import parse_datetime
from .models import Article, ArticleClaims, Derivation, SentenceLink
from .nlp import Embedder

SHINGLE_WORDS = 5
MINHASH_PERMUTATIONS = 128
COPY_JACCARD = 0.8
# a derived sentence maps to a source sentence at this cosine or above
SENTENCE_MATCH = 0.75
REWRITE_OVERLAP = 0.5
PARTIAL_OVERLAP = 0.3
MIN_MATCHED_SENTENCES = 3
# Independent reports of one event paraphrase the same facts, so their sentences meet at
# 0.75-0.85; a rewrite keeps some sentences almost as they were. A rewrite or partial
# derivation needs this many matches at CLOSE_MATCH or above (on ECB+ pairs read by
# hand, this keeps 11 of 14 true derivations and drops 20 of 26 independent pairs; the
# example corpus's AI rewrite has 9 such sentences).
CLOSE_MATCH = 0.85
MIN_CLOSE_MATCHES = 2
QUOTE_SHARE = 0.5
MIN_SENTENCE_WORDS = 5

_QUOTED = re.compile(r"“[^”]{0,2000}”|\"[^\"]{0,2000}\"")
_SPECIFIC = re.compile(r"\b\d[\d,.]*\b|\b[A-Z][a-z]+\b")


def own_sentences(claims: ArticleClaims) -> list[str]:
    """The sentences that carry the article's own wording (not mostly quotation). Quotes
    are found over the sentences laid out at their offsets, so a quote that runs over
    several sentences marks each of them."""
    if not claims.sentences:
        return []
    layout = [" "] * max(s.end for s in claims.sentences)
    for sent in claims.sentences:
        layout[sent.start : sent.end] = sent.text
    inside = [False] * len(layout)
    for m in _QUOTED.finditer("".join(layout)):
        inside[m.start() : m.end()] = [True] * (m.end() - m.start())
    out = []
    for sent in claims.sentences:
        text = sent.text.strip()
        quoted = sum(inside[sent.start : sent.end])
        if len(text.split()) >= MIN_SENTENCE_WORDS and quoted / max(len(sent.text), 1) < QUOTE_SHARE:
            out.append(text)
    return out


def minhash(text: str) -> MinHash:
    words = re.findall(r"\w+", text.lower())
    mh = MinHash(num_perm=MINHASH_PERMUTATIONS, seed=1)
    # one vectorised call over all shingles (the same signature as updating one by one)
    mh.update_batch([" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(max(1, len(words) - SHINGLE_WORDS + 1))])
    return mh


def find_derivations(articles: Sequence[Article], claims: Sequence[ArticleClaims], embedder: Embedder) -> list[Derivation]:
    if len(articles) < 2:
        return []  # nothing to copy from: no sentence of a story of one article needs embedding
    sentences = [own_sentences(c) for c in claims]
    vectors = [embedder.encode(s) for s in sentences]
    hashes = [minhash(a.text) for a in articles]
    found = []
    for i, j in combinations(range(len(articles)), 2):
        if not sentences[i] or not sentences[j]:
            continue
        sim = vectors[i] @ vectors[j].T  # rows: sentences of i, columns: sentences of j
        first, _ = _direction(articles[i], articles[j], sentences[i], sentences[j])
        source, derived = (i, j) if first == 0 else (j, i)
        if source == j:
            sim = sim.T
        best = sim.max(axis=0)  # for each sentence of the derived article, its best source match
        where = sim.argmax(axis=0)
        matched = best >= SENTENCE_MATCH
        overlap = float(matched.mean())
        jaccard = hashes[i].jaccard(hashes[j])
        reworded = matched.sum() >= MIN_MATCHED_SENTENCES and (best >= CLOSE_MATCH).sum() >= MIN_CLOSE_MATCHES
        if jaccard >= COPY_JACCARD:
            kind = "copy"
        elif overlap >= REWRITE_OVERLAP and reworded:
            kind = "rewrite"
        elif overlap >= PARTIAL_OVERLAP and reworded:
            kind = "partial"
        else:
            continue
        src_sents, der_sents = sentences[source], sentences[derived]
        provenance = [
            SentenceLink(derived=der_sents[k], source=src_sents[int(where[k])], similarity=round(float(best[k]), 3))
            for k in np.flatnonzero(matched)
        ]
        found.append(
            Derivation(
                source=articles[source].id,
                derived=articles[derived].id,
                kind=kind,  # type: ignore[arg-type]
                overlap=round(max(overlap, jaccard if kind == "copy" else 0.0), 3),
                provenance=provenance,
            )
        )
    return found


def _direction(a: Article, b: Article, sents_a: list[str], sents_b: list[str]) -> tuple[int, int]:
    """(source, derived) as positions 0/1 of (a, b).

    The earlier publication is the source. Without times, the source is the text that
    holds specifics (numbers, names) the other lacks: a rewrite drops detail and pads."""
    pa, pb = parse_datetime(a.published), parse_datetime(b.published)
    if pa and pb and pa != pb:
        return (0, 1) if pa < pb else (1, 0)
    spec_a = set(_SPECIFIC.findall(" ".join(sents_a)))
    spec_b = set(_SPECIFIC.findall(" ".join(sents_b)))
    return (0, 1) if len(spec_a - spec_b) >= len(spec_b - spec_a) else (1, 0)
