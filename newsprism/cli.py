"""The command line: a thin layer over newsprism's library functions.

    newsprism analyze PATH... --out DIR [--db PATH]
    newsprism clean PATH... --out FILE.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .errors import NewsprismError
from .models import Article, InputRecord
from .report import write_report
from .runner import analyze, clean_inputs
from .storage import open_storage

DEFAULT_DB = "newsprism.db"


class RichProgress:
    """One progress bar per stage, on a terminal only."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._tasks: dict[str, int] = {}

    def start(self, stage: str, total: int) -> None:
        self._tasks[stage] = self._progress.add_task(stage, total=max(total, 1))

    def advance(self, stage: str, amount: int = 1) -> None:
        self._progress.advance(self._tasks[stage], amount)


def _progress_bar(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description:<11}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, disable=not console.is_terminal, transient=False,
    )


def cmd_analyze(args: argparse.Namespace, console: Console) -> int:
    storage = open_storage(args.db)
    try:
        with _progress_bar(console) as bar:
            report = analyze(args.paths, storage=storage, progress=RichProgress(bar))
    finally:
        storage.close()
    json_path, html_path = write_report(report, Path(args.out))
    counts = report.counts()
    console.print(
        f"inputs: {counts['ok']} ok, {counts['duplicate']} duplicate, {counts['skipped']} skipped, {counts['failed']} failed"
    )
    for rec in report.inputs:
        if rec.status in ("skipped", "failed"):
            console.print(f"  [dim]{rec.status}[/dim] {rec.source}: {rec.reason}", highlight=False)
    if not report.articles:
        console.print("[bold red]error:[/] no input could be analysed as an article; nothing to report on.")
        console.print(f"the input records are in {json_path}")
        return 1
    console.print(
        f"stories: {counts['stories']}, claims: {counts['claims']} ({counts['corroborated']} corroborated), "
        f"conflicts: {counts['conflicts']}, rewrites/copies: {counts['derivations']}"
    )
    console.print(f"report: {html_path}\n        {json_path}\ndatabase: {args.db}", highlight=False)
    return 0


def clean_record(record: InputRecord, article: Article | None) -> dict[str, object]:
    """One line of `newsprism clean` output: the article fields plus source/status/reason."""
    fields = asdict(article) if article else {k: None for k in ("id", "url", "title", "outlet", "published", "text")}
    fields.pop("content_hash", None)
    return {**fields, "source": record.source, "status": record.status, "reason": record.reason}


def cmd_clean(args: argparse.Namespace, console: Console) -> int:
    with _progress_bar(console) as bar:
        articles, records = clean_inputs(args.paths, RichProgress(bar))
    by_id = {a.id: a for a in articles}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(clean_record(rec, by_id.get(rec.article or "")), ensure_ascii=False) + "\n")
    ok = sum(1 for r in records if r.status == "ok")
    console.print(f"{ok} of {len(records)} inputs cleaned; written to {out}", highlight=False)
    return 0 if ok else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsprism", description="What is established across the coverage of an event.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("analyze", help="analyse page copies, HTML and JSONL into a cited story report")
    p.add_argument("paths", nargs="+", help="files and folders (recursed)")
    p.add_argument("--out", required=True, help="folder for report.json and report.html")
    p.add_argument("--db", default=DEFAULT_DB, help=f"SQLite database path (default ./{DEFAULT_DB})")
    p.set_defaults(func=cmd_analyze)
    c = sub.add_parser("clean", help="extract clean article text and metadata, one JSON line per input")
    c.add_argument("paths", nargs="+", help="files and folders (recursed)")
    c.add_argument("--out", required=True, help="output .jsonl file")
    c.set_defaults(func=cmd_clean)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    console = Console(soft_wrap=True)
    try:
        return int(args.func(args, console))
    except NewsprismError as exc:
        console.print(f"[bold red]error:[/] {exc}", highlight=False)
        return 2


if __name__ == "__main__":
    sys.exit(main())
