"""How the text-copy line classifier's training data is labelled (tools/line_dataset.py), on
hand-made pages: line labels against a reference, references derived from eval-other's
snippets trusted only when they agree with them, and pages whose labels cover too little
of the reference left out."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from line_dataset import (  # noqa: E402
    HELD_OUT_EVERY,
    SHARED,
    agrees_with_snippets,
    dataset,
    label_lines,
    other_entries,
    reference_coverage,
)

REFERENCE = (
    "The council voted on Tuesday to close the old bridge to lorries.\n"
    "Repairs will start in spring and take two years, the mayor said."
)
PAGE_LINES = [
    "Home | News | Sport",
    "The council voted on Tuesday to close the old bridge to lorries.",
    "Repairs will start in spring and take two years, the mayor said.",
    "Share this story",
]


def _entry(with_: list[str], without: list[str], comments: list[str] | None = None) -> dict:
    return {"file": "page.html", "with": with_, "without": without, "comments": comments or []}


def test_label_lines_marks_the_lines_of_the_reference():
    assert label_lines(PAGE_LINES, REFERENCE).tolist() == [0, 1, 1, 0]


def test_a_derived_reference_that_holds_every_must_snippet_and_no_must_not_is_trusted():
    entry = _entry(["voted on Tuesday", "the  mayor said"], ["Share this story"])
    assert agrees_with_snippets(REFERENCE, entry)


def test_a_derived_reference_missing_a_must_snippet_is_not_trusted():
    assert not agrees_with_snippets(REFERENCE, _entry(["voted on Tuesday", "a third paragraph"], []))


def test_a_derived_reference_holding_a_must_not_or_comment_snippet_is_not_trusted():
    assert not agrees_with_snippets(REFERENCE, _entry(["voted on Tuesday"], ["old bridge to lorries"]))
    assert not agrees_with_snippets(REFERENCE, _entry(["voted on Tuesday"], [], comments=["take two years"]))


def test_a_page_without_must_snippets_gives_no_trusted_reference():
    assert not agrees_with_snippets(REFERENCE, _entry([], []))


def test_reference_coverage_is_the_share_of_reference_words_on_article_lines():
    labels = label_lines(PAGE_LINES, REFERENCE)
    assert reference_coverage(PAGE_LINES, labels, REFERENCE) == 1.0
    half = np.array([0, 1, 0, 0], dtype=np.int8)
    first_words = len(PAGE_LINES[1].split())
    assert reference_coverage(PAGE_LINES, half, REFERENCE) == first_words / len(REFERENCE.split())


def _html(paragraphs: list[str]) -> str:
    return "<html><body>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</body></html>"


def test_dataset_leaves_out_a_page_whose_labels_cover_too_little_of_its_reference():
    matched = ("good", _html(PAGE_LINES), REFERENCE)
    # html-text cuts this page's article at line breaks trafilatura would have joined, into
    # pieces too short to match on their own, so its article lines would be taught as clutter
    split_lines = [
        "Home | News | Sport",
        "The council voted<br>on Tuesday to<br>close the old<br>bridge to lorries.",
        "Repairs will start<br>in spring and<br>take two years,<br>the mayor said.",
    ]
    mismatched = ("bad", _html(split_lines), REFERENCE)
    every = dataset([matched, mismatched])
    kept = dataset([matched, mismatched], min_coverage=0.8)
    assert len(set(every.groups.tolist())) == 2
    assert set(kept.groups.tolist()) == {0}
    assert kept.y.sum() == 2
    assert len(kept.lines) == len(kept.y) == len(kept.x)


@pytest.mark.shared
def test_eval_other_held_out_part_is_every_nth_page_and_disjoint_from_train():
    if not (SHARED / "trafilatura-eval-other").exists():
        pytest.skip(f"eval-other is read from {SHARED}, which is not here (../shared is absent)")
    everything = [e["file"] for e in other_entries(None)]
    held_out = [e["file"] for e in other_entries("held-out")]
    train = [e["file"] for e in other_entries("train")]
    assert held_out == everything[::HELD_OUT_EVERY]
    assert not set(held_out) & set(train)
    assert len(held_out) + len(train) == len(everything)
