"""Title, author and date accuracy of newsprism's HTML cleaner beside
`trafilatura.extract_metadata`, on the TUNING sets for metadata rules only:
trafilatura-eval-other (title/author/date gold on 689 entries, mostly German) and the
wceb-2025 article pages of one split (`ground_truth.title/.author/.publish_date`, drafted
with an LLM, often null). trafilatura-eval-en is never read here: `benchmarks/extraction.py`
reports the metadata figures on it.

    .venv/bin/python tools/metadata_scores.py [--sets other,wceb] [--wceb-split dev]
        [--limit N] [--disagreements FIELD] [--json PATH] [--text-copy]

`--text-copy` reads each page's html-text rendering instead (newsprism's text-copy path;
trafilatura's `extract_metadata` on the lines wrapped as <p> paragraphs), as
`benchmarks/extraction.py` does for its "eval-en text-copy metadata" rows.

Scored exactly as the benchmark scores eval-en (its `metadata_rows` and matching rules in
`extraction_metrics.py`): share of pages with a gold value where the field is right, a page
newsprism rejects counting as no value (the "not an article" row counts those pages). `--disagreements author` lists the pages where
exactly one of the two is right, with both values, for reading (`--json` holds them for
every field).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from extraction import (  # noqa: E402
    _FIELD_MATCHERS,
    NEWSPRISM,
    TRAFILATURA,
    ErrorNote,
    Metadata,
    Page,
    Row,
    format_table,
    metadata_rows,
    newsprism_metadata,
    run_newsprism,
    trafilatura_metadata,
)
from line_dataset import CACHE, SHARED, cached_render, other_entries, other_html  # noqa: E402

# wceb-2025's field names for the gold the benchmark calls title, author and date
_WCEB_GOLD = {"title": "title", "author": "author", "date": "publish_date"}


def eval_other_pages(limit: int | None) -> list[Page]:
    """eval-other entries with at least one metadata gold value."""
    entries = [e for e in other_entries() if any(e.get(f) for f in _FIELD_MATCHERS)][:limit]
    return [Page(id=e["file"], html=other_html(e), text_copy="", gold=e) for e in entries]


def wceb_pages(split: str, limit: int | None) -> list[Page]:
    """wceb-2025 article pages of `split` with at least one metadata gold value."""
    root = SHARED / "wceb-2025"
    files = json.loads((root / "metadata.json").read_text(encoding="utf-8"))["files"]
    pages = []
    for path in sorted((root / "ground-truth").glob("*.json")):
        info = files.get(path.stem, {})
        if info.get("split") != split or info.get("page_type") != "article":
            continue
        truth = json.loads(path.read_text(encoding="utf-8")).get("ground_truth") or {}
        gold = {name: truth.get(key) for name, key in _WCEB_GOLD.items() if truth.get(key)}
        if not gold:
            continue
        with gzip.open(root / "html" / f"{path.stem}.html.gz", "rb") as handle:
            page_html = handle.read().decode("utf-8", errors="replace")
        pages.append(Page(id=path.stem, html=page_html, text_copy="", gold=gold))
        if limit is not None and len(pages) >= limit:
            break
    return pages


def with_text_copies(pages: list[Page]) -> list[Page]:
    """The pages with their html-text renderings (kept in the tuning cache)."""
    return [Page(p.id, p.html, cached_render(f"meta-{p.id}", p.html, CACHE), gold=p.gold) for p in pages]


def predict(pages: list[Page], errors: list[ErrorNote], text_copy: bool = False) -> tuple[dict[str, list[Metadata]], int]:
    """Both readings of every page, and how many pages newsprism rejected as no article."""
    outcomes = [run_newsprism(p.id, p.text_copy, "text") if text_copy else run_newsprism(p.id, p.html, "html") for p in pages]
    predicted = {
        NEWSPRISM: [newsprism_metadata(o) for o in outcomes],
        TRAFILATURA: [trafilatura_metadata(p, errors, text_copy=text_copy) for p in pages],
    }
    return predicted, sum(o.article is None for o in outcomes)


def disagreements(pages: list[Page], predicted: dict[str, list[Metadata]], gold_field: str) -> list[dict]:
    """Pages where newsprism and trafilatura differ in being right about `gold_field`."""
    attribute, matches = _FIELD_MATCHERS[gold_field]
    out = []
    for i, page in enumerate(pages):
        gold = page.gold.get(gold_field)
        if not gold:
            continue
        values = {name: getattr(found[i], attribute) for name, found in predicted.items()}
        right = {name: matches(gold, value) for name, value in values.items()}
        if right[NEWSPRISM] != right[TRAFILATURA]:
            out.append({"page": page.id, "gold": gold, **values, "newsprism_right": right[NEWSPRISM]})
    return out


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default="other,wceb", help="comma-separated: other, wceb")
    parser.add_argument("--wceb-split", default="dev", choices=("dev", "test"))
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each set")
    parser.add_argument("--disagreements", choices=tuple(_FIELD_MATCHERS), default=None)
    parser.add_argument("--json", type=Path, default=None, help="write rows and disagreements as JSON here")
    parser.add_argument("--text-copy", action="store_true", help="read the pages' text copies, not their HTML")
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    loaders = {
        "other": ("eval-other metadata", lambda: eval_other_pages(args.limit)),
        "wceb": (f"wceb {args.wceb_split} metadata", lambda: wceb_pages(args.wceb_split, args.limit)),
    }
    rows: list[Row] = []
    errors: list[ErrorNote] = []
    listed: dict[str, dict[str, list[dict]]] = {}
    for name in args.sets.split(","):
        benchmark, load = loaders[name]
        pages = load()
        if args.text_copy:
            benchmark = f"{benchmark} (text copy)"
            pages = with_text_copies(pages)
        print(f"{benchmark}: {len(pages)} pages", file=sys.stderr, flush=True)
        predicted, rejected = predict(pages, errors, args.text_copy)
        rows += metadata_rows(pages, predicted, benchmark)
        rows.append(Row(benchmark, "not an article (pages)", rejected, None, n=len(pages)))
        listed[benchmark] = {f: disagreements(pages, predicted, f) for f in _FIELD_MATCHERS}
    print(format_table(rows))
    for benchmark, by_field in listed.items():
        if not args.disagreements:
            break
        found = by_field[args.disagreements]
        print(f"\n{benchmark}: {args.disagreements}, one of the two right ({len(found)})")
        for d in found:
            mark = "N" if d["newsprism_right"] else "T"
            print(f"  {mark} {d['page'][:40]:40} gold={d['gold']!r} np={d[NEWSPRISM]!r} tr={d[TRAFILATURA]!r}")
    if errors:
        print(f"errors ({len(errors)}): " + "; ".join(f"{e.page} {e.extractor}" for e in errors))
    if args.json:
        report = {"rows": [asdict(r) for r in rows], "disagreements": listed, "errors": [asdict(e) for e in errors]}
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
