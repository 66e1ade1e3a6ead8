"""The publication date of an HTML page, from the timestamps its markup declares (JSON-LD
`datePublished`, OpenGraph `article:published_time`, `<time datetime>`) and the date it
prints, as htmldate reads it (trafilatura's `date`, a day without a time).

No library reconciles the two: htmldate returns one day and drops the time, and the
markup's timestamps disagree with the page often enough to matter (measured on
trafilatura-eval-other and wceb-2025 dev, see `tools/metadata_scores.py`):
- a site's JSON-LD and OpenGraph can name different days (one of them a template's
  stale value); the one that agrees with the printed day is the publication date;
- a timestamp in UTC, or with no zone, names an instant, not the day the outlet printed:
  '2019-01-01 00:11' in Berlin is '2018-12-31T23:11:59+00:00' in the markup.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import dateparser

from .metadata import parse_date

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_OFFSET = re.compile(r"[+-]\d{2}:\d{2}$")


def normalise_timestamp(value: str) -> str | None:
    """A timestamp as the markup spells it -> ISO 8601 ('2022-05-04T03:00:00 UTC' ->
    '2022-05-04T03:00:00+00:00'), a bare day kept as a day; None when it names no day."""
    value = value.strip()
    try:
        if _ISO_DAY.fullmatch(value):
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    if _ISO_DAY.match(value):
        # ISO-like but not ISO ('... UTC', seven decimals, an hour without its zero):
        # year, month, day in that order
        parsed = dateparser.parse(value, settings={"DATE_ORDER": "YMD"})
        if parsed is not None:
            return parsed.isoformat()
        try:  # a garbled time ('2022-05-04-0305:49:00-10800'): its day still holds
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    return parse_date(value)


def _day(timestamp: str) -> str:
    return timestamp[:10]


def _days_apart(first: str, second: str) -> int:
    return abs((date.fromisoformat(_day(first)) - date.fromisoformat(_day(second))).days)


def _zone_unknown_or_utc(timestamp: str) -> bool:
    """A timestamp whose day may not be the outlet's own: UTC, or a time with no zone."""
    return "T" in timestamp and (timestamp.endswith("+00:00") or not _OFFSET.search(timestamp))


def publication_date(declared: list[str], time_elements: list[str], printed: str | None) -> str | None:
    """`declared`: the page's structured publication timestamps, JSON-LD first, then
    OpenGraph; `time_elements`: its `<time datetime>` values in page order (a page's first
    one is its date only when nothing is declared: otherwise it is as often a sidebar's);
    `printed`: htmldate's day. All normalised. The day of a declared timestamp that agrees
    with the printed day wins; a UTC or zone-less one a day away from it yields to the
    printed day, with its time when a `<time>` element of that day gives it."""
    candidates = declared or time_elements[:1]
    if printed and _ISO_DAY.match(printed):
        agreeing = [c for c in candidates if _day(c) == printed[:10]]
        if agreeing:
            return agreeing[0]
        if candidates and _zone_unknown_or_utc(candidates[0]) and _days_apart(candidates[0], printed) == 1:
            return next((t for t in time_elements if _day(t) == printed[:10] and "T" in t), printed[:10])
    return candidates[0] if candidates else printed
