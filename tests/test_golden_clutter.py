"""Golden pages, one per kind of clutter: a short fictional news article copied as plain
text with a generous dose of one kind of clutter. Each `<kind>.txt` has a `<kind>.json`
beside it naming the headline, the body lines to keep (in order) and the clutter lines
with the kind they should be removed as."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from newsprism.clean import clean_item
from newsprism.models import Article, RawItem

GOLDEN = Path(__file__).parent / "golden" / "clutter"
CASES = sorted(GOLDEN.glob("*.json"))
# A clutter line this long must not survive even inside a kept paragraph; shorter ones
# ("Share", "News", "Reply") are checked only as whole paragraphs, since they occur as
# ordinary words in article prose.
SUBSTRING_MIN_WORDS = 3


def _load(path: Path) -> tuple[dict, str]:
    expected = json.loads(path.read_text(encoding="utf-8"))
    page = path.with_suffix(".txt").read_text(encoding="utf-8")
    return expected, page


def _clean(path: Path) -> tuple[dict, Article]:
    expected, page = _load(path)
    outcome = clean_item(RawItem(source=path.with_suffix(".txt").name, format="text", content=page))
    assert isinstance(outcome, Article), f"page was rejected: {outcome}"
    return expected, outcome


def test_every_kind_has_a_golden_page() -> None:
    kinds = {p.stem for p in CASES}
    assert kinds == {
        "player", "ad", "share", "newsletter", "widget", "chrome", "bio", "caption",
        "related", "promo", "navigation", "cookie", "comment", "mojibake",
    }
    for path in CASES:
        expected, page = _load(path)
        assert expected["kind"] == path.stem
        words = sum(len(line.split()) for line in expected["body"])
        assert 4 <= len(expected["body"]) <= 8 and 180 <= words <= 400, path.name
        if path.stem != "mojibake":  # the mojibake page holds the broken form of its lines
            lines = {ln.strip() for ln in page.splitlines()}
            missing = [t for t in [expected["title"], *expected["body"]] + [r["text"] for r in expected["removed"]] if t not in lines]
            assert not missing, f"{path.name}: golden lines not in the page: {missing}"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_title(path: Path) -> None:
    expected, article = _clean(path)
    assert article.title == expected["title"]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_body_kept_in_order(path: Path) -> None:
    expected, article = _clean(path)
    kept = article.text.split("\n\n")
    missing = [line for line in expected["body"] if line not in kept]
    assert not missing, f"body lines dropped: {missing}"
    positions = [kept.index(line) for line in expected["body"]]
    assert positions == sorted(positions), "body lines out of order"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_clutter_not_kept(path: Path) -> None:
    expected, article = _clean(path)
    kept = set(article.text.split("\n\n"))
    leaked = [
        r["text"]
        for r in expected["removed"]
        if r["text"] in kept or (len(r["text"].split()) >= SUBSTRING_MIN_WORDS and r["text"] in article.text)
    ]
    assert not leaked, f"clutter kept in the article text: {leaked}"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_clutter_removed_with_its_kind(path: Path) -> None:
    expected, article = _clean(path)
    want = Counter((r["text"], r["kind"]) for r in expected["removed"])
    got = Counter((r.text, r.kind) for r in article.removed)
    wrong = []
    for (text, kind), n in want.items():
        if got[(text, kind)] < n:
            found = sorted({r.kind for r in article.removed if r.text == text}) or ["not removed"]
            wrong.append(f"{text!r}: expected {kind}, got {', '.join(found)}")
    assert not wrong, "clutter not removed as its kind:\n" + "\n".join(wrong)


def test_mojibake_repaired() -> None:
    expected, article = _clean(GOLDEN / "mojibake.json")
    assert any(a.kind == "mojibake_repaired" for a in article.anomalies)
    assert "â€" not in article.text and "Ã" not in article.text
    assert "Café Amélie" in article.text and "“overwhelmed”" in article.text
