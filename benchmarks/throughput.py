"""Throughput: end-to-end `analyze` over every real article in ../shared/data.

    .venv/bin/python benchmarks/throughput.py [--limit N] [--sizes 300,1000,3000] [--incremental]
        [--incremental-only] [--data DIR] [--keep DIR]

The corpus is every news article the evaluation sets hold (about 3,000), written to a
temporary folder as the inputs a user would give:

- PolNeAR (`polnear/{train,dev,test,annotator-training}/text/*.txt`): one JSONL export line
  per article (`text` without the title line, `title`, `outlet`, `published` from
  metadata.tsv), in `polnear.jsonl`.
- ECB+ (`ecbplus/ECB+/<topic>/*.xml`): the tokens detokenized to text, one paragraph per
  sentence; a first sentence that is a URL (as in many ecbplus documents) becomes `url`.
  In `ecbplus.jsonl`.
- AEB (`scrapinghub-aeb/html/*.html.gz`): the pages, unzipped, as `aeb/<id>.html`.
- FNC-1 (`fnc1/competition_test_bodies.csv`): each body as a JSONL line, in `fnc1.jsonl`.

The articles are put in one fixed pseudo-random order (by a hash of their name) so that
the first N of them mix the four sets; each size of `--sizes` analyses the first N.

Each size runs in a fresh child process (so no model cache or embedding cache carries
over): it loads the models (timed apart, not counted), runs `analyze(paths, storage=...)`
into a new SQLite database and writes report.json/report.html (newsprism's time is the
two together, as `newsprism analyze` spends it), reads the RSS high-water mark, then runs
a bare `en_core_web_sm` (loaded as shipped, default batch size) `nlp.pipe` over the same
cleaned article texts. The bare pass is then run again `--bare-runs` - 1 times (default
2 more), each in a fresh process that loads spaCy alone, over the texts the first child
wrote; the same bare pass over the same texts took anywhere from 584 to 711 s at 3,000
inputs on one quiet machine, so one pass is not a yardstick. The ratios divide
newsprism's time by the median of the bare passes; they are printed for wall time and
for CPU time (all threads of the process), which other processes on a shared machine
disturb less, with every bare pass's time beside them.

Rows: articles per second, peak RSS (goal <= 4 GiB), newsprism / bare spaCy (goal <= 1.5),
seconds per stage (runner timings) at the largest size, seconds per article at every size
and their growth from the smallest to the largest (goal <= 1.3x), and the incremental
figure (adding 100 new articles to a database of 3,000 vs analysing those 100 alone, goal
<= 3x), measured with `--incremental` (another run: the largest size less 100 articles into
a database, then the last 100 added to it, then the 100 alone into an empty one); it reads
"not incremental" when the added articles' stories hold no article from the database, i.e.
when `analyze(paths, storage=...)` does not read the database it writes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import table

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_SIZES = (300, 1000, 3000)
POLNEAR_SPLITS = ("train", "dev", "test", "annotator-training")
GIB = 1024**3
TEXTS_FILE = "texts.jsonl"  # the cleaned article texts, one JSON string per line, for the bare passes
# Goals of issue 6.
GOAL_PEAK_RSS_GIB = 4.0
GOAL_SPACY_RATIO = 1.5
GOAL_GROWTH = 1.3
GOAL_INCREMENTAL = 3.0
INCREMENTAL_NEW = 100


# ---------------------------------------------------------------- corpus


@dataclass(frozen=True)
class Item:
    """One article as an input: a JSONL line (`record`) in `bundle`.jsonl, or an HTML page."""

    name: str
    bundle: str
    record: dict[str, Any] | None = None
    html: str | None = None


def polnear_items(root: Path) -> list[Item]:
    meta: dict[tuple[str, str], dict[str, str]] = {}
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            meta[(row["compartment"], row["filename"])] = row
    items = []
    for split in POLNEAR_SPLITS:
        for path in sorted((root / split / "text").glob("*.txt")):
            text = path.read_bytes().decode("utf-8")
            title, _, body = text.partition("\n")
            row = meta.get((split, path.stem), {})
            record = {
                "text": body.strip(),
                "title": title.strip(),
                "outlet": _known(row.get("publisher")),
                "published": _known(row.get("publication_date")),
                "authors": [a for a in [_known(row.get("author"))] if a],
            }
            items.append(Item(f"polnear/{split}/{path.stem}", "polnear", record={k: v for k, v in record.items() if v}))
    return items


def _known(value: str | None) -> str | None:
    return None if value in (None, "", "None") else value


# Detokenizing ECB+'s Penn-style tokens: no space before closing punctuation and
# clitics, none after opening brackets and currency signs; `` and '' are the curly
# double marks. (sacremoses would do this, but is not a dependency; these rules cover
# the tokens ECB+ holds.) The ecbplus half also splits hyphens and the separators inside
# numbers ('first - degree', '3 : 47pm', '$10 , 000'), which are glued back.
_GLUED_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")
_GLUED_NUMBER = re.compile(r"(?<=\d)([:,.]) (?=\d)")
_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}”]|'s|'S|n't|'re|'ve|'ll|'d|'m|')$")
_NO_SPACE_AFTER = re.compile(r"^(?:[(\[{$#“])$")


def detokenize(tokens: list[str]) -> str:
    out: list[str] = []
    glue = True
    for raw in tokens:
        token = {"``": "“", "''": "”", "-LRB-": "(", "-RRB-": ")"}.get(raw, raw)
        if out and not glue and not _NO_SPACE_BEFORE.match(token):
            out.append(" ")
        out.append(token)
        glue = bool(_NO_SPACE_AFTER.match(token))
    return _GLUED_NUMBER.sub(r"\1", _GLUED_HYPHEN.sub("-", "".join(out)))


def ecbplus_items(root: Path) -> list[Item]:
    items = []
    for path in sorted((root / "ECB+").glob("*/*.xml")):
        sentences: dict[int, list[str]] = {}
        for token in ET.parse(path).getroot().iter("token"):
            sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
        lines = [detokenize(tokens) for _, tokens in sorted(sentences.items())]
        record: dict[str, Any] = {}
        if lines and lines[0].replace(" ", "").startswith("http"):
            record["url"] = lines.pop(0).replace(" ", "")
        record["text"] = "\n\n".join(line for line in lines if line.strip())
        items.append(Item(f"ecbplus/{path.stem}", "ecbplus", record=record))
    return items


def aeb_items(root: Path) -> list[Item]:
    return [
        Item(f"aeb/{path.name.removesuffix('.html.gz')}", "aeb", html=gzip.decompress(path.read_bytes()).decode("utf-8"))
        for path in sorted((root / "html").glob("*.html.gz"))
    ]


def fnc1_items(root: Path) -> list[Item]:
    with (root / "competition_test_bodies.csv").open(encoding="utf-8", newline="") as handle:
        return [Item(f"fnc1/{row['Body ID']}", "fnc1", record={"text": row["articleBody"]}) for row in csv.DictReader(handle)]


def load_corpus(data: Path) -> list[Item]:
    """Every article, in one fixed order that mixes the four sets."""
    items = (
        polnear_items(data / "polnear")
        + ecbplus_items(data / "ecbplus")
        + aeb_items(data / "scrapinghub-aeb")
        + fnc1_items(data / "fnc1")
    )
    return sorted(items, key=lambda i: hashlib.sha256(i.name.encode()).hexdigest())


def write_inputs(items: list[Item], folder: Path) -> list[Path]:
    """The items as input files under `folder`: one JSONL file per set, one file per page."""
    folder.mkdir(parents=True, exist_ok=True)
    bundles: dict[str, list[str]] = {}
    for item in items:
        if item.html is not None:
            page = folder / f"{item.name}.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(item.html, encoding="utf-8")
        else:
            bundles.setdefault(item.bundle, []).append(json.dumps(item.record, ensure_ascii=False))
    for bundle, lines in bundles.items():
        (folder / f"{bundle}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [folder]


# ---------------------------------------------------------------- one measured run (child process)


def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


def measure(inputs: Path, work: Path) -> dict[str, Any]:
    """Time newsprism and a bare spaCy pass over the same inputs, in this process."""
    from newsprism.nlp import default_embedder, spacy_pipeline
    from newsprism.report import write_report
    from newsprism.runner import analyze
    from newsprism.storage import open_storage

    began = time.perf_counter()
    nlp, embedder = spacy_pipeline(), default_embedder()
    embedder.encode(["warm-up"])
    load_seconds = time.perf_counter() - began
    storage = open_storage(work / "newsprism.db")
    began, began_cpu = time.perf_counter(), time.process_time()
    report = analyze([inputs], storage=storage, nlp=nlp, embedder=embedder)
    analyze_seconds = time.perf_counter() - began
    write_report(report, work / "out")
    newsprism_seconds, newsprism_cpu = time.perf_counter() - began, time.process_time() - began_cpu
    storage.close()
    peak = peak_rss_bytes()
    texts = [a.text for a in report.articles]
    (work / TEXTS_FILE).write_text("".join(json.dumps(text) + "\n" for text in texts), encoding="utf-8")
    spacy_seconds, spacy_cpu = bare_spacy_pass(texts)
    return {
        "inputs": len(report.inputs),
        "articles": len(report.articles),
        "load_seconds": load_seconds,
        "analyze_seconds": analyze_seconds,
        "newsprism_seconds": newsprism_seconds,
        "spacy_seconds": spacy_seconds,
        "newsprism_cpu": newsprism_cpu,
        "spacy_cpu": spacy_cpu,
        "peak_rss": peak,
        "timings": report.timings,
    }


def bare_spacy_pass(texts: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of `en_core_web_sm` as shipped (default batch size) over
    `texts`, after one untimed warm-up text."""
    import spacy

    from newsprism.nlp import SPACY_MODELS

    bare = next(spacy.load(name) for name in SPACY_MODELS if spacy.util.is_package(name))
    list(bare.pipe(texts[:1]))
    began, began_cpu = time.perf_counter(), time.process_time()
    for _ in bare.pipe(texts):
        pass
    return time.perf_counter() - began, time.process_time() - began_cpu


def measure_bare(texts_file: Path) -> dict[str, float]:
    """A bare spaCy pass in a process of its own, over the texts a `measure` child wrote."""
    texts = [json.loads(line) for line in texts_file.read_text(encoding="utf-8").splitlines()]
    seconds, cpu = bare_spacy_pass(texts)
    return {"spacy_seconds": seconds, "spacy_cpu": cpu}


def measure_incremental(old: Path, new: Path, work: Path) -> dict[str, Any]:
    """Seconds to add the articles under `new` to a database holding those under `old`,
    and to analyse them alone into an empty one. Each timed run gets a fresh sentence
    model (as a new `newsprism analyze` process would: nothing embedded before is cached).
    `incremental` is False when the second run's stories hold no article but those its
    own inputs became, i.e. analyze did not read the database it was given."""
    from newsprism.nlp import MiniLMEmbedder, spacy_pipeline
    from newsprism.runner import analyze
    from newsprism.storage import open_storage

    nlp = spacy_pipeline()
    storage = open_storage(work / "grown.db")
    analyze([old], storage=storage, nlp=nlp, embedder=MiniLMEmbedder())
    seconds, timings = {}, {}
    for name, db in (("added", storage), ("alone", open_storage(work / "alone.db"))):
        embedder = MiniLMEmbedder()
        began = time.perf_counter()
        report = analyze([new], storage=db, nlp=nlp, embedder=embedder)
        seconds[name] = time.perf_counter() - began
        timings[name] = report.timings
        if name == "added":  # this run's own articles are those its inputs became
            new_articles = {r.article for r in report.inputs if r.status == "ok"}
            grown = any(set(story.articles) - new_articles for story in report.stories)
        db.close()
    return {
        "added_seconds": seconds["added"],
        "alone_seconds": seconds["alone"],
        "added_timings": timings["added"],
        "alone_timings": timings["alone"],
        "incremental": grown,
    }


def _child(args: list[str]) -> dict[str, Any]:
    child = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    return json.loads(child.stdout.strip().splitlines()[-1])


def run_size(items: list[Item], keep: Path | None, bare_runs: int) -> dict[str, Any]:
    """Analyse `items` in a fresh child process, then run the bare spaCy pass again in
    fresh processes until there are `bare_runs` of them; the run's bare time is their
    median."""
    with tempfile.TemporaryDirectory(prefix="throughput-") as tmp:
        base = keep or Path(tmp)
        inputs = write_inputs(items, base / "inputs")[0]
        run = _child(["--child", str(inputs), str(base / "work")])
        passes = [{"spacy_seconds": run["spacy_seconds"], "spacy_cpu": run["spacy_cpu"]}]
        passes += [_child(["--child-bare", str(base / "work" / TEXTS_FILE)]) for _ in range(bare_runs - 1)]
        return with_bare_passes(run, passes)


def with_bare_passes(run: dict[str, Any], passes: list[dict[str, float]]) -> dict[str, Any]:
    """`run` with every bare pass listed and its bare wall and CPU time set to their
    medians (each taken on its own: the two need not come from the same pass)."""
    return {
        **run,
        "bare_passes": passes,
        "spacy_seconds": statistics.median(p["spacy_seconds"] for p in passes),
        "spacy_cpu": statistics.median(p["spacy_cpu"] for p in passes),
    }


def run_incremental(old: list[Item], new: list[Item], keep: Path | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="throughput-") as tmp:
        base = keep or Path(tmp)
        old_inputs = write_inputs(old, base / "old")[0]
        new_inputs = write_inputs(new, base / "new")[0]
        (base / "work").mkdir(parents=True, exist_ok=True)
        return _child(["--child-incremental", str(old_inputs), str(new_inputs), str(base / "work")])


# ---------------------------------------------------------------- table


def format_report(runs: dict[int, dict[str, Any]], incremental: dict[str, Any] | None) -> str:
    largest = runs[max(runs)]
    smallest = runs[min(runs)]
    per_article = {n: r["newsprism_seconds"] / max(r["articles"], 1) for n, r in runs.items()}
    ratio = largest["newsprism_seconds"] / largest["spacy_seconds"] if largest["spacy_seconds"] else None
    cpu_ratio = largest["newsprism_cpu"] / largest["spacy_cpu"] if largest["spacy_cpu"] else None
    growth = per_article[max(runs)] / per_article[min(runs)] if len(runs) > 1 else None
    rows: list[tuple[str, str, str]] = [
        ("inputs", str(largest["inputs"]), ""),
        ("articles analysed", str(largest["articles"]), ""),
        ("model loading s (not counted)", f"{largest['load_seconds']:.1f}", ""),
        ("newsprism s (analyze + report files)", f"{largest['newsprism_seconds']:.1f}", ""),
        ("articles/s", f"{largest['articles'] / largest['newsprism_seconds']:.2f}", ""),
        ("peak RSS GiB", f"{largest['peak_rss'] / GIB:.2f}", f"<= {GOAL_PEAK_RSS_GIB:g}"),
        ("bare spaCy nlp.pipe s (median)", f"{largest['spacy_seconds']:.1f}", ""),
        ("  every bare pass s", ", ".join(f"{p['spacy_seconds']:.1f}" for p in largest.get("bare_passes", [])), ""),
        ("newsprism / bare spaCy", table.format_figure(ratio), f"<= {GOAL_SPACY_RATIO:g}"),
        ("newsprism / bare spaCy, CPU time", table.format_figure(cpu_ratio), f"<= {GOAL_SPACY_RATIO:g}"),
    ]
    for stage, seconds in largest["timings"].items():
        rows.append((f"  stage {stage} s", f"{seconds:.1f}", ""))
    rows.append(("  report files s", f"{largest['newsprism_seconds'] - largest['analyze_seconds']:.1f}", ""))
    for n, r in sorted(runs.items()):
        rows.append(
            (f"s/article at {r['articles']} articles ({n} inputs)", f"{per_article[n]:.3f}", f"spaCy ratio {r['newsprism_seconds'] / r['spacy_seconds']:.2f}")
        )
    rows.append((f"growth {smallest['articles']} -> {largest['articles']}", table.format_figure(growth), f"<= {GOAL_GROWTH:g}"))
    rows += _incremental_rows(incremental)
    return table.format_table(("figure", "value", "goal"), rows, text_columns=1)


def format_incremental(incremental: dict[str, Any] | None) -> str:
    return table.format_table(("figure", "value", "goal"), _incremental_rows(incremental), text_columns=1)


def _incremental_rows(incremental: dict[str, Any] | None) -> list[tuple[str, str, str]]:
    if incremental is None:
        added = "not measured"
    elif not incremental["incremental"]:
        added = "not incremental"  # analyze did not extend the stories in the database
    else:
        added = f"{incremental['added_seconds'] / incremental['alone_seconds']:.2f}"
    rows = [(f"incremental: +{INCREMENTAL_NEW} to a database / {INCREMENTAL_NEW} alone", added, f"<= {GOAL_INCREMENTAL:g}")]
    if incremental is not None:
        rows += [
            (f"  +{INCREMENTAL_NEW} to a database s", f"{incremental['added_seconds']:.1f}", ""),
            (f"  {INCREMENTAL_NEW} alone s", f"{incremental['alone_seconds']:.1f}", ""),
        ]
        for stage, seconds in incremental.get("added_timings", {}).items():
            alone = incremental.get("alone_timings", {}).get(stage, 0.0)
            rows.append((f"    stage {stage} s, added / alone", f"{seconds:.1f} / {alone:.1f}", ""))
    return rows


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    p.add_argument("--limit", type=int, help="analyse only the first N articles (one size)")
    p.add_argument("--sizes", help="comma-separated corpus sizes for the growth rows (default 300,1000,3000 and all)")
    p.add_argument("--keep", type=Path, help="write inputs and outputs here instead of a temporary folder")
    p.add_argument(
        "--incremental",
        action="store_true",
        help=f"also time adding {INCREMENTAL_NEW} articles to a database of the largest size less {INCREMENTAL_NEW}",
    )
    p.add_argument(
        "--incremental-only",
        action="store_true",
        help="time only the incremental figure, at the largest size (the growth and spaCy rows are not run)",
    )
    p.add_argument(
        "--bare-runs",
        type=int,
        default=3,
        help="bare spaCy passes per size, the first in newsprism's process, the rest each in a fresh one (default 3)",
    )
    p.add_argument("--child", nargs=2, metavar=("INPUTS", "WORK"), help=argparse.SUPPRESS)
    p.add_argument("--child-bare", type=Path, metavar="TEXTS", help=argparse.SUPPRESS)
    p.add_argument("--child-incremental", nargs=3, metavar=("OLD", "NEW", "WORK"), help=argparse.SUPPRESS)
    return p.parse_args(argv)


def sizes_for(args: argparse.Namespace, available: int) -> list[int]:
    if args.limit:
        return [min(args.limit, available)]
    wanted = [int(s) for s in args.sizes.split(",")] if args.sizes else [*DEFAULT_SIZES, available]
    return sorted({min(n, available) for n in wanted})


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    if args.child:
        print(json.dumps(measure(Path(args.child[0]), Path(args.child[1]))))
        return
    if args.child_bare:
        print(json.dumps(measure_bare(args.child_bare)))
        return
    if args.bare_runs < 1:
        sys.exit("--bare-runs must be 1 or more")
    if args.child_incremental:
        print(json.dumps(measure_incremental(*(Path(a) for a in args.child_incremental))))
        return
    if not args.data.is_dir():
        sys.exit(f"no evaluation data at {args.data} (see DEVELOPERS.md)")
    began = time.perf_counter()
    corpus = load_corpus(args.data)
    runs = {}
    sizes = sizes_for(args, len(corpus))
    for n in [] if args.incremental_only else sizes:
        keep = args.keep / str(n) if args.keep else None
        runs[n] = run_size(corpus[:n], keep, args.bare_runs)
        print(f"{n} inputs: {runs[n]['newsprism_seconds']:.1f} s", file=sys.stderr)
    incremental = None
    if args.incremental or args.incremental_only:
        largest = max(sizes)
        if largest <= INCREMENTAL_NEW:
            sys.exit(f"the incremental figure needs more than {INCREMENTAL_NEW} articles (largest size {largest})")
        keep = args.keep / "incremental" if args.keep else None
        incremental = run_incremental(corpus[: largest - INCREMENTAL_NEW], corpus[largest - INCREMENTAL_NEW : largest], keep)
    print(format_report(runs, incremental) if runs else format_incremental(incremental))
    print(f"({len(corpus)} articles in the corpus; {time.perf_counter() - began:.0f} s in all)")


if __name__ == "__main__":
    main(sys.argv[1:])
