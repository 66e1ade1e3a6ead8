"""Train the quote tagger (`newsprism/quotetagger.py`) and write `newsprism/data/quote_tagger.npz`.

Reads PolNeAR (../shared/data/polnear) only: the heads learn from the train split, each
head's epoch is chosen on the dev split, and the test split is never read (it is what
`benchmarks/claims.py` reports). With `--with-dev` they learn from train and dev for
`--epochs` epochs and keep the last: the recipe is chosen on dev first, then dev is more
to learn from. The flags come from the rules' quotes, so the rules run first with the
tagger off (`extract_batch(..., quote_tagger=False)`).

A piece's gold tag: O outside every direct-quote Content span (a Content span with a
quotation mark, as the benchmark counts them); B on the first piece of one in its
paragraph; I on the rest; C on the first piece of a later fragment of a discontinuous
span ('"A," she said. "B."' annotated as one span of two fragments).

    .venv/bin/python tools/train_quote_tagger.py --cache /tmp/quote_features --decay   # ~20 min on 2 cores, ~17 with the cache
    .venv/bin/python tools/train_quote_tagger.py --cache /tmp/quote_features --decay --with-dev   # the shipped heads, ~17 min with the cache
    .venv/bin/python tools/train_quote_tagger.py --cache /tmp/quote_features --decay --hold-out 0/2 --out /tmp/fold0.npz   # ~14 min

With `--hold-out K/N` the heads learn from dev and the train articles outside fold K, and
the F1 printed is fold K's: score the claims stage on that fold with them
(`benchmarks/claims.py --split train --fold K/N`): held-out quotes nine times as many as dev's
when both folds of two are scored.

Prints the dev F1 of each epoch of each head and of the averaged heads.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from polnear import (  # noqa: E402
    GoldArticle,
    in_fold,
    is_direct_quote,
    load_split,
    match_token_sets,
    newsprism_article,
    parse_fold,
    tokens_in,
    word_tokens,
)

from newsprism.claims import extract_batch  # noqa: E402
from newsprism.nlp import spacy_pipeline  # noqa: E402
from newsprism.quotespans import quote_spans  # noqa: E402
from newsprism.quotetagger import (  # noqa: E402
    MODEL_PATH,
    TAGS,
    Encoder,
    ParagraphInput,
    average_probabilities,
    decode,
    head_module,
    paragraph_inputs,
    said_fragments,
    starts_stretch,
)

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear"
CLASS_WEIGHTS = (1.0, 3.0, 1.0, 3.0)  # first pieces are rare and decide where quotes split
EPOCHS = 11
LEARNING_RATE = 2e-3
WEIGHT_DECAY = 1e-2
DROPOUT = 0.2
BATCH = 32


@dataclass
class Paragraph:
    article: str
    input: ParagraphInput
    tags: np.ndarray
    features: np.ndarray | None = None


def gold_tags(gold: GoldArticle, paragraph: ParagraphInput) -> np.ndarray:
    fragments = [
        (s, e, k > 0) for c in gold.spans_labelled("Content") if is_direct_quote(c) for k, (s, e) in enumerate(sorted(c.fragments))
    ]
    tags = np.zeros(len(paragraph.ids), np.int64)
    offsets = paragraph.offsets
    for i, (a, b) in enumerate(offsets):
        if a == b:
            continue
        for s, e, continues in fragments:
            if s <= a < e:
                first = starts_stretch(offsets, i, s, e)
                tags[i] = (TAGS.index("C") if continues else TAGS.index("B")) if first else TAGS.index("I")
                break
    return tags


def paragraphs(golds: list[GoldArticle], nlp, encoder: Encoder) -> list[Paragraph]:
    out = []
    for start in range(0, len(golds), 50):
        chunk = golds[start : start + 50]
        for gold, claims in zip(chunk, extract_batch([newsprism_article(g) for g in chunk], nlp, quote_tagger=False), strict=True):
            rules = [said_fragments(e) for e in claims.extractions if e.kind == "quote"]
            marks = [(q.start, q.end) for q in quote_spans(gold.text)]
            for p in paragraph_inputs(gold.text, encoder.tokenizer, rules, marks):
                out.append(Paragraph(gold.name, p, gold_tags(gold, p)))
        print(f"  rules and pieces: {min(start + 50, len(golds))}/{len(golds)} articles", flush=True)
    for p, features in zip(out, encoder.features([p.input for p in out]), strict=True):
        p.features = features.astype(np.float16)
    return out


def cached(split: str, golds: list[GoldArticle], nlp, encoder: Encoder, cache: Path | None) -> list[Paragraph]:
    import pickle

    path = cache / f"{split}.pkl" if cache else None
    if path and path.exists():
        return pickle.loads(path.read_bytes())
    out = paragraphs(golds, nlp, encoder)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(out))
    return out


def dev_f1(golds: list[GoldArticle], paras: list[Paragraph], probabilities: list[np.ndarray]) -> tuple[float, float, float]:
    """Direct-quote precision, recall and F1 of the decoded quotes, as `benchmarks/claims.py` counts them."""
    by_article: dict[str, list] = {}
    for p, prob in zip(paras, probabilities, strict=True):
        by_article.setdefault(p.article, []).append((p.input, prob))
    tp = fp = fn = 0
    for gold in golds:
        tokens = word_tokens(gold.text)
        gs = [tokens_in(tokens, c.fragments) for c in gold.spans_labelled("Content") if is_direct_quote(c)]
        items = by_article.get(gold.name, [])
        quotes = decode([i for i, _ in items], [p for _, p in items]) if items else []
        ps = [t for t in (tokens_in(tokens, q) for q in quotes) if t]
        matched = len(match_token_sets(gs, ps))
        tp, fp, fn = tp + matched, fp + len(ps) - matched, fn + len(gs) - matched
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def train_head(
    train: list[Paragraph], dev: list[Paragraph], dev_golds: list[GoldArticle], seed: int, epochs: int = EPOCHS, decay: bool = False, last: bool = False
):
    """One head. `decay`: the learning rate rises for the first tenth of the steps and falls
    to nothing by the last (one-cycle, cosine), so the last epochs differ little and the one
    chosen on dev is not luck of the step; `last`: keep the last epoch, not the best on dev
    (when dev is in `train`, it cannot choose)."""
    import torch
    import torch.nn as nn

    torch.manual_seed(seed)
    rng = random.Random(seed)
    d_in = train[0].features.shape[1]
    head = head_module(d_in, dropout=DROPOUT)
    optimiser = torch.optim.AdamW(head.parameters(), lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)
    steps = epochs * -(-len(train) // BATCH)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, LEARNING_RATE, total_steps=steps, pct_start=0.1) if decay else None
    weights = torch.tensor(CLASS_WEIGHTS)
    best = (-1.0, None, -1)
    for epoch in range(epochs):
        head.train()
        order = list(range(len(train)))
        rng.shuffle(order)
        for start in range(0, len(order), BATCH):
            chunk = [train[i] for i in order[start : start + BATCH]]
            width = max(len(p.tags) for p in chunk)
            x = np.zeros((len(chunk), width, d_in), np.float32)
            y = np.full((len(chunk), width), -100, np.int64)
            for row, p in enumerate(chunk):
                n = len(p.tags)
                x[row, :n] = p.features
                y[row, 1 : n - 1] = p.tags[1 : n - 1]  # the special pieces are never scored
            loss = nn.functional.cross_entropy(
                head(torch.tensor(x)).reshape(-1, len(TAGS)), torch.tensor(y).reshape(-1), weight=weights, ignore_index=-100
            )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            if schedule is not None:
                schedule.step()
        head.eval()
        scores = dev_f1(dev_golds, dev, average_probabilities([head], [p.features.astype(np.float32) for p in dev]))
        print(f"  seed {seed} epoch {epoch}: dev P {scores[0]:.4f} R {scores[1]:.4f} F1 {scores[2]:.4f}", flush=True)
        if scores[2] > best[0] or last:
            best = (scores[2], {k: v.detach().clone() for k, v in head.state_dict().items()}, epoch)
    final = head_module(d_in)
    final.load_state_dict(best[1])
    return final.eval(), best[0], best[2]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=None, help="keep the pieces' features here between runs")
    parser.add_argument("--seeds", type=int, default=3, help="heads to train and average")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--decay", action="store_true", help="one-cycle learning rate (cosine fall to nothing)")
    parser.add_argument(
        "--with-dev", action="store_true", help="train on train and dev, keep each head's last epoch (dev figures are then not held out)"
    )
    parser.add_argument(
        "--hold-out", type=parse_fold, default=None, metavar="K/N",
        help="train on dev and the train articles outside fold K of N, keep each head's last epoch, "
        "and print F1 on fold K (score the claims stage on it: `benchmarks/claims.py --split train --fold K/N`)",
    )
    args = parser.parse_args(argv)
    if args.hold_out and args.out == MODEL_PATH:
        parser.error("--hold-out heads are for measuring, not shipping: give --out")
    import torch

    torch.set_num_threads(max(1, torch.get_num_threads()))
    nlp, encoder = spacy_pipeline(), Encoder(bfloat16=False)  # the shipped heads learned float32 features
    train_golds, dev_golds = load_split(args.data, "train"), load_split(args.data, "dev")
    train = cached("train", train_golds, nlp, encoder, args.cache)
    dev = cached("dev", dev_golds, nlp, encoder, args.cache)
    heads = []
    data = train + dev if args.with_dev else train
    if args.hold_out:
        # dev (84 articles) is too small to tell claims-stage changes of a few quotes apart, and
        # the shipped heads have learned it; each of two folds held out this way is five times dev
        names = [g.name for g in train_golds]
        held = {n for i, n in enumerate(names) if in_fold(i, args.hold_out)}
        data = [p for p in train if p.article not in held] + dev
        dev_golds = [g for g in train_golds if g.name in held]
        dev = [p for p in train if p.article in held]
    for seed in range(args.seeds):
        head, f1, epoch = train_head(data, dev, dev_golds, seed, args.epochs, args.decay, last=args.with_dev or bool(args.hold_out))
        print(f"seed {seed}: best dev F1 {f1:.4f} at epoch {epoch}", flush=True)
        heads.append(head)
    scores = dev_f1(dev_golds, dev, average_probabilities(heads, [p.features.astype(np.float32) for p in dev]))
    print(f"{len(heads)} heads averaged: dev P {scores[0]:.4f} R {scores[1]:.4f} F1 {scores[2]:.4f}")
    arrays = {"n_heads": np.array(len(heads)), "d_in": np.array(train[0].features.shape[1])}
    for h, head in enumerate(heads):
        for name, value in head.state_dict().items():
            arrays[f"{h}/{name}"] = value.numpy().astype(np.float16)
    np.savez_compressed(args.out, **arrays)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main(sys.argv[1:])
