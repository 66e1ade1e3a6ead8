"""List the pronoun Sources of PolNeAR's direct quotes, with the article context a reader
needs to say whom each pronoun stands for (the hand annotation in
tests/data/polnear_antecedents/ was written from this listing).

    .venv/bin/python tools/pronoun_sources.py --split test [--before 2] [--template] [--data DIR]
    .venv/bin/python tools/pronoun_sources.py --split test --compare tests/data/polnear_antecedents/test.jsonl

For every gold Content span that is a direct quote (`polnear.is_direct_quote`) whose
Source is a pronoun (`polnear.source_kind(...) == "pronoun"`), one item: the article's
title line, the `--before` paragraphs before the Source's paragraph, and that paragraph,
with the Source marked [[like this]] and the quote's Content marked <<like this>> when it
lies in the printed text. A Source shared by several quotes is listed once. `--template`
prints instead one JSONL line per Source, in the annotation file's format, with
`antecedent` and `reason` empty, to be filled in by hand.

The listing prints only what PolNeAR gives (text and gold spans): no newsprism code
runs and the benchmark's own guess at the antecedent (`polnear.speaker_target`) is not
shown, so that the listing can be annotated blind. `--compare FILE`, for after the
annotation, prints how often that guess agrees with the annotation in FILE (same name
key, or both unresolved) and lists the Sources where they differ.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from polnear import (  # noqa: E402
    SPLITS,
    BratSpan,
    GoldArticle,
    is_direct_quote,
    load_antecedents,
    load_split,
    name_key,
    source_kind,
    speaker_target,
)

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
# Paragraphs of context printed before the Source's own paragraph: most pronouns point
# back at most a paragraph or two; the reader opens the article for the rest.
DEFAULT_PARAGRAPHS_BEFORE = 2
# Characters kept of a long paragraph before the Source's (its end, nearest the Source),
# and after the Source in its own paragraph: enough for the sentence and the next one.
MAX_BEFORE_CHARS = 700
MAX_AFTER_CHARS = 300
_LINE_BREAK = re.compile(r"\n+")


@dataclass(frozen=True)
class PronounSource:
    """One pronoun Source of a direct quote, and the quote Contents it is the Source of."""

    article: GoldArticle
    source: BratSpan
    contents: tuple[BratSpan, ...]


def pronoun_sources(articles: list[GoldArticle]) -> list[PronounSource]:
    """Every pronoun Source of a direct-quote Content, in article then text order."""
    out = []
    for article in articles:
        by_source: dict[str, tuple[BratSpan, list[BratSpan]]] = {}
        for content in article.spans_labelled("Content"):
            if not is_direct_quote(content):
                continue
            source = article.source_of(content)
            if source is None or source_kind(source, article.text) != "pronoun":
                continue
            by_source.setdefault(source.id, (source, []))[1].append(content)
        for source, contents in sorted(by_source.values(), key=lambda item: item[0].start):
            out.append(PronounSource(article, source, tuple(contents)))
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: PolNeAR puts one paragraph a line, some publishers
    with a blank line between paragraphs, some (huff-post) without."""
    out, start = [], 0
    for match in _LINE_BREAK.finditer(text):
        out.append((start, match.start()))
        start = match.end()
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def marked(text: str, start: int, end: int, item: PronounSource) -> str:
    """text[start:end] with the Source in [[...]] and the Contents in <<...>>."""
    marks: list[tuple[int, int, str]] = []
    for a, b in item.source.fragments:
        marks += [(a, 1, "[["), (b, 0, "]]")]
    for content in item.contents:
        marks += [(content.start, 1, "<<"), (content.end, 0, ">>")]
    out, at = [], start
    for position, _, mark in sorted(m for m in marks if start <= m[0] <= end):
        out += [text[at:position], mark]
        at = position
    out.append(text[at:end])
    return "".join(out)


def context(item: PronounSource, before: int) -> str:
    text = item.article.text
    spans = paragraphs(text)
    here = next(i for i, (a, b) in enumerate(spans) if a <= item.source.start < b or item.source.start < a)
    first = max(1, here - before)  # paragraph 0 is the title line, printed on its own
    shown = []
    for a, b in spans[first:here]:
        start = max(a, b - MAX_BEFORE_CHARS)
        shown.append(("… " if start > a else "") + marked(text, start, b, item))
    a, b = spans[here]
    end = min(b, max(item.source.end, *(c.end for c in item.contents)) + MAX_AFTER_CHARS)
    start = max(a, min(item.source.start, *(c.start for c in item.contents)) - MAX_BEFORE_CHARS)
    shown.append(("… " if start > a else "") + marked(text, start, end, item) + (" …" if end < b else ""))
    return "\n\n".join(shown)


def template_row(item: PronounSource) -> dict:
    return {
        "split": item.article.split,
        "file": item.article.id,
        "source": {"start": item.source.start, "end": item.source.end, "text": item.source.text},
        "antecedent": None,
        "reason": None,
    }


@dataclass
class Agreement:
    """The heuristic's guess beside the annotation, over the annotated Sources."""

    same: int = 0  # same name key, or both without a name
    other_name: int = 0  # both name someone, not the same
    guessed_unresolved: int = 0  # the annotation names someone, the heuristic finds no one
    guessed_a_name: int = 0  # the annotation says no name (unnamed, group, thing), the heuristic names one
    differences: list[str] | None = None


def compare(items: list[PronounSource], annotation_path: Path) -> Agreement:
    annotation = load_antecedents(annotation_path)
    out = Agreement(differences=[])
    for item in items:
        key = (item.article.id, item.source.start, item.source.end)
        if key not in annotation:
            continue
        annotated = annotation[key]
        guess = speaker_target(item.article, item.source)
        wanted = name_key(annotated.antecedent)
        if guess.key == wanted:
            out.same += 1
            continue
        if wanted is None:
            out.guessed_a_name += 1
        elif guess.key is None:
            out.guessed_unresolved += 1
        else:
            out.other_name += 1
        out.differences.append(  # type: ignore[union-attr]
            f"{item.article.id} {item.source.start} {item.source.text!r}: annotation "
            f"{annotated.antecedent or annotated.reason!r}, heuristic {guess.refers_to!r}"
        )
    return out


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"PolNeAR folder (default {DEFAULT_DATA})")
    parser.add_argument("--split", choices=SPLITS, default="test")
    parser.add_argument("--before", type=int, default=DEFAULT_PARAGRAPHS_BEFORE, help="paragraphs before the Source's")
    parser.add_argument("--template", action="store_true", help="print JSONL rows to fill in instead of the listing")
    parser.add_argument("--compare", type=Path, default=None, help="annotation file: the heuristic's agreement with it")
    args = parser.parse_args(argv)
    items = pronoun_sources(load_split(args.data, args.split))
    if args.compare:
        agreement = compare(items, args.compare)
        total = agreement.same + agreement.other_name + agreement.guessed_unresolved + agreement.guessed_a_name
        print(f"{args.split}: the heuristic agrees with the annotation on {agreement.same} of {total} pronoun Sources"
              f" ({agreement.same / total:.3f}); another name {agreement.other_name}, no name where the annotation has"
              f" one {agreement.guessed_unresolved}, a name where it has none {agreement.guessed_a_name}")
        print("\n".join(agreement.differences or []))
        return
    for number, item in enumerate(items, start=1):
        if args.template:
            print(json.dumps(template_row(item), ensure_ascii=False))
            continue
        title = item.article.text.split("\n", 1)[0]
        print(f"=== {number}. {item.article.id} | Source {item.source.start}-{item.source.end} {item.source.text!r}")
        print(f"    title: {title}")
        print(context(item, args.before))
        print()
    if not args.template:
        print(f"{len(items)} pronoun Sources of direct quotes in {args.split}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
