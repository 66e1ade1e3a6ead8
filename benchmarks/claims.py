"""Claims extraction: newsprism's quotes, speakers, quantities and dates against hand annotations.

    .venv/bin/python benchmarks/claims.py [--split test] [--limit N] [--fold K/N] [--json PATH]
        [--gold tests/data/quantities_dates/polnear-dev.jsonl] [--data DIR]
        [--antecedents tests/data/polnear_antecedents/<split>.jsonl]

Prints one table (benchmark | metric | value | n) and, with --json, writes the same numbers, the
settings and every matched, missed and spurious quote (gold text beside predicted text and
speakers) as JSON. --limit N runs on the first N articles (by file name) of the split; --fold K/N on fold K
of its articles dealt round-robin into N (for train, beside quote-tagger heads trained without that
fold: `tools/train_quote_tagger.py --hold-out K/N`).

Datasets:

- PolNeAR (DIR defaults to ../shared/data/polnear; see its SOURCE.md): 1,008 US political news
  articles of 2015-16 (840 train / 84 dev / 84 test) with every attribution relation annotated
  in brat standoff: Source (who), Cue (the verb) and Content (what was said, direct or
  reported). Articles annotated by several annotators (for agreement) are read from the first
  .ann file by sorted name only. Each article is given to the claims stage as the .txt verbatim
  (`format="text"`, `published` and `outlet` from metadata.tsv), so gold offsets are offsets
  into `Article.text`.
- Quantities and dates (--gold, default tests/data/quantities_dates/polnear-dev.jsonl): sentences
  of PolNeAR dev articles annotated by hand with every quantity (number, unit, what it counts)
  and date (value, granularity, the event it dates). PolNeAR itself annotates no numbers. This
  part always scores every sentence of the file, whatever --split and --limit say (the articles
  it names are run through the claims stage when the split's run did not cover them). When the
  file is absent this part is skipped with a note.
- Antecedents (--antecedents, default tests/data/polnear_antecedents/<split>.jsonl when that file
  exists; see its README): for every pronoun Source of a direct quote of PolNeAR test and dev,
  the name it stands for, annotated by hand by reading (or null with a reason: "unnamed",
  "group", "thing"). PolNeAR annotates no coreference. Point it at a missing file to score
  every pronoun with the heuristic below.

Metrics (`benchmarks/polnear.py` implements them; tokens are `\\w+` word tokens of the article,
a token belongs to a span when it overlaps it by one character or more):

- "direct quotes": gold = Content spans holding a double quotation mark (" “ ”); predicted =
  extractions of kind "quote", by their `mention` (the words inside the quotation marks). A gold
  and a predicted span match when their shared tokens are at least half of the gold span's
  tokens and at least half of the predicted span's; pairs are made one-to-one, most shared tokens
  first. Precision, recall and F1 are micro-averaged over articles.
  "partial recall": share of gold spans that hold at least half of the tokens of some predicted
  quote (many-to-many; PolNeAR's Content often wraps a short quote in its paraphrase, `the plan
  was "a disaster"`, so a gap between the strict and the partial recall is a boundary problem,
  not a missed quote). "partial precision": share of predicted quotes with at least half their
  tokens inside some gold span.
- "speaker accuracy" on matched pairs, by the kind of the gold Source: "pronoun" when every
  word of it is a pronoun (he, she, they, I, we, who, which, ...); "name" when it holds a
  capitalised word that is not a pronoun, determiner or title (a capitalised word that opens a
  sentence counts only if the article never prints it in lower case); else "other" (descriptions
  such as "the official"; reported, no target). A name is right when the predicted canonical
  `speaker` and the name in the gold Source end in the same word, case-folded. The name in a
  Source is its first run of capitalised non-title words that is neither a possessive nor the
  modifier of a description, looked for before the first comma or parenthesis first ("Edward
  Alden of the Council on Foreign Relations" -> Alden, "Clinton's communications director,
  Jennifer Palmieri" -> Palmieri, "White House deputy press secretary Eric Schultz" -> Schultz,
  "Flynn, a top Trump surrogate," -> Flynn); a predicted canonical name is one such run, so its
  last capitalised word is compared. A pronoun is scored the same way against the name it
  refers to. That name is the hand annotation's when the antecedents file holds the Source
  (same article, same Source offsets; the annotated name goes through the same last-word key,
  so "Donald J. Trump" -> trump, "United Nations Security Council" -> council), and a Source the
  annotation gives no name (null) is "unresolved". A pronoun the file lacks (the train split,
  or a changed .ann) falls back to a heuristic: the nearest gold Source of the article that
  starts before it and is a name; a pronoun for a person (he, she, I, who, ...) skips Sources
  that hold a name only as a modifier or a possessive ("a Donald Trump tweet", "Gary Johnson's
  doctor", "The Vermont senator"), Sources whose title gives the other sex ("she" for
  "Mr. Trump") and groups a quantifier opens ("many Americans"), none of which it can stand
  for; a pronoun with no such Source is "unresolved". Unresolved pronouns are counted apart.
  "pronoun targets from hand annotation" counts the matched quotes whose pronoun's target (or
  null) came from the file; "speaker accuracy, pronoun Source (heuristic targets)" scores the
  same run's matched quotes with the heuristic for every pronoun, for comparison (it is left
  out when no antecedents file is read). The heuristic agrees with the hand annotation (same
  last-word key, or both unresolved) on 121 of the 163 annotated test Sources (0.742) and 138 of
  171 dev Sources (0.807), so the annotated figure is the one to report (`tools/pronoun_sources.py
  --compare` lists the differences). The annotation covers direct quotes only: in "all
  attributions" the pronoun Sources of indirect speech still take the heuristic's target. An
  "other" is right when the predicted speaker
  (canonical or as written) shares a content word with it. A missing predicted speaker is
  wrong. Matched quotes whose relation has no Source are counted on
  their own line.
- "all attributions": gold = every Content span, direct and indirect; predicted = extractions
  of kind "quote" or "statement" (a statement by its `focus`, the reported clause); the same
  matching, scores and speaker accuracy.
- "quantities" / "dates" (dev gold): only extractions whose `focus` span (`mention` when it has
  none) starts inside an annotated sentence are scored. A quantity matches a gold one when the
  spans overlap, the numbers are equal (relative tolerance 1e-6) and the units agree after
  normalising (no unit = no unit, "%" = "percent", "$" = "usd" = "dollar(s)"); pairs one-to-one,
  most overlapping characters first. "`of` shares a content word" is the share of matched
  quantities whose `of` and the gold `of` share a word other than a function word, compared
  after cutting the endings -ing/-ed/-es/-s/-e. A date matches when the spans overlap and
  `date.date` equals the gold value at the gold granularity (YYYY for year, YYYY-MM for month,
  YYYY-MM-DD otherwise).
- "speed": sentences per second of the whole claims stage (`extract_batch` on the split's
  articles) beside a bare spaCy pass (`nlp.pipe`, batch size 16 like `extract_batch`) with the
  pipeline `spacy_pipeline()` returns and with the plain installed model (`spacy.load`, without
  newsprism's paragraph component). Sentences are counted once, with `doc.sents` of the bare
  pass, and that count divides all three times. One untimed warm-up call each first.

Tuning data: newsprism's quote and speaker rules were written on the bundled examples before
this benchmark existed; PolNeAR train and dev are for reading failures and tuning, test is the
figure to report. The quantity/date rules are tuned on the train gold
(`--gold tests/data/quantities_dates/polnear-train.jsonl`); the dev gold is the figure to report.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import table
from polnear import (
    SPLITS,
    ArticleScore,
    AttributionScore,
    Counts,
    GoldArticle,
    GoldSentence,
    QuantityScore,
    QuoteCase,
    SpeakerTally,
    load_antecedents,
    load_article,
    load_quantity_date_gold,
    load_split,
    newsprism_article,
    parse_fold,
    read_metadata,
    score_article,
    score_dates,
    score_quantities,
)

import newsprism
import newsprism.claims
from newsprism.claims import extract_batch
from newsprism.models import ArticleClaims
from newsprism.nlp import SPACY_MODELS, spacy_pipeline

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear"
DEFAULT_GOLD = ROOT / "tests" / "data" / "quantities_dates" / "polnear-dev.jsonl"
# Hand-annotated antecedents of pronoun Sources, one file per split (test and dev exist).
ANTECEDENTS_DIR = ROOT / "tests" / "data" / "polnear_antecedents"
# The batch size extract_batch gives nlp.pipe; the bare passes use the same for a fair rate.
PIPE_BATCH_SIZE = 16
TARGETS = "issue targets: direct quote F1 >= 0.90; speaker accuracy >= 0.85 for name and for pronoun Sources"


# ---------------------------------------------------------------- running


@dataclass
class Speed:
    sentences: int
    claims_seconds: float
    pipeline_seconds: float
    plain_seconds: float | None
    plain_model: str | None


def run_claims(articles: list[Any], nlp: Any) -> tuple[list[ArticleClaims], float]:
    """The claims stage on all articles, timed after one untimed warm-up article."""
    extract_batch(articles[:1], nlp)
    began = time.perf_counter()
    claims = extract_batch(articles, nlp)
    return claims, time.perf_counter() - began


def bare_pass(texts: list[str], nlp: Any) -> tuple[float, int]:
    """(seconds, sentences) of a bare `nlp.pipe` over the texts, after a warm-up text."""
    list(nlp.pipe(texts[:1]))
    began = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=PIPE_BATCH_SIZE))
    seconds = time.perf_counter() - began
    return seconds, sum(1 for doc in docs for _ in doc.sents)


def plain_model() -> tuple[str, Any] | None:
    """The first installed spaCy model newsprism knows, loaded as shipped."""
    import spacy

    for name in SPACY_MODELS:
        try:
            return name, spacy.load(name)
        except OSError:
            continue
    return None


def extract_for_gold(
    sentences: list[GoldSentence], done: dict[str, ArticleClaims], root: Path, nlp: Any
) -> dict[str, ArticleClaims]:
    """Claims of every article the quantity/date gold names, reusing the split's run."""
    missing = sorted({s.file for s in sentences} - set(done))
    metadata = read_metadata(root)
    golds = []
    for file in missing:
        split, _, name = file.split("/", 2)
        golds.append(load_article(root, split, Path(name).stem, metadata))
    extra = extract_batch([newsprism_article(g) for g in golds], nlp) if golds else []
    return done | {c.article: c for c in extra}


# ---------------------------------------------------------------- table


@dataclass
class Row:
    benchmark: str
    metric: str
    value: float | int | None
    n: int


def format_table(rows: list[Row]) -> str:
    return table.format_table(
        ("benchmark", "metric", "value", "n"),
        [(r.benchmark, r.metric, table.format_figure(r.value, r.metric.endswith("sentences/s")), str(r.n)) for r in rows],
    )


def prf_rows(benchmark: str, counts: Counts) -> list[Row]:
    return [
        Row(benchmark, "precision", counts.precision, counts.predicted),
        Row(benchmark, "recall", counts.recall, counts.gold),
        Row(benchmark, "F1", counts.f1, counts.gold),
    ]


def attribution_rows(
    benchmark: str, score: AttributionScore, heuristic: SpeakerTally | None = None
) -> list[Row]:
    """The table rows of one attribution score; `heuristic` is the same matches' speaker
    tally with every pronoun resolved by the heuristic (given when antecedents were read)."""
    speakers, coverage = score.speakers, score.coverage
    pronoun_matches = speakers.pronoun_total + sum(
        c.source_kind == "pronoun" and c.speaker_right is None for c in score.cases if c.outcome == "matched"
    )
    rows = prf_rows(benchmark, score.counts) + [
        Row(benchmark, "partial recall", coverage.recall, coverage.gold),
        Row(benchmark, "partial precision", coverage.precision, coverage.predicted),
        Row(benchmark, "speaker accuracy, name Source", speakers.accuracy("name"), speakers.name_total),
        Row(benchmark, "speaker accuracy, pronoun Source", speakers.accuracy("pronoun"), speakers.pronoun_total),
    ]
    if heuristic is not None:
        rows.append(
            Row(benchmark, "speaker accuracy, pronoun Source (heuristic targets)", heuristic.accuracy("pronoun"),
                heuristic.pronoun_total)
        )
    return rows + [
        Row(benchmark, "speaker accuracy, other Source", speakers.accuracy("other"), speakers.other_total),
        Row(benchmark, "pronoun targets from hand annotation", speakers.pronouns_annotated, pronoun_matches),
        Row(benchmark, "matched, pronoun unresolved", speakers.unresolved_pronouns, score.counts.tp),
        Row(benchmark, "matched, no gold Source", speakers.without_source, score.counts.tp),
    ]


def quantity_date_rows(quantities: QuantityScore, dates: Counts, gold: str = "dev gold") -> list[Row]:
    return (
        prf_rows(f"quantities ({gold})", quantities.counts)
        + [Row(f"quantities ({gold})", "`of` shares a content word", quantities.of_share, quantities.counts.tp)]
        + prf_rows(f"dates ({gold})", dates)
    )


def speed_rows(speed: Speed) -> list[Row]:
    def rate(seconds: float | None) -> float | None:
        return speed.sentences / seconds if seconds else None

    rows = [
        Row("speed", "claims stage sentences/s", rate(speed.claims_seconds), speed.sentences),
        Row("speed", "spaCy pipeline (newsprism) sentences/s", rate(speed.pipeline_seconds), speed.sentences),
    ]
    if speed.plain_model:
        rows.append(Row("speed", f"spaCy {speed.plain_model} sentences/s", rate(speed.plain_seconds), speed.sentences))
    return rows


# ---------------------------------------------------------------- main


@dataclass
class Report:
    rows: list[Row]
    notes: list[str]
    settings: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)
    direct_quotes: list[QuoteCase] = field(default_factory=list)
    attributions: list[QuoteCase] = field(default_factory=list)


def score_quantities_and_dates(
    gold_path: Path, root: Path, done: dict[str, ArticleClaims], nlp: Any, notes: list[str]
) -> list[Row]:
    if not gold_path.exists():
        notes.append(f"quantities and dates skipped: {gold_path} does not exist (yet)")
        return []
    try:
        sentences = load_quantity_date_gold(gold_path)
    except ValueError as exc:
        notes.append(f"quantities and dates skipped: the gold file does not read: {exc}")
        return []
    print(f"quantities and dates: {len(sentences)} gold sentences", file=sys.stderr, flush=True)
    claims = extract_for_gold(sentences, done, root, nlp)
    by_file: dict[str, list[GoldSentence]] = defaultdict(list)
    for sentence in sentences:
        by_file[sentence.file].append(sentence)
    quantities, dates = QuantityScore(), Counts()
    for file, in_file in sorted(by_file.items()):
        extractions = claims[file].extractions
        quantities += score_quantities(in_file, extractions)
        dates += score_dates(in_file, extractions)
    metadata = read_metadata(root)
    differ = sorted(
        file for file, in_file in by_file.items()
        if (meta := metadata.get((file.split("/")[0], Path(file).stem))) and meta.published != in_file[0].published
    )
    if differ:
        notes.append(f"gold 'published' differs from metadata.tsv (metadata used) for: {', '.join(differ)}")
    split = sentences[0].file.split("/")[0] if sentences else "dev"
    return quantity_date_rows(quantities, dates, f"{split} gold")


def default_antecedents(split: str) -> Path:
    return ANTECEDENTS_DIR / f"{split}.jsonl"


def run(
    root: Path, split: str, limit: int | None, gold_path: Path, antecedents_path: Path | None = None, fold: tuple[int, int] | None = None
) -> Report:
    antecedents_path = antecedents_path or default_antecedents(split)
    antecedents = load_antecedents(antecedents_path)
    golds: list[GoldArticle] = load_split(root, split, limit, fold)
    print(f"PolNeAR {split}{f' fold {fold[0]}/{fold[1]}' if fold else ''}: {len(golds)} articles", file=sys.stderr, flush=True)
    articles = [newsprism_article(g) for g in golds]
    texts = [a.text for a in articles]
    nlp = spacy_pipeline()
    claims, claims_seconds = run_claims(articles, nlp)
    pipeline_seconds, sentences = bare_pass(texts, nlp)
    plain = plain_model()
    plain_seconds = bare_pass(texts, plain[1])[0] if plain else None
    speed = Speed(sentences, claims_seconds, pipeline_seconds, plain_seconds, plain[0] if plain else None)

    direct, every = AttributionScore(), AttributionScore()
    direct_heuristic, every_heuristic = SpeakerTally(), SpeakerTally()
    for gold, found in zip(golds, claims, strict=True):
        score: ArticleScore = score_article(gold, found.extractions, antecedents)
        direct += score.direct
        every += score.attributions
        if antecedents:  # the same matches, every pronoun resolved by the heuristic
            heuristic = score_article(gold, found.extractions)
            direct_heuristic += heuristic.direct.speakers
            every_heuristic += heuristic.attributions.speakers
    errors = {c.article: c.error for c in claims if c.error}

    notes: list[str] = []
    if antecedents:
        notes.append(f"pronoun antecedents: {len(antecedents)} hand-annotated Sources read from {antecedents_path}")
    else:
        notes.append(f"pronoun antecedents: {antecedents_path} does not exist; every pronoun resolved by the heuristic")
    rows = attribution_rows(f"PolNeAR {split} direct quotes", direct, direct_heuristic if antecedents else None)
    rows += attribution_rows(f"PolNeAR {split} all attributions", every, every_heuristic if antecedents else None)
    rows += score_quantities_and_dates(gold_path, root, {c.article: c for c in claims}, nlp, notes)
    rows += speed_rows(speed)
    rows.append(Row("errors", "articles whose claims failed", len(errors), len(golds)))
    settings = {
        "split": split,
        "limit": limit,
        "fold": fold,
        "articles": len(golds),
        "annotation_files": {g.id: g.annotation_file for g in golds},
        "spacy": version("spacy"),
        "spacy_pipeline": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}",
        "newsprism_from": str(Path(newsprism.__file__).resolve().parent),
        # claims.py changes while it is being tuned: the hash says which version was scored
        "claims_py_sha256": hashlib.sha256(Path(newsprism.claims.__file__).read_bytes()).hexdigest()[:12],
        "speed": asdict(speed),
        "gold": str(gold_path),
        "antecedents": str(antecedents_path) if antecedents else None,
    }
    return Report(rows, notes, settings, errors, direct.cases, every.cases)


def format_report(report: Report, seconds: float) -> str:
    settings = report.settings
    lines = [format_table(report.rows), "", TARGETS]
    lines += report.notes
    lines.append(
        f"newsprism from {settings['newsprism_from']}, spaCy {settings['spacy']} "
        f"({settings['spacy_pipeline']}), claims.py sha256 {settings['claims_py_sha256']}; "
        f"first .ann file by name per article; {seconds:.0f} s in all"
    )
    if report.errors:
        lines.append(f"errors ({len(report.errors)}):")
        lines += [f"  {article} | {message[:160]}" for article, message in report.errors.items()]
    return "\n".join(lines)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"PolNeAR folder (default {DEFAULT_DATA})")
    parser.add_argument("--split", choices=SPLITS, default="test", help="PolNeAR split to score (default test)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles of the split")
    parser.add_argument(
        "--fold", type=parse_fold, default=None, metavar="K/N",
        help="only fold K of the split's articles dealt into N (score train with heads from "
        "`tools/train_quote_tagger.py --hold-out K/N`, which never saw that fold)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers and cases as JSON here")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="quantity/date gold (JSONL)")
    parser.add_argument(
        "--antecedents", type=Path, default=None,
        help=f"hand-annotated antecedents of pronoun Sources (JSONL; default {ANTECEDENTS_DIR}/<split>.jsonl; "
        "a missing file scores every pronoun with the heuristic)",
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    began = time.perf_counter()
    report = run(args.data, args.split, args.limit, args.gold, args.antecedents, args.fold)
    print(format_report(report, time.perf_counter() - began))
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
