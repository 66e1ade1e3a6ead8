"""Validate a quantities/dates gold file against the PolNeAR texts (stdlib only).

Usage: python check_polnear_dev.py [--gold FILE] [POLNEAR_ROOT]
FILE defaults to polnear-dev.jsonl beside this script (polnear-train.jsonl is the other one);
every `file` in it must belong to the split its path names (dev/text/..., train/text/...).
POLNEAR_ROOT defaults to $POLNEAR_DIR or /work/shared/data/polnear.
Exits non-zero and prints every problem found.
"""
import argparse
import csv
import json
import math
import os
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "polnear-dev.jsonl"
GRANULARITIES = {"part_of_day", "day", "month", "year", "time"}
VALUE_RE = {
    "year": re.compile(r"^\d{4}$"),
    "month": re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"),
    "day": re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"),
}
VALUE_RE["part_of_day"] = VALUE_RE["time"] = VALUE_RE["day"]
PARTS_OF_DAY = {"early", "late", "morning", "afternoon", "evening", "night"}
UNITS = {None, "%", "USD", "percentage point", "fraction", "ratio", "times", "rank",
         "second", "minute", "hour", "day", "week", "month", "year", "decade",
         "inch", "pound", "ton", "acre", "mile", "EUR"}
Q_KEYS = {"start", "end", "text", "number", "unit", "of", "approximate"}
D_KEYS = {"start", "end", "text", "value", "granularity", "part_of_day", "event"}


def main(root, data=DATA):
    root = Path(root)
    published = {}
    with open(root / "metadata.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["compartment"] in ("dev", "train", "test"):
                published[f"{row['compartment']}/text/{row['filename']}.txt"] = row["publication_date"]
    errors, texts, seen = [], {}, set()
    counts = Counter()

    def err(n, msg):
        errors.append(f"line {n}: {msg}")

    splits = set()
    with open(data, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for n, line in enumerate(lines, 1):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            err(n, f"invalid JSON: {e}")
            continue
        if set(rec) != {"file", "published", "sentence", "quantities", "dates"}:
            err(n, f"bad keys {sorted(rec)}")
            continue
        fn = rec["file"]
        if fn not in published or fn.startswith("test/"):
            err(n, f"unknown dev/train file {fn}")
            continue
        splits.add(fn.split("/")[0])
        if rec["published"] != published[fn]:
            err(n, f"published {rec['published']} != metadata {published[fn]}")
        text = texts.setdefault(fn, (root / fn).read_text(encoding="utf-8"))
        s, e = rec["sentence"]["start"], rec["sentence"]["end"]
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            err(n, f"sentence span out of range {s}-{e}")
            continue
        if (fn, s, e) in seen:
            err(n, "duplicate sentence")
        seen.add((fn, s, e))
        counts["sentences"] += 1
        spans = set()
        for kind, anns, keys in (("quantity", rec["quantities"], Q_KEYS), ("date", rec["dates"], D_KEYS)):
            for a in anns:
                if set(a) != keys:
                    err(n, f"{kind} bad keys {sorted(a)}")
                    continue
                a0, a1 = a["start"], a["end"]
                if not (isinstance(a0, int) and isinstance(a1, int) and s <= a0 < a1 <= e):
                    err(n, f"{kind} {a['text']!r} span {a0}-{a1} outside sentence {s}-{e}")
                    continue
                if text[a0:a1] != a["text"]:
                    err(n, f"{kind} text {a['text']!r} != file {text[a0:a1]!r}")
                if (a0, a1) in spans:
                    err(n, f"duplicate annotation span {a0}-{a1}")
                if any(a0 < b1 and b0 < a1 for b0, b1 in spans):
                    err(n, f"overlapping annotation span {a0}-{a1}")
                spans.add((a0, a1))
                if kind == "quantity":
                    counts["quantities"] += 1
                    if not isinstance(a["number"], float) or not math.isfinite(a["number"]):
                        err(n, f"bad number {a['number']!r}")
                    if a["unit"] not in UNITS:
                        err(n, f"unit {a['unit']!r} not in documented vocabulary")
                    if not isinstance(a["approximate"], bool):
                        err(n, "approximate must be bool")
                    if not a["of"]:
                        err(n, "empty 'of'")
                else:
                    counts["dates"] += 1
                    g = a["granularity"]
                    if g not in GRANULARITIES:
                        err(n, f"bad granularity {g!r}")
                        continue
                    if not VALUE_RE[g].match(a["value"]):
                        err(n, f"value {a['value']!r} does not match granularity {g}")
                    if (g == "part_of_day") != (a["part_of_day"] is not None):
                        err(n, "part_of_day must be set iff granularity is part_of_day")
                    if a["part_of_day"] is not None and a["part_of_day"] not in PARTS_OF_DAY:
                        err(n, f"bad part_of_day {a['part_of_day']!r}")
                    if not a["event"]:
                        err(n, "empty event")
        if not rec["quantities"] and not rec["dates"]:
            counts["sentences_without_annotations"] += 1
    # sentences of one file must not overlap each other
    by_file = {}
    for fn, s, e in seen:
        by_file.setdefault(fn, []).append((s, e))
    for fn, sp in by_file.items():
        sp.sort()
        for (s0, e0), (s1, e1) in zip(sp, sp[1:], strict=False):
            if s1 < e0:
                errors.append(f"{fn}: overlapping sentences {s0}-{e0} and {s1}-{e1}")
    counts["files"] = len(by_file)
    counts["publishers"] = len({fn.split("/")[-1].split("_")[0] for fn in by_file})
    if len(splits) > 1:
        errors.append(f"one gold file must hold one split, found {sorted(splits)}")
    for key, minimum in (("sentences", 150), ("files", 25), ("quantities", 120), ("dates", 120)):
        if counts[key] < minimum:
            errors.append(f"too few {key}: {counts[key]} < {minimum}")
    print(json.dumps(dict(counts), sort_keys=True))
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DATA, help="the JSONL file to check (default polnear-dev.jsonl)")
    parser.add_argument("root", nargs="?", default=os.environ.get("POLNEAR_DIR", "/work/shared/data/polnear"))
    args = parser.parse_args()
    sys.exit(main(args.root, args.gold))
