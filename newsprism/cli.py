"""The command line: a thin layer over newsprism's library functions.

    newsprism analyze PATH... --out DIR [--db PATH|URL]
    newsprism clean PATH... --out FILE.jsonl
    newsprism stories [--since DATE] [--until DATE] [--outlet NAME] [--text WORDS] [--db ...]
    newsprism show STORY --out DIR [--db ...]
    newsprism export --out FILE.jsonl [--db ...]
    newsprism serve [--db ...] [--host 127.0.0.1] [--port 8000]

--db is a SQLite file path or a postgresql:// URL.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .browse import export_records, list_stories, story_report
from .errors import NewsprismError
from .models import Article, InputRecord
from .report import write_report
from .runner import analyze, clean_inputs
from .serialize import to_dict
from .storage import Storage, StoryFilter, open_storage, without_password

DEFAULT_DB = "newsprism.db"
# A crawl file can hold thousands of records that are not pages; the terminal lists
# this many and report.json has them all.
LISTED_REJECTS = 20


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
    with _opened(args.db) as storage, _progress_bar(console) as bar:
        report = analyze(args.paths, storage=storage, progress=RichProgress(bar))
    json_path, html_path = write_report(report, Path(args.out))
    counts = report.counts()
    console.print(
        f"inputs: {counts['ok']} ok, {counts['duplicate']} duplicate, {counts['skipped']} skipped, {counts['failed']} failed"
    )
    rejected = [rec for rec in report.inputs if rec.status in ("skipped", "failed")]
    for rec in rejected[:LISTED_REJECTS]:
        console.print(f"  [dim]{rec.status}[/dim] {rec.source}: {rec.reason}", highlight=False)
    if len(rejected) > LISTED_REJECTS:
        console.print(f"  ... and {len(rejected) - LISTED_REJECTS} more, each with its reason in {json_path}", highlight=False)
    if not report.articles:
        console.print("[bold red]error:[/] no input could be analysed as an article; nothing to report on.")
        console.print(f"the input records are in {json_path}")
        return 1
    console.print(
        f"stories: {counts['stories']}, claims: {counts['claims']} ({counts['corroborated']} corroborated), "
        f"conflicts: {counts['conflicts']}, rewrites/copies: {counts['derivations']}"
    )
    console.print(f"report: {html_path}\n        {json_path}\ndatabase: {without_password(args.db)}", highlight=False)
    return 0


@contextmanager
def _opened(db: str) -> Iterator[Storage]:
    storage = open_storage(db)
    try:
        yield storage
    finally:
        storage.close()


def cmd_stories(args: argparse.Namespace, console: Console) -> int:
    where = StoryFilter(since=args.since, until=args.until, outlet=args.outlet, text=args.text)
    with _opened(args.db) as storage:
        rows = list_stories(storage, where)
    if args.json:
        for row in rows:
            console.out(json.dumps(to_dict(row), ensure_ascii=False), highlight=False)
        return 0
    table = Table(box=None)
    # ids and dates are what a reader types next (`newsprism show ID`): never cut them
    table.add_column("story", no_wrap=True, min_width=12)
    table.add_column("when", no_wrap=True, min_width=10)
    for name in ("articles", "outlets", "corroborated", "conflicts"):
        table.add_column(name, justify="right", no_wrap=True, min_width=len(name))
    table.add_column("headline", no_wrap=True, overflow="ellipsis")
    for row in rows:
        when = (row.start or "")[:10] + (f" – {row.end[:10]}" if row.end and row.end[:10] != (row.start or "")[:10] else "")
        table.add_row(row.id, when, str(row.articles), str(len(row.outlets)), str(row.corroborated), str(row.conflicts), row.headline)
    console.print(table)
    console.print(f"{len(rows)} stories in {without_password(args.db)}", highlight=False)
    return 0


def cmd_show(args: argparse.Namespace, console: Console) -> int:
    with _opened(args.db) as storage:
        report = story_report(storage, args.story)
    json_path, html_path = write_report(report, Path(args.out))
    console.print(f"report: {html_path}\n        {json_path}", highlight=False)
    return 0


def cmd_export(args: argparse.Namespace, console: Console) -> int:
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    count = 0
    with _opened(args.db) as storage, tmp.open("w", encoding="utf-8") as fh:
        for record in export_records(storage):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    tmp.replace(out)
    console.print(f"{count} records written to {out}", highlight=False)
    return 0


def cmd_serve(args: argparse.Namespace, console: Console) -> int:
    import uvicorn

    from .web import create_app

    open_storage(args.db).close()  # a bad --db fails here, with our message, not inside the server
    console.print(f"serving {without_password(args.db)} at http://{args.host}:{args.port}/", highlight=False)
    uvicorn.run(create_app(args.db), host=args.host, port=args.port, log_level="warning")
    return 0


def clean_record(record: InputRecord, article: Article | None) -> dict[str, object]:
    """One line of `newsprism clean` output: the article fields plus source/status/reason."""
    fields = to_dict(article) if article else {k: None for k in ("id", "url", "title", "outlet", "published", "text")}
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
    _db_option(p)
    p.set_defaults(func=cmd_analyze)
    c = sub.add_parser("clean", help="extract clean article text and metadata, one JSON line per input")
    c.add_argument("paths", nargs="+", help="files and folders (recursed)")
    c.add_argument("--out", required=True, help="output .jsonl file")
    c.set_defaults(func=cmd_clean)
    ls = sub.add_parser("stories", help="list the stories in the database, newest first")
    ls.add_argument("--since", help="stories that run on or after this date (YYYY-MM-DD)")
    ls.add_argument("--until", help="stories that began on or before this date (YYYY-MM-DD)")
    ls.add_argument("--outlet", help="stories with an article from this outlet (part of its name)")
    ls.add_argument("--text", help="stories whose headline or article text contains these words")
    ls.add_argument("--json", action="store_true", help="one JSON object per story (with its outlets' names) instead of a table")
    _db_option(ls)
    ls.set_defaults(func=cmd_stories)
    sh = sub.add_parser("show", help="write report.json and report.html for one stored story, without re-analysis")
    sh.add_argument("story", help="a story id, as `newsprism stories` lists them")
    sh.add_argument("--out", required=True, help="folder for report.json and report.html")
    _db_option(sh)
    sh.set_defaults(func=cmd_show)
    ex = sub.add_parser("export", help="dump the whole database as JSON lines")
    ex.add_argument("--out", required=True, help="output .jsonl file")
    _db_option(ex)
    ex.set_defaults(func=cmd_export)
    sv = sub.add_parser("serve", help="browse the stories in a web app and analyse files from the browser")
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    sv.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    _db_option(sv)
    sv.set_defaults(func=cmd_serve)
    return parser


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, help=f"SQLite file or postgresql:// URL (default ./{DEFAULT_DB})")


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
