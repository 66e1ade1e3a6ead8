"""Build (features, labels, page ids) for the text-copy line classifier from pages whose
main content is known: render each page's HTML to text with html-text (as a reader's
"select all, copy" would) and label each line by whether it belongs to the reference
main content. Shared by the training script and the benchmarks."""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

import html_text
import numpy as np

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


def dataset(pages, cache: Path | None = None, prefix: str = "wceb") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xs, ys, groups = [], [], []
    for n, (page_id, html, reference) in enumerate(pages):
        try:
            text, _ = repair_mojibake(cached_render(f"{prefix}-{page_id}", html, cache))
        except Exception:  # a page html-text cannot render is not training data
            continue
        lines, before, after = page_lines(text)
        if not lines:
            continue
        xs.append(features(lines, before, after))
        ys.append(label_lines(lines, reference))
        groups.append(np.full(len(lines), n))
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(groups)
