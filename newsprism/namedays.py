"""Named days of the US and European calendar that news copy dates events by ('on Labor Day',
'Bastille Day', 'New Year's Eve', 'Election Day'), resolved to the calendar date of the
occurrence the sentence means.

dateparser reads no holiday names, and the `holidays` package is not a dependency (it
lists public holidays per country, without Election Day, Inauguration Day or the fixed days
of other countries that US news mentions, and without a way to pick the occurrence a
tense points to), so the short table is written here.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

# (month, day) of the days that fall on one date every year.
FIXED_DAYS = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "christmas": (12, 25), "christmas day": (12, 25),
    "christmas eve": (12, 24), "independence day": (7, 4), "fourth of july": (7, 4), "july fourth": (7, 4),
    "bastille day": (7, 14), "halloween": (10, 31), "valentine's day": (2, 14), "veterans day": (11, 11),
    "st. patrick's day": (3, 17), "juneteenth": (6, 19),
}
# (month, weekday Monday=0, n-th; -1 = last) of the days set by the weekday.
WEEKDAY_DAYS = {
    "labor day": (9, 0, 1), "memorial day": (5, 0, -1), "thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4),
    "martin luther king day": (1, 0, 3), "martin luther king jr. day": (1, 0, 3), "mlk day": (1, 0, 3),
    "presidents day": (2, 0, 3), "presidents' day": (2, 0, 3), "columbus day": (10, 0, 2),
}
# US federal Election Day (the Tuesday after the first Monday of November, even years) and
# Inauguration Day (20 January of the year after a presidential election).
ELECTION_DAY = "election day"
INAUGURATION_DAY = "inauguration day"
NAMES = set(FIXED_DAYS) | set(WEEKDAY_DAYS) | {ELECTION_DAY, INAUGURATION_DAY}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _in_year(name: str, year: int) -> date | None:
    if name in FIXED_DAYS:
        return date(year, *FIXED_DAYS[name])
    if name in WEEKDAY_DAYS:
        return _nth_weekday(year, *WEEKDAY_DAYS[name])
    if name == ELECTION_DAY:
        return _nth_weekday(year, 11, 0, 1) + timedelta(days=1) if year % 2 == 0 else None
    if name == INAUGURATION_DAY:
        return date(year, 1, 20) if year % 4 == 1 else None
    return None


def holiday_name(text: str) -> str | None:
    """The table's name for the holiday the words name ("Labor Day's", "the Fourth of July"), or None."""
    words = re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()
    words = re.sub(r"^(the |on |this |last |next )+", "", words)
    words = re.sub(r"('s|,? \d{4}| of \d{4})$", "", words).strip()
    return words if words in NAMES else None


def resolve_holiday(text: str, base: date, future: bool | None) -> date | None:
    """The holiday's date: in the year the words give, else the last occurrence on or before
    `base` for past events, the next for future ones; with no tense, the nearer one (Election
    Day: the coming one, which is what news without a year means by it)."""
    name = holiday_name(text)
    if name is None:
        return None
    year = _YEAR.search(text)
    if year:
        return _in_year(name, int(year.group(1)))
    candidates = [d for y in range(base.year - 4, base.year + 5) if (d := _in_year(name, y)) is not None]
    past = max((d for d in candidates if d <= base), default=None)
    ahead = min((d for d in candidates if d >= base), default=None)
    if future is None and name == ELECTION_DAY:
        future = True
    if future is None:
        if past is None or ahead is None:
            return past or ahead
        return past if base - past <= ahead - base else ahead
    return (ahead if future else past) or past or ahead
