"""Build (features, labels, page ids) for the text-copy line classifier from pages whose
main content is known: render each page's HTML to text with html-text (as a reader's
"select all, copy" would) and label each line by whether it belongs to the reference
main content. Shared by the training script and the benchmarks.

Two sources of pages: wceb-2025 article pages, whose ground truth is the full main text,
and trafilatura-eval-other (mostly German), whose gold is only must / must-not snippets.
For the latter the reference is derived (`other_pages`): trafilatura's extraction of the
page, kept only where it agrees with every snippet of the gold."""

from __future__ import annotations

import gzip
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import html_text
import numpy as np
import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from newsprism.clean import repair_mojibake  # noqa: E402
from newsprism.linefeatures import features, page_lines  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
# Where tuning keeps its html-text renderings (see cached_render).
CACHE = Path("/tmp/newsprism-line-dataset-cache")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "})


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip().lower()


def label_lines(lines: list[str], reference: str) -> np.ndarray:
    ref = normalise(reference)
    ref_lines = {normalise(x) for x in reference.splitlines() if x.strip()}
    out = []
    for line in lines:
        norm = normalise(line)
        if len(norm.split()) >= 4:
            out.append(norm in ref)
        else:
            out.append(norm in ref_lines)
    return np.array(out, dtype=np.int8)


def render(html: str) -> str:
    return html_text.extract_text(html, guess_layout=True)


def wceb_pages(split: str | None = None, page_type: str | None = "article"):
    root = SHARED / "wceb-2025"
    meta = json.loads((root / "metadata.json").read_text())["files"]
    for gt_path in sorted((root / "ground-truth").glob("*.json")):
        fid = gt_path.stem
        info = meta.get(fid, {})
        if split and info.get("split") != split:
            continue
        if page_type and info.get("page_type") != page_type:
            continue
        gt = json.loads(gt_path.read_text())
        reference = (gt.get("ground_truth") or {}).get("main_content") or ""
        if not reference.strip():
            continue
        html = gzip.open(root / "html" / f"{fid}.html.gz").read().decode("utf-8", "replace")
        yield fid, html, reference


# trafilatura-eval-other is split by file name: every HELD_OUT_EVERY-th page (sorted) is
# kept out of training, so tools/tune_text_copy.py --other-part held-out can judge a model
# trained on the rest.
HELD_OUT_EVERY = 4


def other_entries(part: str | None = None) -> list[dict]:
    """trafilatura-eval-other entries sorted by file; part "train", "held-out" or None (all)."""
    root = SHARED / "trafilatura-eval-other"
    entries = json.loads((root / "evaldata-other.json").read_text(encoding="utf-8"))
    chosen = sorted(entries.values(), key=lambda e: e["file"])
    if part is None:
        return chosen
    held_out = part == "held-out"
    if part not in ("train", "held-out"):
        raise ValueError(f"unknown eval-other part {part!r}")
    return [e for n, e in enumerate(chosen) if (n % HELD_OUT_EVERY == 0) == held_out]


def other_html(entry: dict) -> str:
    path = SHARED / "trafilatura-eval-other" / "html" / f"{entry['file']}.gz"
    return gzip.open(path).read().decode("utf-8", "replace")


def agrees_with_snippets(reference: str, entry: dict) -> bool:
    """Whether a derived reference holds every must snippet of the gold and no must-not or
    comment snippet: only then is it trusted as the page's main content."""
    text = normalise(reference)
    must = [normalise(s) for s in entry.get("with") or [] if s.strip()]
    must_not = [normalise(s) for s in [*(entry.get("without") or []), *(entry.get("comments") or [])] if s.strip()]
    return bool(must) and all(s in text for s in must) and not any(s in text for s in must_not)


def cached_reference(key: str, html: str, cache: Path | None) -> str:
    """trafilatura's main text of a page (as the AEB repository runs it), kept in `cache`."""
    path = cache / f"{key}.reference.txt" if cache is not None else None
    if path is not None and path.exists():
        return path.read_text(encoding="utf-8")
    text = trafilatura.extract(html, include_comments=False) or ""
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return text


def other_pages(part: str | None = "train", cache: Path | None = None):
    """eval-other pages whose trafilatura extraction agrees with the gold snippets, with
    that extraction as the reference main content."""
    for entry in other_entries(part):
        html = other_html(entry)
        try:
            reference = cached_reference(f"other-{entry['file']}", html, cache)
        except Exception:  # a page trafilatura cannot read gives no reference
            continue
        if reference.strip() and agrees_with_snippets(reference, entry):
            yield entry["file"], html, reference


def cached_render(key: str, html: str, cache: Path | None) -> str:
    """`render`, kept in `cache` (a folder) when one is given: tuning renders the same pages
    again and again, and html-text costs more than the features."""
    if cache is None:
        return render(html)
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"{key}.txt"
    if path.exists():
        return path.read_text(encoding="utf-8")
    text = render(html)
    path.write_text(text, encoding="utf-8")
    return text


# A derived reference is trusted for line labels only when the lines labelled article
# cover this share of its words: below it, html-text cut the page into lines that do not
# match trafilatura's paragraphs, and unmatched article lines would be taught as clutter.
MIN_DERIVED_COVERAGE = 0.8


def reference_coverage(lines: list[str], labels: np.ndarray, reference: str) -> float:
    """Share of the reference's words that sit on lines labelled article."""
    kept = sum(len(normalise(line).split()) for line, label in zip(lines, labels, strict=True) if label)
    return kept / max(len(normalise(reference).split()), 1)


@dataclass
class LineData:
    """Every line of a set of pages: its text, its features, its label and its page."""

    lines: list[str]
    x: np.ndarray
    y: np.ndarray
    groups: np.ndarray


def dataset(pages, cache: Path | None = None, prefix: str = "wceb", min_coverage: float | None = None) -> LineData:
    """Lines, features, labels and page numbers of every line of `pages`; with
    `min_coverage`, a page whose labelled lines cover less of the reference than that is
    left out."""
    texts: list[str] = []
    xs, ys, groups = [], [], []
    for n, (page_id, html, reference) in enumerate(pages):
        try:
            text, _ = repair_mojibake(cached_render(f"{prefix}-{page_id}", html, cache))
        except Exception:  # a page html-text cannot render is not training data
            continue
        lines, before, after = page_lines(text)
        if not lines:
            continue
        labels = label_lines(lines, reference)
        if min_coverage is not None and reference_coverage(lines, labels, reference) < min_coverage:
            continue
        texts.extend(lines)
        xs.append(features(lines, before, after))
        ys.append(labels)
        groups.append(np.full(len(lines), n))
    return LineData(texts, np.concatenate(xs), np.concatenate(ys), np.concatenate(groups))
