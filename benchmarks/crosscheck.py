"""Cross-check figures, one table.

    PYTHONPATH=. .venv/bin/python benchmarks/crosscheck.py [--only examples,fnc,ecb,timing]
        [--cache DIR] [--fnc-limit N] [--tune]

- examples/: every planted agreement, conflict, rewrite and anomaly of examples/README.md
  found, and every conflict reported that is not planted, listed with why.
- FNC-1 (../shared/data/fnc1): headline vs body through `entailment.StructuredEntailment`,
  the judge the conflict detector uses; FNC relative score and per-class F1 on the 80% of
  pairs not used for tuning (`--tune` searches the thresholds on the 20% tuning slice and
  prints them; they are then written into entailment.py by hand).
- ECB+ (../shared/data/ecbplus): derivations.find_derivations among the articles of each
  topic; precision from benchmarks/ecb_derivations_checked.tsv (pairs read by hand), and
  the pairs whose 5-word shingle overlap is >= 0.8 that were not found.
- timing: seconds of the claims and cross-check stages of `analyze` over examples/, per story.

--cache keeps sentence vectors on disk between runs (FNC-1 and ECB+ embed ~30k sentences).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "benchmarks"))

from fnc import LABELS, f1_by_class, fnc_score, is_tuning, load  # noqa: E402
from table import format_figure, format_table  # noqa: E402

from newsprism import entailment  # noqa: E402
from newsprism.entailment import StructuredEntailment  # noqa: E402

CHECKED_PAIRS = ROOT / "benchmarks" / "ecb_derivations_checked.tsv"


class DiskCachedEmbedder:
    """Wraps an embedder; vectors of texts seen before come from an .npy file."""

    def __init__(self, inner, folder: Path | None) -> None:
        self.inner = inner
        self.folder = folder
        self.cache: dict[str, np.ndarray] = {}
        if folder and (folder / "texts.json").exists():
            texts = json.loads((folder / "texts.json").read_text())
            self.cache = dict(zip(texts, np.load(folder / "vectors.npy"), strict=True))
        self.dirty = False

    def encode(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            self.cache.update(zip(missing, self.inner.encode(missing), strict=True))
            self.dirty = True
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.cache[t] for t in texts])

    def save(self) -> None:
        if self.folder and self.dirty:
            self.folder.mkdir(parents=True, exist_ok=True)
            texts = list(self.cache)
            np.save(self.folder / "vectors.npy", np.stack([self.cache[t] for t in texts]))
            (self.folder / "texts.json").write_text(json.dumps(texts))


Row = tuple[str, str, str, str]  # (part, figure, value, note)


# ---------------------------------------------------------------- FNC-1

def fnc_rows(embedder, limit: int | None, tune: bool) -> list[Row]:
    root = SHARED / "fnc1"
    if not root.exists():
        return [("FNC-1", "skipped", "-", f"{root} is absent")]
    pairs, bodies = load(root)
    tuning = [p for p in pairs if is_tuning(p)]
    held_out = [p for p in pairs if not is_tuning(p)]
    if limit:
        held_out = held_out[:limit]
        tuning = tuning[: max(1, limit // 4)]
    judge = StructuredEntailment(embedder)
    wanted = tuning if tune else held_out
    # embed every sentence once, in one batch (the judge then reads the vectors back)
    texts = {p.headline for p in wanted} | {s for p in wanted for s in entailment.sentences_of(bodies[p.body_id])}
    began = time.perf_counter()
    embedder.encode(sorted(texts))
    embed_seconds = time.perf_counter() - began
    began = time.perf_counter()
    judgements = [judge.judge(bodies[p.body_id], p.headline) for p in wanted]
    judge_seconds = time.perf_counter() - began
    if tune:
        _tune(wanted, judgements)
        return []
    gold = [p.stance for p in held_out]
    predicted = [j.stance for j in judgements]
    f1 = f1_by_class(gold, predicted)
    n = len(held_out)
    rows: list[Row] = [
        ("FNC-1 (80% held out)", "pairs", str(n), f"tuned on the other {len(tuning)} (body-id slice)"),
        ("FNC-1 (80% held out)", "FNC relative score", format_figure(fnc_score(gold, predicted)),
         "baseline 0.795, winners ~0.82"),
    ]
    rows += [("FNC-1 (80% held out)", f"F1 {label}", format_figure(f1[label]), "") for label in LABELS]
    rows.append(("FNC-1 (80% held out)", "macro F1", format_figure(sum(f1.values()) / 4), ""))
    confusion = Counter(zip(gold, predicted, strict=True))
    note = "; ".join(f"{g}->{p}:{c}" for (g, p), c in sorted(confusion.items()) if g != p and c >= n // 100)
    rows.append(("FNC-1 (80% held out)", "main confusions", "-", note))
    rows.append(("FNC-1 (80% held out)", "seconds embed / judge", f"{embed_seconds:.0f} / {judge_seconds:.0f}", "under load"))
    return rows


def _tune(pairs, judgements) -> None:
    """Grid search of the thresholds on the tuning slice, from each judgement's scores."""
    gold = [p.stance for p in pairs]
    s = {k: np.array([j.scores[k] for j in judgements]) for k in judgements[0].scores}
    best_rel = (0.0, 0.0, 0.0)
    for w in np.arange(0.0, 1.01, 0.1):
        related = w * s["best_sim"] + (1 - w) * s["overlap"]
        for t in np.arange(0.1, 0.9, 0.01):
            pred = related >= t
            acc = float(np.mean(pred == np.array([g != "unrelated" for g in gold])))
            if acc > best_rel[0]:
                best_rel = (acc, w, t)
    acc, w, t = best_rel
    print(f"related/unrelated accuracy {acc:.4f} at RELATED_SIM_WEIGHT={w:.1f} RELATED_MIN={t:.2f}")
    related = w * s["best_sim"] + (1 - w) * s["overlap"] >= t
    best = (0.0, ())
    for refute in (0.1, 0.15, 0.2, 0.25, 0.35, 0.5, 0.75, 1.0, 9.0):
        for neg_sim in (0.4, 0.5, 0.6, 0.7, 0.8, 2.0):
            for hedge in (0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 99.0):
                for agree_sim in (0.3, 0.4, 0.5, 0.55, 0.6, 0.7, 0.8, 2.0):
                    pred = np.where(
                        ~related, "unrelated",
                        np.where((s["negation_differs"] > 0) & (s["best_sim"] >= neg_sim), "disagree",
                                 np.where(s["refute"] >= refute, "disagree",
                                          np.where((s["hedge"] < hedge) & (s["best_sim"] >= agree_sim), "agree", "discuss"))))
                    score = fnc_score(gold, list(pred))
                    if score > best[0]:
                        best = (score, (refute, neg_sim, hedge, agree_sim))
    score, (refute, neg_sim, hedge, agree_sim) = best
    print(f"tuning-slice FNC score {score:.4f} at REFUTE_MIN={refute} NEGATION_SIM={neg_sim} HEDGE_MAX={hedge} AGREE_SIM={agree_sim}")


# ---------------------------------------------------------------- ECB+

_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s|'re|'ve|'ll|'d|'m|n't|'S)(?=[\s”]|$)")
_NO_SPACE_AFTER = re.compile(r"([($\[{]) ")


def ecb_articles(folder: Path) -> list[tuple[str, str, list[str]]]:
    """(doc, topic, sentences) for each ECB+ document, detokenized: tokens joined with
    spaces, then the spaces before closing punctuation and clitics and after opening
    brackets dropped, straight double quotes closed against the words they enclose. A
    first sentence that is the source URL (many ecbplus documents) is left out."""
    docs = []
    for path in sorted(folder.glob("*/*.xml")):
        tokens: dict[int, list[str]] = defaultdict(list)
        for tok in ET.parse(path).getroot().iter("token"):
            tokens[int(tok.get("sentence", "0"))].append(tok.text or "")
        sentences = []
        for n in sorted(tokens):
            words = tokens[n]
            if n == 0 and words and words[0].lower().startswith("http"):
                continue
            sentences.append(_detokenize(words))
        docs.append((path.stem, path.parent.name, [s for s in sentences if s]))
    return docs


def _detokenize(words: list[str]) -> str:
    out: list[str] = []
    open_quote = False
    for w in words:
        if w == "``":
            out.append("“")
            continue
        if w == "''" and out:
            out[-1] += "”"
            continue
        if out and out[-1] == "“":
            out[-1] += w
            continue
        if w == '"':
            if open_quote and out:
                out[-1] += '"'
            else:
                out.append('"')
            open_quote = not open_quote
            continue
        if out and out[-1] == '"' and open_quote:
            out[-1] += w
        else:
            out.append(w)
    text = " ".join(out)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    return _NO_SPACE_AFTER.sub(r"\1", text).strip()


def _ecb_batch(docs):
    from newsprism.models import Article, ArticleClaims, Span

    articles, claims = [], []
    for doc, _topic, sentences in docs:
        text, spans, pos = "", [], 0
        for s in sentences:
            spans.append(Span(pos, pos + len(s), s))
            text += s + " "
            pos = len(text)
        articles.append(Article(id=doc, source=doc, text=text.strip(), format="text"))
        claims.append(ArticleClaims(article=doc, sentences=spans, entities=[], extractions=[]))
    return articles, claims


def shingles(text: str) -> set[str]:
    """The word shingles derivations.minhash hashes, as an exact set."""
    from newsprism.derivations import SHINGLE_WORDS as size

    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def ecb_rows(embedder, dump: Path | None) -> list[Row]:
    from newsprism.derivations import find_derivations

    folder = SHARED / "ecbplus" / "ECB+"
    if not folder.exists():
        return [("ECB+", "skipped", "-", f"{folder} is absent")]
    docs = ecb_articles(folder)
    by_topic: dict[str, list] = defaultdict(list)
    for d in docs:
        by_topic[d[1]].append(d)
    found = []
    pairs_total = high_jaccard = high_containment = 0
    missed_jaccard, missed_containment = [], []
    began = time.perf_counter()
    for topic in sorted(by_topic, key=int):
        articles, claims = _ecb_batch(by_topic[topic])
        derivations = find_derivations(articles, claims, embedder)
        found += [(topic, d) for d in derivations]
        linked = {frozenset((d.source, d.derived)) for d in derivations}
        sh = {a.id: shingles(a.text) for a in articles}
        for a, b in combinations(articles, 2):
            pairs_total += 1
            inter = len(sh[a.id] & sh[b.id])
            jac = inter / len(sh[a.id] | sh[b.id])
            con = inter / min(len(sh[a.id]), len(sh[b.id]))
            key = frozenset((a.id, b.id))
            if jac >= 0.8:
                high_jaccard += 1
                if key not in linked:
                    missed_jaccard.append((a.id, b.id, round(jac, 3)))
            if con >= 0.8:
                high_containment += 1
                if key not in linked:
                    missed_containment.append((a.id, b.id, round(con, 3)))
    seconds = time.perf_counter() - began
    if dump:
        texts = {d[0]: " ".join(d[2]) for d in docs}
        with dump.open("w", encoding="utf-8") as f:
            for topic, d in found:
                f.write(json.dumps({"topic": topic, "source": d.source, "derived": d.derived, "kind": d.kind,
                                    "overlap": d.overlap, "source_text": texts[d.source], "derived_text": texts[d.derived],
                                    "links": [(x.derived, x.source, x.similarity) for x in d.provenance]}) + "\n")
    kinds = Counter(d.kind for _, d in found)
    rows: list[Row] = [
        ("ECB+ derivations", "articles / same-topic pairs", f"{len(docs)} / {pairs_total}", f"{len(by_topic)} topics"),
        ("ECB+ derivations", "pairs found", str(len(found)), ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))),
    ]
    verdicts = _checked_verdicts()
    if verdicts:
        found_keys = {(d.source, d.derived) for _, d in found}
        checked = [v for k, v in verdicts.items() if k in found_keys]
        good = sum(v == "yes" for v in checked)
        rows.append(("ECB+ derivations", "precision (hand-checked)", format_figure(good / len(checked)) if checked else "-",
                     f"{good}/{len(checked)} pairs read by hand ({CHECKED_PAIRS.name})"))
    rows.append(("ECB+ derivations", "pairs with 5-shingle Jaccard >= 0.8", str(high_jaccard),
                 f"missed: {len(missed_jaccard)} " + " ".join(f"{a}~{b}" for a, b, _ in missed_jaccard[:6])))
    rows.append(("ECB+ derivations", "pairs with 5-shingle containment >= 0.8", str(high_containment),
                 f"missed: {len(missed_containment)} " + " ".join(f"{a}~{b}" for a, b, _ in missed_containment[:6])))
    rows.append(("ECB+ derivations", "seconds", f"{seconds:.0f}", "under load, sentence vectors cached"))
    return rows


def _checked_verdicts() -> dict[tuple[str, str], str]:
    if not CHECKED_PAIRS.exists():
        return {}
    with CHECKED_PAIRS.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t")]
    return {(r["source"], r["derived"]): r["verdict"] for r in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="examples,fnc,ecb,timing")
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--fnc-limit", type=int, default=None)
    parser.add_argument("--tune", action="store_true")
    parser.add_argument("--ecb-dump", type=Path, default=None, help="write the ECB+ pairs found as JSONL (for reading by hand)")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    from newsprism.nlp import default_embedder

    embedder = DiskCachedEmbedder(default_embedder(), args.cache)
    rows: list[Row] = []
    try:
        if "fnc" in parts:
            rows += fnc_rows(embedder, args.fnc_limit, args.tune)
        if "ecb" in parts and not args.tune:
            rows += ecb_rows(embedder, args.ecb_dump)
    finally:
        embedder.save()
    if rows:
        print(format_table(("part", "figure", "value", "note"), rows, text_columns=2))


if __name__ == "__main__":
    main()
