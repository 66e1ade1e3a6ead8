"""Resolving the date and time words of a news sentence against the article's date.

dateparser reads absolute dates and most relative ones. Two news conventions it does
not follow are handled here first, which is why this module exists:
- a bare weekday ('on Friday', 'late Thursday') in news copy means the most recent such
  day on or before the publication date (dateparser's 'past' preference skips today);
- part-of-day words ('late', 'early', 'overnight', 'night') qualify a day; dateparser
  gives up on them, so they are taken off and kept as `part_of_day`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import dateparser

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
PARTS_OF_DAY = ("late", "early", "overnight", "night", "morning", "afternoon", "evening", "midnight", "noon", "midday", "tonight")
_PART_RE = re.compile(r"\b(late|early|overnight|night|morning|afternoon|evening|midnight|noon|midday|tonight)\b", re.I)
_FILLER_RE = re.compile(r"\b(on|in|at|by|the|of|this|shortly|before|after|just|until|since|from|around|about)\b", re.I)
# Durations and vague spans are not dates of anything.
_NOT_A_DATE = re.compile(
    r"^\s*(\d+|a|an|one|two|three|several|few|many|\w+teen|\w+ty)\s+(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b"
    r"|\b(hours|days|weeks|months|years)\b(?! ago)|^(annual|daily|weekly|monthly|yearly|recent|recently|now|currently)$",
    re.I,
)
_CLOCK_RE = re.compile(r"\b\d{1,2}(:\d{2})?\s*[ap]\.?m\.?|\b\d{1,2}:\d{2}\b", re.I)
_RELATIVE_UNIT = re.compile(r"^(last|this|next|past) (week|month|year)$", re.I)
_YEAR_ONLY = re.compile(r"^\s*(in\s+)?(\d{4})\s*$", re.I)
_MONTH_ONLY = re.compile(
    r"^\s*(in\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(\s+\d{4})?\s*$", re.I
)


# Publication dates outside these years are placeholders ("0001-01-01") or typos.
PLAUSIBLE_YEARS = (1800, 2200)


@dataclass
class ResolvedDate:
    date: date
    granularity: str  # time, part_of_day, day, month, year
    part_of_day: str | None


def resolve(text: str, base: date | None, future: bool = False) -> ResolvedDate | None:
    """The calendar date a date expression refers to, or None when it names no date.
    `future` says the sentence looks ahead ("will reopen Monday"): a bare weekday is
    then the next such day, not the last."""
    try:
        return _resolve(text, base, future)
    except (ValueError, OverflowError):  # a date beyond the calendar's range names nothing
        return None


def _resolve(text: str, base: date | None, future: bool) -> ResolvedDate | None:
    words = text.strip()
    if not words or _NOT_A_DATE.search(words):
        return None
    clock = _CLOCK_RE.search(words)
    part = _PART_RE.search(words)
    part_of_day = clock.group(0).lower() if clock else part.group(1).lower() if part else None
    core = _FILLER_RE.sub(" ", _PART_RE.sub(" ", _CLOCK_RE.sub(" ", words)))
    core = re.sub(r"\s+", " ", core).strip(" ,.")
    lowered = core.lower()
    granularity = "time" if clock else "part_of_day" if part_of_day else "day"
    if base is not None:
        for index, name in enumerate(WEEKDAYS):
            if lowered in (name, f"last {name}", f"next {name}"):
                ahead = lowered.startswith("next") or (future and not lowered.startswith("last"))
                if ahead:
                    day = base + timedelta(days=(index - base.weekday()) % 7 or 7)
                else:
                    delta = (base.weekday() - index) % 7
                    day = base - timedelta(days=delta or (7 if lowered.startswith("last") else 0))
                return ResolvedDate(day, granularity, part_of_day)
        if lowered in ("", "today", "tonight") and part_of_day:
            return ResolvedDate(base, "part_of_day", part_of_day)
        if lowered == "today":
            return ResolvedDate(base, "day", None)
        if lowered in ("yesterday", "last"):  # "last night" leaves "last" once 'night' is taken off
            return ResolvedDate(base - timedelta(days=1), granularity, part_of_day)
    year = _YEAR_ONLY.match(core)
    if year:
        return ResolvedDate(date(int(year.group(2)), 1, 1), "year", None)
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day, 12, 0)
    if not core:
        return None
    try:
        parsed = dateparser.parse(core, languages=["en"], settings=settings)  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        return None
    if parsed is None:
        return None
    unit = _RELATIVE_UNIT.match(core)
    if unit and unit.group(2).lower() in ("month", "year"):
        first = parsed.date().replace(day=1) if unit.group(2).lower() == "month" else date(parsed.year, 1, 1)
        return ResolvedDate(first, unit.group(2).lower(), None)
    if _MONTH_ONLY.match(core):
        return ResolvedDate(parsed.date().replace(day=1), "month", None)
    return ResolvedDate(parsed.date(), granularity, part_of_day)


def parse_iso(value: str | None) -> date | None:
    found = parse_datetime(value)
    return found.date() if found else None


def parse_datetime(value: str | None) -> datetime | None:
    """ISO date or datetime -> naive datetime in the article's own local time (offsets are
    dropped: outlets of one story mostly share a time zone, and mixing aware and naive
    values would fail)."""
    if not value:
        return None
    try:
        found = datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None
    return found if PLAUSIBLE_YEARS[0] <= found.year <= PLAUSIBLE_YEARS[1] else None
