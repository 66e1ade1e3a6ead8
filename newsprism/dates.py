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
from dateutil.relativedelta import relativedelta

from .namedays import holiday_name, resolve_holiday

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# The day, or the part of it, in "the morning after ...", "the night before ..." (a regex alternation,
# shared by the readers that find such phrases and the resolver that dates them).
DAY_PARTS = "day|morning|afternoon|evening|night"
PARTS_OF_DAY = ("late", "early", "overnight", "night", "morning", "afternoon", "evening", "midnight", "noon", "midday", "tonight")
_PART_RE = re.compile(r"\b(late|early|overnight|night|morning|afternoon|evening|midnight|noon|midday|tonight)\b", re.I)
_FILLER_RE = re.compile(r"\b(on|in|at|by|the|of|this|shortly|before|after|just|until|since|from|around|about)\b", re.I)
# Durations and vague spans are not dates of anything.
_NOT_A_DATE = re.compile(
    r"^\s*((just|only|about|nearly|almost|some|more than|over|the|past|last|next|first|final|coming|previous)\s+)*"
    r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|\w+teen|\w+ty)[\s-]+(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b(?! ago)"
    r"|\b(hours|days|weeks|months|years|decades?)\b(?! ago)|^(annual|daily|weekly|monthly|yearly|recent|recently|now|currently)$",
    re.I,
)
# Kinds the quantities/dates guidelines leave out: week spans, decades, seasons, recurring
# and generic times.
_SKIPPED = re.compile(
    r"\bweek(s|end|ends)?\b|\b(the )?(\d{2,4}|'\d\d)'?s\b|\bcentur(y|ies)\b|^(every|each)\b"
    r"|\b(spring|summer|fall|autumn|winter)\b(?! \d)|^(the )?(same|other) day$|\bdays?\b.*\b(later|earlier)\b|^(the )?(future|past|present)$",
    re.I,
)
_CLOCK_RE = re.compile(r"\b\d{1,2}(:\d{2})?\s*[ap]\.?m\.?|\b\d{1,2}:\d{2}\b|\b\d{1,2} o['’]clock\b", re.I)
_RELATIVE_UNIT = re.compile(r"^(last|this|next|past) (week|month|year)$", re.I)
_YEAR_ONLY = re.compile(r"^\s*(in\s+)?(\d{4})\s*$", re.I)
_MONTH_ONLY = re.compile(
    r"^\s*(in\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(\s+\d{4})?\s*$", re.I
)


# Dates written as numbers that name one day of history: '9/11' is the 2001 attacks.
SLASH_NAMES = {"9/11": date(2001, 9, 11)}
# 'Sept. 11' with no year is, in US news, the name of that same day of history ('the Sept. 11
# attacks', 'after Sept. 11'), which dateparser cannot know: it reads the last 11 September.
SEPT_11 = re.compile(r"(?i)^(?:sept?\.?|september) 11(?:th)?$")
SEPT_11_ATTACKS = date(2001, 9, 11)
# ... except in an article published this close to that day of its year, where a yearless
# 'Sept. 11' can be this year's (a memorial ceremony, a speech that day): then the calendar
# reading stands unless the words go on to name the attacks (`names_the_attacks`).
SEPT_11_NEAR_DAYS = 45
# Nouns after a yearless 'Sept. 11' that make it the 2001 attacks whatever the article's date.
ATTACK_NOUNS = frozenset({
    "attack", "attacks", "terrorist", "terror", "hijacker", "hijackers", "hijackings", "plotter", "plotters",
    "commission", "families", "victims", "responders", "conspiracy", "truthers",
})


def near_sept_11(base: date) -> bool:
    """The day lies within SEPT_11_NEAR_DAYS of 11 September of its year."""
    return abs((base - date(base.year, 9, 11)).days) <= SEPT_11_NEAR_DAYS


def names_the_attacks(words: str, next_word: str) -> bool:
    """A yearless 'Sept. 11' followed by a noun of the attacks ('the Sept. 11 attacks')."""
    return bool(SEPT_11.match(words.strip())) and next_word.lower() in ATTACK_NOUNS
# Publication dates outside these years are placeholders ("0001-01-01") or typos.
PLAUSIBLE_YEARS = (1800, 2200)


@dataclass
class ResolvedDate:
    date: date
    granularity: str  # time, part_of_day, day, month, year
    part_of_day: str | None


def resolve(text: str, base: date | None, future: bool | None = False) -> ResolvedDate | None:
    """The calendar date a date expression refers to, or None when it names no date.
    `future` says the sentence looks ahead ("will reopen Monday"): a bare weekday, month or
    month-day is then the next such one (today's weekday is today), not the last; None says
    the tense is unknown and the nearer of the two is taken."""
    try:
        return _resolve(text, base, future)
    except (ValueError, OverflowError):  # a date beyond the calendar's range names nothing
        return None


# A time zone after a clock time ('10 p.m. EST', '9 p.m. Eastern', '10:30 p.m. local time'): the
# day is the same, and dateparser reads no US zone name, so it is taken off before parsing.
_TIME_ZONE = re.compile(
    r"(\b\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\b\.?|o['’]clock))\s+(?:(?:EST|EDT|ET|CST|CDT|CT|MST|MDT|PST|PDT|PT|GMT|UTC)\b"
    r"|(?:Eastern|Central|Mountain|Pacific)(?: (?:Standard |Daylight )?[Tt]ime)?\b|local time\b)",
)


def _resolve(text: str, base: date | None, future: bool | None) -> ResolvedDate | None:
    words = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
    words = _TIME_ZONE.sub(r"\1", words).strip(" -–—")  # spaCy takes in a dash after a time ('at 9 p.m. -')
    bounded = re.match(r"(?i)^(the )?(start|end|beginning|middle) of ", words)
    words = words[bounded.end() :] if bounded else words
    words = re.sub(r"(?i)\b(early|late|mid)-(?=[a-z])", r"\1 ", words)
    words = re.sub(r"(?i)^mid[- ]?(?=(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))", "", words)  # 'mid-September'
    if words in SLASH_NAMES:
        return ResolvedDate(SLASH_NAMES[words], "day", None)
    if base is not None and SEPT_11.match(words) and not near_sept_11(base):
        return ResolvedDate(SEPT_11_ATTACKS, "day", None)
    if base is not None:
        holiday = resolve_holiday(words, base, future)
        if holiday is not None:
            return ResolvedDate(holiday, "day", None)
    if base is not None and _AGO.match(words):  # before the skipped kinds: '5 years ago this week' is 5 years ago
        return _relative(words, base, future)
    if not words or _SKIPPED.search(words) or re.fullmatch(r"\d{1,3}(st|nd|rd|th)?", words):
        return None  # a bare '43' or '22nd' is an age or an ordinal, not a day
    if base is not None and bounded and re.fullmatch(r"(?i)(the|this) (year|month)", words):  # 'the end of the year'
        unit = words.split()[-1].lower()
        return ResolvedDate(base.replace(month=1, day=1) if unit == "year" else base.replace(day=1), unit, None)
    if base is not None:
        found = _relative(words, base, future)
        if found is not None:
            return found
    if _NOT_A_DATE.search(words):
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
                before = (base.weekday() - index) % 7 or (7 if lowered.startswith("last") else 0)
                after = (index - base.weekday()) % 7 or (7 if lowered.startswith("next") else 0)
                if lowered.startswith("next"):
                    ahead = True
                elif lowered.startswith("last"):
                    ahead = False
                else:
                    ahead = future if future is not None else after < before
                day = base + timedelta(days=after) if ahead else base - timedelta(days=before)
                return ResolvedDate(day, granularity, part_of_day)
        if lowered in ("", "today", "tonight") and part_of_day:
            return ResolvedDate(base, "time" if clock else "part_of_day", part_of_day)
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
    month_only = _MONTH_ONLY.match(core)
    if month_only:
        found = parsed.date().replace(day=1)
        if base is not None and not month_only.group(3):
            found = _nearest_year(found, base, future)
        return ResolvedDate(found, "month", None)
    found = parsed.date()
    named_day = _WEEKDAY_FIRST.match(core)
    month_day = named_day.group(2) if named_day else core
    if base is not None and not re.search(r"\b\d{4}\b|'\d\d\b", core) and _MONTH_DAY.match(month_day):
        if named_day:  # 'Tuesday, Nov. 17': the year in which that day is that weekday, nearest first
            weekday = WEEKDAYS.index(named_day.group(1).lower())
            fitting = [y for y in sorted(range(base.year - 1, base.year + 2), key=lambda y: abs(y - base.year)) if _weekday_of(found, y) == weekday]
            if fitting:
                return ResolvedDate(found.replace(year=fitting[0]), granularity, part_of_day)
        found = _nearest_year(found, base, future)
    return ResolvedDate(found, granularity, part_of_day)


def _weekday_of(day: date, year: int) -> int | None:
    try:
        return day.replace(year=year).weekday()
    except ValueError:  # 29 February
        return None


def _nearest_year(found: date, base: date, future: bool | None) -> date:
    """A month (or month and day) without a year: the last one for past events, the next
    one for future ones, the nearer of the two when the tense says nothing."""
    candidates = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            candidates.append(found.replace(year=year))
        except ValueError:  # 29 February
            continue
    past = max((c for c in candidates if c <= base), default=found)
    ahead = min((c for c in candidates if c >= base), default=found)
    if future is None:
        return past if (base - past) <= (ahead - base) else ahead
    return ahead if future else past


_UNIT_WORDS = {"year": "year", "years": "year", "month": "month", "months": "month", "day": "day", "days": "day", "decade": "decade", "decades": "decade"}
# 'N units ago', also with the part of the calendar it falls on ('74 years ago this month', '50 years
# ago today', '5 years ago this week'): the offset is exact, the tail only sharpens the day.
_AGO = re.compile(r"^(.+?) (years?|months?|days?|decades?) ago(?: (this week|this month|today|tonight))?$", re.I)
_THIS_UNIT = re.compile(r"^(?:(earlier|later|early|late) )?(this|last|next|the previous|the following|the next) (year|month)$", re.I)
_THIS_MONTH = re.compile(r"^(?:(early|late|mid|mid-)\s?)?(this|last|next|this past) ([a-z]+)\.?$", re.I)
_MONTH_OF_YEAR = re.compile(r"^(?:(early|late) )?([a-z]+\.?(?: \d{1,2}(?:st|nd|rd|th)?)?) of (this|last|next) year$", re.I)
_WEEKDAY_FIRST = re.compile(r"^(" + "|".join(WEEKDAYS) + r"),? (.+)$", re.I)
_DAY_AROUND = re.compile(r"^(?:the )?(" + DAY_PARTS + "|" + "|".join(WEEKDAYS) + r") (after|before) (.+)$", re.I)
_PART_OF = re.compile(r"^the (morning|afternoon|evening|night) of (.+)$", re.I)
_MONTH_DAY = re.compile(r"^[a-z]+\.? \d{1,2}(st|nd|rd|th)?$|^\d{1,2}(st|nd|rd|th)? (of )?[a-z]+\.?$", re.I)


def _month_number(word: str) -> int | None:
    word = word.lower().rstrip(".")
    for number, name in enumerate(MONTHS, start=1):
        if len(word) >= 3 and name.startswith(word[:3]) and (word == name or len(word) <= 4):
            return number
    return None


def _relative(words: str, base: date, future: bool | None) -> ResolvedDate | None:
    """Relative expressions dateparser reads with the wrong granularity or not at all:
    'three years ago' (a year), 'earlier this year', 'last December', 'June of last year'."""
    from .quantities import parse_number

    ago = _AGO.match(words)
    if ago:
        # 'a year ago' is one year ago (parse_number reads no bare article as a number)
        amount = (1.0, None, False) if ago.group(1).lower() in ("a", "an") else parse_number(ago.group(1))
        if amount is None or amount[2] or amount[0] != int(amount[0]):
            return None  # 'a few years ago', 'more than a year ago': no exact offset
        n, unit = int(amount[0]), _UNIT_WORDS[ago.group(2).lower()]
        tail = (ago.group(3) or "").lower()
        if unit == "year" and tail in ("today", "tonight", "this month"):  # '50 years ago today'
            day = base - relativedelta(years=n)  # 29 February -> 28 February
            return ResolvedDate(day, "day", None) if tail != "this month" else ResolvedDate(day.replace(day=1), "month", None)
        if unit in ("year", "decade"):
            return ResolvedDate(date(base.year - n * (10 if unit == "decade" else 1), 1, 1), "year", None)
        if unit == "month":
            return ResolvedDate((base - relativedelta(months=n)).replace(day=1), "month", None)
        return ResolvedDate(base - timedelta(days=n), "day", None)
    part_of = _PART_OF.match(words)
    if part_of:  # 'the evening of April 4': dateparser reads the date, not the part of its day
        day = resolve(part_of.group(2), base, future)
        if day is None or day.granularity in ("month", "year"):
            return None
        return ResolvedDate(day.date, "part_of_day", part_of.group(1).lower())
    around = _DAY_AROUND.match(words)
    if around:  # 'the day after Monday's debate', 'the morning before the vote on Nov. 3'
        anchor_words = re.sub(r"['’]s\b.*$", "", around.group(3))
        # a holiday anchor is the nearest one: 'was held the Saturday before Christmas' on 23 December
        # looks back at a Saturday, not at last year's Christmas
        anchor = resolve(anchor_words, base, None if holiday_name(anchor_words) else future)
        if anchor is None or anchor.granularity in ("month", "year"):
            return None
        step = timedelta(days=1 if around.group(2).lower() == "after" else -1)
        part = around.group(1).lower()
        if part in WEEKDAYS:  # 'the Saturday before Christmas': the nearest such weekday on that side
            day = anchor.date + step
            while day.weekday() != WEEKDAYS.index(part):
                day += step
            return ResolvedDate(day, "day", None)
        return ResolvedDate(anchor.date + step, "day" if part == "day" else "part_of_day", None if part == "day" else part)
    unit = _THIS_UNIT.match(words)
    if unit:
        step = {"this": 0, "last": -1, "the previous": -1, "next": 1, "the following": 1, "the next": 1}[unit.group(2).lower()]
        if unit.group(3).lower() == "year":
            return ResolvedDate(date(base.year + step, 1, 1), "year", None)
        return ResolvedDate((base + relativedelta(months=step)).replace(day=1), "month", None)
    this_month = _THIS_MONTH.match(words)
    if this_month and _month_number(this_month.group(3)):
        month = date(base.year, _month_number(this_month.group(3)) or 1, 1)
        which = this_month.group(2).lower()
        if which in ("last", "this past"):
            month = month if month < base.replace(day=1) else month.replace(year=base.year - 1)
        elif which == "next":
            month = month if month > base.replace(day=1) else month.replace(year=base.year + 1)
        return ResolvedDate(month, "month", None)
    of_year = _MONTH_OF_YEAR.match(words)
    if of_year:
        year = base.year + {"this": 0, "last": -1, "next": 1}[of_year.group(3).lower()]
        inner = resolve(f"{of_year.group(2)} {year}", None)
        return inner
    return None


def before_publication(found: ResolvedDate, words: str, published: datetime | None, future: bool | None) -> ResolvedDate:
    """A bare clock time ("at about 11:40 p.m.") resolves to the publication day; told in the
    past by an article published earlier that day, it can only be the night before (a
    Friday 7 a.m. report of an alarm at 11:40 p.m. means Thursday). Unchanged when the
    article's time of publication is unknown, the sentence looks ahead, or the words name
    a day of their own."""
    if published is None or future or found.granularity != "time" or found.date != published.date():
        return found
    minutes = bare_clock_minutes(words)  # 'Friday at 6 a.m.' names its day
    if minutes is None or minutes <= published.hour * 60 + published.minute:
        return found
    return ResolvedDate(found.date - timedelta(days=1), found.granularity, found.part_of_day)


def bare_clock_minutes(words: str) -> int | None:
    """Minutes after midnight of a clock time that names no day of its own ('about 10:30
    p.m. local time', 'by 9:30 p.m.'), or None ('Friday at 6 a.m.', 'noon', 'Tuesday')."""
    if not _CLOCK_RE.search(words):
        return None
    rest = _FILLER_RE.sub(" ", _CLOCK_RE.sub(" ", _TIME_ZONE.sub(r"\1", words)))
    if rest.strip(" ,.-–—") != "":
        return None
    return _clock_minutes(words)


def publication_moment(value: str | None) -> datetime | None:
    """The article's date and time of publication, or None when it gives a day only."""
    return parse_datetime(value) if value and "T" in value else None


def _clock_minutes(words: str) -> int | None:
    """Minutes after midnight of the clock time in `words` ('11:40 p.m.' -> 1420)."""
    clock = re.search(r"\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\b", words, re.I)
    if clock is None:
        return None
    hour, minute = int(clock.group(1)) % 12, int(clock.group(2) or 0)
    return (hour + (12 if clock.group(3).lower() == "p" else 0)) * 60 + minute


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
