"""How many sentences the lexical candidate filter (newsprism/candidates.py) leaves
unembedded, and how many it should not have: ECB+ tuning topics 1-22.

    .venv/bin/python benchmarks/candidates.py [--data DIR] [--articles N]

Each gold event of topics 1-22 stands for a story of up to N of its articles (a fixed
pseudo-random choice; default 4). Every sentence of 5 words or more is embedded
(all-MiniLM-L6-v2); a sentence *needs* its embedding at a threshold t when its best cosine
to a sentence of another article of the story is at least t (0.6, 0.7, 0.75, 0.85: the
thresholds crosscheck.py and derivations.py use). For each word-cosine floor the table
gives the share of sentences left unembedded and the recall: the share of the sentences
that need their embedding which the filter keeps. Topics 23-45 are not read.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ecbplus import load_corpus  # noqa: E402
from table import format_table  # noqa: E402

from newsprism.candidates import MIN_WORD_COSINE, CandidateSentence, without_partner  # noqa: E402
from newsprism.nlp import default_embedder  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ecbplus"
TUNING_TOPICS = range(1, 23)
NEEDED_AT = (0.6, 0.7, 0.75, 0.85)
FLOORS = (0.05, 0.1, 0.15, 0.2)
MIN_WORDS = 5


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--articles", type=int, default=4)
    args = parser.parse_args(argv)
    by_event: dict[str, list] = {}
    for doc in load_corpus(args.data):
        if doc.topic in TUNING_TOPICS:
            by_event.setdefault(doc.event, []).append(doc)
    rng = random.Random(1)
    embedder = default_embedder()
    best_cosine: list[float] = []
    skipped_at: dict[float, list[bool]] = {f: [] for f in FLOORS}
    for _, docs in sorted(by_event.items()):
        docs = rng.sample(docs, min(len(docs), args.articles))
        sentences = [CandidateSentence(s, d.name) for d in docs for s in dict.fromkeys(d.sentences) if len(s.split()) >= MIN_WORDS]
        if len({s.article for s in sentences}) < 2:
            continue
        vectors = embedder.encode([s.text for s in sentences])
        owner = np.array([s.article for s in sentences])
        cosine = np.where(owner[:, None] != owner[None, :], vectors @ vectors.T, -1.0)
        best_cosine += cosine.max(axis=1).tolist()
        for floor in FLOORS:
            skipped = without_partner(sentences, floor)
            skipped_at[floor] += [s.text in skipped for s in sentences]
    best = np.array(best_cosine)
    rows = []
    for floor in FLOORS:
        skipped = np.array(skipped_at[floor])
        recall = [f"{(~skipped[best >= t]).mean():.4f} of {(best >= t).sum()}" for t in NEEDED_AT]
        mark = " (used)" if floor == MIN_WORD_COSINE else ""
        rows.append((f"{floor:g}{mark}", f"{skipped.mean():.2f}", *recall))
    header = ("word cosine floor", "unembedded", *(f"recall at >= {t:g}" for t in NEEDED_AT))
    print(format_table(header, rows, text_columns=1))
    print(f"({len(best)} sentences of {len(by_event)} events)")


if __name__ == "__main__":
    main(sys.argv[1:])
