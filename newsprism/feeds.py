"""RSS and Atom feeds as inputs: one item per entry, as `file#N`. feedparser reads every
flavour of feed (RSS 0.9x-2.0, RDF, Atom) and survives the malformed ones crawls are full
of. An entry that carries the article (RSS `content:encoded`, Atom `content`) becomes an
HTML item for the clean stage, with the feed's own title, link, date and author; an entry
that gives only a summary is skipped with a reason that names the page to fetch, since a
teaser is not the article and newsprism never fetches pages itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html import escape
from typing import Any

import feedparser

from .models import InputRecord, RawItem, Reason

FEED_EXTENSIONS = {".rss", ".atom"}
# A feed's root element, looked for near the start of a file whatever its extension (.xml,
# .php, none): '<rss', '<feed xmlns="http://www.w3.org/2005/Atom"', '<rdf:RDF'.
_LOOKS_LIKE_FEED = re.compile(rb"<(rss[\s>]|feed[\s>]|rdf:RDF[\s>])", re.I)
# Below this many words an entry's text is a summary, not the article. It is the length
# under which the HTML cleaner rejects a page as too short to be an article.
MIN_ENTRY_WORDS = 40
# What separates a feed's outlet from its section in the feed's title ('Port Merrow
# Ledger - Local news', 'The Wire » Politics', 'Herald | Top stories').
_TITLE_SEPARATOR = re.compile(r"\s+[-–—|»:]\s+")
_TAG = re.compile(r"<[^>]+>")  # markup left out when an entry's words are counted
# WordPress ends every entry's content with a line of its own: 'The post <a>Title</a>
# appeared first on <a>Site</a>.' It is the feed's furniture: it goes in the page's footer,
# where the cleaner leaves it out and lists it as removed.
_SYNDICATION_FOOTER = re.compile(r"(?is)(<p[^>]*>\s*The post .{1,400}? appeared first on .{1,300}?</p>)\s*$")


def looks_like_feed(data: bytes) -> bool:
    return bool(_LOOKS_LIKE_FEED.search(data[:2048])) and not re.search(rb"<html[\s>]", data[:2048], re.I)


def read_feed(source: str, text: str) -> Iterator[RawItem | InputRecord]:
    """One RawItem or one rejection per entry of the feed in `text`."""
    parsed = feedparser.parse(text)
    if not parsed.entries:
        if parsed.bozo:
            problem = getattr(parsed.get("bozo_exception"), "args", [""])[0] or "it is not well-formed"
            yield InputRecord.rejected(source, "failed", Reason.INVALID_FEED, f"the feed cannot be read: {problem}")
        else:
            yield InputRecord.rejected(source, "skipped", Reason.EMPTY, "the feed has no entries")
        return
    outlet = _outlet(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry_item(f"{source}#{number}", entry, outlet)


def _entry_item(source: str, entry: Any, outlet: str | None) -> RawItem | InputRecord:
    title = (entry.get("title") or "").strip() or None
    link = (entry.get("link") or "").strip() or None
    bodies = [c.get("value") or "" for c in entry.get("content") or []]
    body = max(bodies, key=len, default="") or entry.get("summary") or ""
    words = len(_TAG.sub(" ", body).split())
    if words < MIN_ENTRY_WORDS:
        where = f"; the article is at {link}" if link else ""
        given = f"only a {words}-word summary of this entry" if words else "no text for this entry"
        return InputRecord.rejected(source, "skipped", Reason.SUMMARY_ONLY, f"the feed gives {given}{where}")
    heading = f"<h1>{escape(title)}</h1>" if title else ""
    footer = _SYNDICATION_FOOTER.search(body)
    if footer:
        body = body[: footer.start()]
    page = (
        f"<html><head><title>{escape(title or '')}</title></head><body><article>{heading}{body}</article>"
        f"<footer>{footer.group(1) if footer else ''}</footer></body></html>"
    )
    authors = [a.get("name", "").strip() for a in entry.get("authors") or [] if a.get("name", "").strip()]
    return RawItem(
        source=source, format="html", content=page, url=link, title=title, outlet=outlet,
        published=_published(entry), authors=authors,
    )


def _outlet(feed_title: str | None) -> str | None:
    """The outlet a feed's title names, before any section after it."""
    if not feed_title or not feed_title.strip():
        return None
    return _TITLE_SEPARATOR.split(feed_title.strip(), maxsplit=1)[0]


def _published(entry: Any) -> str | None:
    """The entry's date as the feed prints it, with its UTC offset (RSS prints RFC 822
    dates, Atom ISO 8601 ones), else feedparser's reading of it in UTC, else None."""
    for key in ("published", "updated"):
        raw = (entry.get(key) or "").strip()
        if not raw:
            continue
        for parse in (parsedate_to_datetime, datetime.fromisoformat):
            try:
                return parse(raw).isoformat()
            except (TypeError, ValueError, IndexError):
                continue
        when = entry.get(f"{key}_parsed")
        if when is not None:
            return datetime(*when[:6], tzinfo=UTC).isoformat()
    return None
