"""Article extraction from HTML: trafilatura for the body, our own reading of JSON-LD and
OpenGraph for metadata (trafilatura keeps only the date of publication, and we want the
time too), and an audit of what trafilatura left out, named with the clutter kinds."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import lxml.html
import trafilatura

from .clutter import clutter_kind
from .metadata import parse_date
from .models import Removed

MIN_ARTICLE_WORDS = 80
# An index page: many headline-sized links and no paragraph that reads like a body.
INDEX_MIN_TEASER_LINKS = 10
INDEX_MAX_LONG_PARAGRAPHS = 2
LONG_PARAGRAPH_WORDS = 40

_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting", "AnalysisNewsArticle", "OpinionNewsArticle"}


@dataclass
class HtmlResult:
    title: str | None
    paragraphs: list[str]
    removed: list[Removed]
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    reject_reason: str | None = None


def extract_html(html: str) -> HtmlResult:
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        return HtmlResult(None, [], [], reject_reason=f"the HTML cannot be parsed ({exc})")
    meta = _structured_metadata(tree)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True)
    text = (doc.text if doc is not None else "") or ""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    title = meta.get("title") or (doc.title if doc else None)
    authors = meta.get("authors") or _split_authors(doc.author if doc else None)
    result = HtmlResult(
        title=title,
        paragraphs=[p for p in paragraphs if p != title],
        removed=_audit_removed(tree, paragraphs, title),
        authors=authors,
        published=meta.get("published") or (doc.date if doc else None),
        outlet=meta.get("outlet") or (doc.sitename if doc else None),
        url=meta.get("url") or (doc.url if doc else None),
        language=tree.get("lang") or (doc.language if doc else None),
    )
    words = sum(len(p.split()) for p in result.paragraphs)
    teaser_links = _teaser_link_count(tree)
    long_paragraphs = sum(1 for p in result.paragraphs if len(p.split()) >= LONG_PARAGRAPH_WORDS)
    if teaser_links >= INDEX_MIN_TEASER_LINKS and long_paragraphs <= INDEX_MAX_LONG_PARAGRAPHS:
        result.reject_reason = f"index page with {teaser_links} teaser links and no article body"
    elif words < MIN_ARTICLE_WORDS:
        result.reject_reason = f"only {words} words of article text in the page"
    return result


def _teaser_link_count(tree: Any) -> int:
    """Links whose text reads like a headline (four words or more)."""
    return sum(1 for a in tree.iter("a") if len((a.text_content() or "").split()) >= 4)


def _structured_metadata(tree: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "")
        except json.JSONDecodeError:
            continue
        for obj in _json_ld_objects(data):
            types = obj.get("@type")
            types = set(types) if isinstance(types, list) else {types}
            if not types & _ARTICLE_TYPES:
                continue
            out.setdefault("title", _clean(obj.get("headline")))
            if obj.get("datePublished"):
                out.setdefault("published", _iso(obj["datePublished"]))
            names = [_clean(a.get("name") if isinstance(a, dict) else a) for a in _as_list(obj.get("author"))]
            if any(names):
                out.setdefault("authors", [n for n in names if n])
            publisher = obj.get("publisher")
            if isinstance(publisher, dict) and publisher.get("name"):
                out.setdefault("outlet", _clean(publisher["name"]))
            if obj.get("url"):
                out.setdefault("url", _clean(obj["url"]))
    metas = {
        (m.get("property") or m.get("name") or "").lower(): m.get("content")
        for m in tree.iter("meta")
        if m.get("content")
    }
    if metas.get("og:site_name"):
        out["outlet"] = _clean(metas["og:site_name"])  # how the site names itself wins
    out.setdefault("title", _clean(metas.get("og:title")))
    if metas.get("article:published_time"):
        out.setdefault("published", _iso(metas["article:published_time"]))
    if metas.get("article:author") and not out.get("authors"):
        out["authors"] = _split_authors(metas["article:author"])
    if metas.get("og:url"):
        out.setdefault("url", _clean(metas["og:url"]))
    if not out.get("published"):
        for node in tree.iter("time"):
            if node.get("datetime"):
                out["published"] = _iso(node.get("datetime"))
                break
    return {k: v for k, v in out.items() if v}


def _json_ld_objects(data: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for item in _as_list(data):
        if isinstance(item, dict):
            found.append(item)
            found.extend(_json_ld_objects(item.get("@graph", [])))
    return found


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _clean(value: Any) -> str | None:
    return re.sub(r"\s+", " ", value).strip() or None if isinstance(value, str) else None


def _iso(value: str) -> str | None:
    value = value.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value
    return parse_date(value)


def _split_authors(value: str | None) -> list[str]:
    if not value:
        return []
    return [a.strip() for a in re.split(r";|,|\band\b", value) if a.strip() and not a.strip().startswith("http")]


def _audit_removed(tree: Any, kept: list[str], title: str | None) -> list[Removed]:
    """Visible text blocks of the page that are not in the extracted article."""
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    kept_text = " ".join(kept) + " " + (title or "")
    removed: list[Removed] = []
    seen: set[str] = set()
    body = tree.find("body") if tree.find("body") is not None else tree
    for block in body.iter("p", "li", "h1", "h2", "h3", "h4", "a", "button", "span", "figcaption", "div", "label"):
        if any(child.tag in ("p", "li", "div", "h2", "h3", "ul") for child in block):
            continue  # only leaf-ish blocks, so each piece of text is listed once
        text = re.sub(r"\s+", " ", block.text_content() or "").strip()
        if not text or text in seen or text in kept_text:
            continue
        seen.add(text)
        kind = "caption" if block.tag == "figcaption" else clutter_kind(text)
        if kind is None:
            kind = "navigation" if block.tag in ("a", "button", "li", "label") else "boilerplate"
        removed.append(Removed(text=text, kind=kind))
    return removed
