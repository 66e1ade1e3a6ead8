"""Reading article metadata from the lines of a page: bylines, date lines, datelines and
the outlet's name. Used by the text-copy cleaner, and by the HTML cleaner when the
markup carries no structured metadata.

A field nobody can know stays None: these functions never guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import dateparser

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_TIME = r"(?:,?\s+(?:at\s+)?(?P<time>\d{1,2}(?::\d{2})\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?:\s*(?P<tz>ET|EST|EDT|CT|PT|PST|PDT|GMT|UTC|BST|CET|CEST))?)?"
# '19.10.2019': day, month, year with dots, as German, Austrian, Swiss, Dutch, Nordic and
# Eastern European pages print dates; no country writes month first with dots.
_DOTTED = r"(?P<dotted>(?<![\d.])\d{1,2}\.\d{1,2}\.\d{4}(?![\d.]\d))"
# Day-first dates with a month name in the languages of most European news pages: '18.
# Oktober 2019', '19 octobre 2019', '1er mai 2023', '4 de mayo de 2022'. The names come from
# dateparser's own locale data, which parses them.
DAY_FIRST_LANGUAGES = ("de", "fr", "es", "it", "nl", "pt")
MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")


def _month_names(languages: Iterable[str]) -> str:
    from dateparser.languages.loader import default_loader

    names = {
        name.lower()
        for code in languages
        for key in MONTH_KEYS
        for name in default_loader.get_locale(code).info.get(key, [])
        if len(name) >= 3
    }
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


_DAY_FIRST = rf"\d{{1,2}}(?:\.|er)?\s+(?:de\s+)?(?:{_month_names(DAY_FIRST_LANGUAGES)})\.?,?\s+(?:del?\s+)?\d{{4}}"
DATE_PATTERN = re.compile(
    rf"(?P<date>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_DAY_FIRST}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|{_DOTTED}){_TIME}",
    re.I,
)
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")

# 'By Jane Doe', and the same in the languages of DAY_FIRST_LANGUAGES: 'Von Lisa Borch',
# 'Erstellt von Andri Bryner', 'Text: Jon Nitz', 'Por Juliet Jimenez', 'Par Emmanuelle
# Ducros', 'Di Mario Rossi', 'Door Anne de Vries'. The names after it must be capitalised,
# so a sentence that opens with the same word ('Von den 27 Staaten ...') is no byline.
BYLINE_PATTERN = re.compile(
    r"^(?:by:?|written by|words by|reporting by|posted by|story by|(?:article )?written by:|authors?:"
    r"|von:?|(?:erstellt|geschrieben|verfasst) von|text:|autor(?:in)?:|por|par|di|door|auteur:)\s+(?P<names>.+)$",
    re.I,
)
# where a byline's names end and its date begins
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+"
_BYLINE_DATE = re.compile(rf"\s+(?:(?:le|am|on|el|il|op|at)\s+)?(?=\d|(?:{_WEEKDAY})?{_MONTH}\s+\d)", re.I)
# between two names of one byline: a comma (Oxford 'and' after it too), '&', or 'and' in the
# languages BYLINE_PATTERN reads ('A, B und C', 'A y B', 'A et B', 'A en B', 'A e B', 'A og B');
# none is a name word, so splitting at them never cuts a name
_AND = r"(?:and|und|y|e|et|en|og|och|i)"
_BYLINE_JOINER = re.compile(rf",\s*(?:{_AND}\s+)?|\s+{_AND}\s+|\s*&\s*")
# one word of a byline's name: capitalised, or a particle a name may hold ('Anne de Vries')
BYLINE_NAME_WORD = r"[A-Z][\w'’.-]*|de|van|von|da|del|la|al|bin"
_NAME_TOKEN = re.compile(rf"^(?:{BYLINE_NAME_WORD})$")

DATELINE_PATTERN = re.compile(
    r"^(?P<place>[A-Z][A-Za-z .'’-]{1,40}?),\s*(?:(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)\s*)?"
    r"(?:\((?P<agency>[^)]{2,40})\)\s*)?[—–-]{1,2}\s"
)

COPYRIGHT_PATTERN = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<name>[^.|]+?)\s*(?:[.,|]|all rights reserved|$)",
    re.I,
)
BIO_OUTLET_PATTERN = re.compile(
    r"\b(?:reporter|correspondent|writer|editor|journalist|columnist|producer)\s+(?:for|at|with)\s+(?:the\s+)?"
    r"(?P<name>(?:[A-Z][\w'’&-]*)(?:\s+[A-Z][\w'’&-]*){0,3})"
)


def parse_date(text: str) -> str | None:
    """One date expression -> ISO date, or datetime when the text gives a time."""
    match = DATE_PATTERN.search(text)
    if not match:
        return None
    if match.group("dotted"):
        day, month, _ = (int(part) for part in match.group("dotted").split("."))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return None  # dateparser would swap day and month ('3.14.2019'): not this form
    return _parse_expression(match.group(0), bool(match.group("dotted")), bool(match.group("time")))


@lru_cache(maxsize=4096)
def _parse_expression(expression: str, day_first: bool, has_time: bool) -> str | None:
    """dateparser's reading of one absolute date expression (DATE_PATTERN always holds a
    year, so the reading does not depend on today). Cached: a text copy's cleaning asks
    about the same date line several times, and dateparser takes about 2 ms a call, a
    sixth of a text copy's cleaning before the cache."""
    settings = {"PREFER_DAY_OF_MONTH": "first"}
    if day_first:
        settings["DATE_ORDER"] = "DMY"
    value = dateparser.parse(expression, settings=settings)
    if value is None:
        return None
    if has_time or _ISO_DATETIME.search(expression):
        return value.isoformat()
    return value.date().isoformat()


def find_date(lines: Iterable[str]) -> str | None:
    """The publication date among header lines: a 'Published/Posted' line first, an
    'Updated' line last, otherwise the first date line."""
    found: list[tuple[int, str]] = []
    for line in lines:
        iso = parse_date(line)
        if iso is None:
            continue
        lowered = line.lower()
        rank = 0 if lowered.startswith(("published", "posted")) else 2 if "updated" in lowered else 1
        found.append((rank, iso))
    if not found:
        return None
    return min(found, key=lambda f: f[0])[1]


def parse_byline(line: str) -> list[str]:
    """'By Jane Doe and John Roe' / 'Reporting by A; Editing by B' -> reporters' names."""
    match = BYLINE_PATTERN.match(line.strip())
    if not match:
        return []
    names = re.split(r"[;|⋅•·]| - | — ", match.group("names"))[0]  # 'By A ⋅ Senior Analyst ⋅ Updated ...'
    names = _BYLINE_DATE.split(names)[0]  # 'Por Juliet Jimenez 5 mayo, 2022', 'Par Ana Gil le 14.09.2020'
    out = []
    for part in _BYLINE_JOINER.split(names):
        part = part.strip().rstrip(".")
        tokens = part.split()
        if 1 <= len(tokens) <= 5 and all(_NAME_TOKEN.match(t) for t in tokens):
            out.append(part)
        elif not out:
            return []  # 'By clicking Continue, you agree to our Privacy Policy': a byline opens with a name
    return out


ROLE_WORDS = frozenset(
    "reporter correspondent editor writer columnist journalist producer contributor staff critic analyst".split()
)


def is_role_line(line: str) -> bool:
    """'Coastal Affairs Correspondent': the job line under a byline name."""
    words = line.split()
    return 1 <= len(words) <= 6 and words[-1].lower().strip(".,") in ROLE_WORDS and all(w[:1].isupper() for w in words)


def parse_dateline(line: str) -> tuple[str | None, str | None]:
    """'PORT MERROW, Nov 13 (Meridian Wire) - ...' -> ('Port Merrow', 'Meridian Wire')."""
    match = DATELINE_PATTERN.match(line)
    if not match:
        return None, None
    place = match.group("place").strip()
    if place.isupper():
        place = place.title()
    return place, match.group("agency")


def outlet_from_lines(lines: list[str]) -> str | None:
    """The outlet as a reader names it, from what the page itself says: a copyright
    line, a wire dateline, or an author bio ('a reporter for the Northgate Herald')."""
    for line in lines:
        match = COPYRIGHT_PATTERN.match(line.strip())
        if match and 1 <= len(match.group("name").split()) <= 6:
            return _strip_article(match.group("name"))
    for line in lines:
        _, agency = parse_dateline(line.strip())
        if agency:
            return agency
    for line in lines:
        match = BIO_OUTLET_PATTERN.search(line)
        if match:
            return match.group("name")
    return None


def _strip_article(name: str) -> str:
    name = name.strip(" .,")
    return name[4:] if name.lower().startswith("the ") and name[4:5].isupper() and not name.startswith("The ") else name
