"""Article extraction from HTML: trafilatura for the body, our own reading of JSON-LD and
OpenGraph for metadata (trafilatura keeps only the date of publication, and we want the
time too), and an audit of what trafilatura left out, named with the clutter kinds."""

from __future__ import annotations

import html as html_lib
import json
import re
from typing import Any

import lxml.html
import trafilatura

from .clutter import clutter_kind
from .htmldates import normalise_timestamp, publication_date
from .linefeatures import word_count
from .models import PageExtraction, Removed

# Fewer words than this is a login wall, an error page or an empty template, not an
# article (paywalled news pages still show a lead of 50-80 words). Words are counted as
# the text-copy path counts them (`linefeatures.word_count`): Chinese and Japanese prose
# has no spaces, so splitting on spaces made a Japanese article of 600 characters 18 words.
MIN_ARTICLE_WORDS = 40
# An index page: most of the text extracted from it sits in teaser cards for other
# stories. (Counting long paragraphs or links instead rejected news articles, whose
# paragraphs are short and whose pages carry dozens of links.) A page that declares
# itself an article (og:type, JSON-LD) is never an index.
INDEX_MIN_TEASERS = 8
INDEX_TEASER_SHARE = 0.5
TEASER_WORDS = (5, 60)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting", "AnalysisNewsArticle", "OpinionNewsArticle"}


def extract_html(html: str) -> PageExtraction:
    html = _XML_DECLARATION.sub("", html, count=1)  # lxml refuses a str that declares its encoding
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        return PageExtraction(None, [], [], reject_reason=f"the HTML cannot be parsed ({exc})")
    meta = _structured_metadata(tree)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True)
    text = (doc.text if doc is not None else "") or ""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if _words(paragraphs) < MIN_ARTICLE_WORDS and _words(meta.get("body", [])) >= MIN_ARTICLE_WORDS:
        # The page renders its body with a script: the markup holds only the frame, but
        # the article's own JSON-LD carries the full text (articleBody).
        paragraphs = meta["body"]
    outlet = meta.get("outlet") or (doc.sitename if doc else None)
    title = _strip_site_suffix(_clean(meta.get("title") or (doc.title if doc else None)), outlet)
    authors = _authors(meta.get("authors", []), meta.get("organisation_authors", False), doc, outlet)
    result = PageExtraction(
        title=title,
        paragraphs=[p for p in paragraphs if p != title],
        removed=_audit_removed(tree, paragraphs, title),
        authors=authors,
        published=publication_date(meta.get("declared", []), meta.get("time_elements", []), doc.date if doc else None),
        outlet=outlet,
        url=meta.get("url") or (doc.url if doc else None),
        language=tree.get("lang") or (doc.language if doc else None),
    )
    words = _words(result.paragraphs)
    teasers = _teaser_cards(tree, result.paragraphs)
    if not meta.get("is_article") and teasers >= INDEX_MIN_TEASERS and teasers >= INDEX_TEASER_SHARE * len(result.paragraphs):
        result.reject_reason = f"index page: {teasers} of its {len(result.paragraphs)} text blocks are teasers for other stories"
    elif words < MIN_ARTICLE_WORDS:
        result.reject_reason = f"only {words} words of article text in the page"
    return result


def _words(paragraphs: list[str]) -> int:
    return sum(word_count(p) for p in paragraphs)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _teaser_cards(tree: Any, paragraphs: list[str]) -> int:
    """Extracted text blocks that come from a teaser card: a small element holding one
    headline-sized link (four words or more) and a sentence or two of its own. A nav
    list has the links but no sentences; an article body has sentences in elements that
    hold many paragraphs, not one link each."""
    extracted = [_norm(p) for p in paragraphs]
    found = 0
    for card in tree.iter("li", "article", "div", "section"):
        links = [a for a in card.iter("a") if len(_norm(a.text_content() or "").split()) >= 4]
        if len(links) != 1 or len(card.findall(".//p")) > 2:
            continue
        text = _norm(card.text_content() or "")
        own = _norm(text.replace(_norm(links[0].text_content() or ""), " "))
        if not (TEASER_WORDS[0] <= len(own.split()) <= TEASER_WORDS[1]):
            continue
        probe = own[:40]
        if any(probe in block for block in extracted):
            found += 1
    return found


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
            out["is_article"] = True
            out.setdefault("title", _clean(obj.get("headline")))
            if isinstance(obj.get("datePublished"), str):
                out.setdefault("json_ld_published", normalise_timestamp(obj["datePublished"]))
            listed = _as_list(obj.get("author"))
            names = [_clean(a.get("name") if isinstance(a, dict) else a) for a in listed]
            if any(names) and not out.get("authors"):
                out["authors"] = [n for n in names if n]
                out["organisation_authors"] = all(isinstance(a, dict) and a.get("@type") == "Organization" for a in listed)
            publisher = obj.get("publisher")
            if isinstance(publisher, dict) and publisher.get("name"):
                out.setdefault("outlet", _clean(publisher["name"]))
            if obj.get("url"):
                out.setdefault("url", _clean(obj["url"]))
            if isinstance(obj.get("articleBody"), str):
                out.setdefault("body", _body_paragraphs(obj["articleBody"]))
    metas = {
        (m.get("property") or m.get("name") or "").lower(): m.get("content")
        for m in tree.iter("meta")
        if m.get("content")
    }
    if (metas.get("og:type") or "").lower() == "article":
        out["is_article"] = True
    if metas.get("og:site_name"):
        out["outlet"] = _clean(metas["og:site_name"])  # how the site names itself wins
    out.setdefault("title", _clean(metas.get("og:title")))
    # the timestamps the page declares, JSON-LD's first (see htmldates.publication_date)
    opengraph_published = normalise_timestamp(metas.get("article:published_time") or "")
    out["declared"] = [t for t in (out.pop("json_ld_published", None), opengraph_published) if t]
    # one article:author tag per author (a dict of the tags would keep the last one only)
    opengraph_authors = [a for m in tree.iter("meta") if m.get("property") == "article:author" for a in _split_authors(m.get("content"))]
    if opengraph_authors and not out.get("authors"):
        out["authors"] = opengraph_authors
    if metas.get("og:url"):
        out.setdefault("url", _clean(metas["og:url"]))
    times = (normalise_timestamp(node.get("datetime") or "") for node in tree.iter("time"))
    out["time_elements"] = [t for t in times if t]
    return {k: v for k, v in out.items() if v}


def _body_paragraphs(article_body: str) -> list[str]:
    """JSON-LD articleBody as paragraphs: plain text split at line breaks, or, where a site
    puts markup in it, at paragraph and line-break tags with the tags dropped."""
    pieces = re.split(r"\n|</p>|<br\s*/?>", article_body, flags=re.I)
    if "<" in article_body:
        pieces = [lxml.html.fragment_fromstring(p, create_parent="div").text_content() if p.strip() else p for p in pieces]
    return [p for p in (_clean(piece) for piece in pieces) if p]


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
    """Whitespace collapsed and HTML entities decoded (JSON-LD often carries '&#8217;')."""
    return re.sub(r"\s+", " ", html_lib.unescape(value)).strip() or None if isinstance(value, str) else None


def _strip_site_suffix(title: str | None, outlet: str | None) -> str | None:
    """'Fire at the docks | Port Merrow Ledger' -> 'Fire at the docks' when the tail names the site."""
    if not title or not outlet:
        return title
    for sep in (" | ", " - ", " – ", " — ", " :: "):
        head, _, tail = title.rpartition(sep)
        if head and tail.strip().lower() in (outlet.lower(), outlet.lower().removeprefix("the ")):
            return head.strip()
    return title


def _authors(declared: list[str], organisation: bool, doc: Any, outlet: str | None) -> list[str]:
    """The declared authors (JSON-LD, else OpenGraph), unless trafilatura's reading of the
    page (meta tags and bylines) says more: it names a person where the declared author is
    only the site itself (a JSON-LD Organization, or the outlet's own name), or it lists
    the declared authors and others (a JSON-LD that names the first author only)."""
    read = _split_authors(doc.author if doc is not None else None)
    if not declared or not read:
        return declared or read
    site = _name_key(outlet or "")
    names_the_site = organisation or all(_name_key(a) == site for a in declared)
    if names_the_site and {_name_key(a) for a in read} != {_name_key(a) for a in declared}:
        return read
    if {_name_key(a) for a in declared} < {_name_key(a) for a in read}:
        return read
    return declared


def _name_key(name: str) -> str:
    """A name compared without case, spacing and punctuation ('Jungle World' = 'jungle.world')."""
    return re.sub(r"\W+", "", name).casefold()


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
        if kind is None and any(a.tag == "footer" for a in block.iterancestors()):
            kind = "footer"  # what the page sets in its <footer>, whatever its words
        if kind is None:
            kind = "navigation" if block.tag in ("a", "button", "li", "label") else "boilerplate"
        removed.append(Removed(text=text, kind=kind))
    return removed
