"""Turning the words of a number into a value: '1,200' -> 1200, 'two' -> 2,
'$2.1 billion' -> 2.1e9 '$', '40%' / '40 percent' -> 40 '%', 'four-and-a-half years' -> 4.5
'year', 'three-quarters' -> 0.75 'fraction', '63-year-old' -> 63 'year', 'two dozen' -> 24.

spaCy finds where numbers are (CARDINAL, MONEY, PERCENT, QUANTITY entities); this reads
what they say. Written by hand because no maintained library normalises English number
phrases with their approximation markers and units (text2num-style libraries need exact
spelling, drop "about", "some", "nearly", and know neither "-year-old" nor "percentage
points")."""

from __future__ import annotations

import re

WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
# Multipliers of the number words before them: 'two dozen' = 24, 'three hundred' = 300.
WORD_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Parts of a whole: 'half' = 0.5, 'three-quarters' = 3 x 0.25, 'a third' = 1/3.
FRACTIONS = {
    "half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4, "quarters": 1 / 4,
    "fourth": 1 / 4, "fourths": 1 / 4, "fifth": 1 / 5, "fifths": 1 / 5, "tenth": 1 / 10, "tenths": 1 / 10,
}
VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
    "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}
APPROXIMATION_MARKERS = (
    "about", "around", "roughly", "some", "nearly", "almost", "approximately", "approx",
    "more than", "over", "at least", "up to", "under", "less than", "fewer than", "close to",
    "an estimated", "estimated", "upwards of", "upward of", "as many as", "as much as", "as high as",
    "well over", "plus", "couple",
)
CURRENCIES = {"$": "$", "€": "€", "£": "£", "usd": "$", "dollars": "$", "dollar": "$", "euros": "€", "euro": "€"}
# Measure words written after a number, and the unit they stand for.
UNIT_WORDS = {
    "percentage point": "percentage point", "percentage points": "percentage point",
    "point": "percentage point", "points": "percentage point",
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute",
    "hour": "hour", "hours": "hour", "day": "day", "days": "day", "week": "week", "weeks": "week",
    "month": "month", "months": "month", "year": "year", "years": "year", "year-old": "year",
    "years-old": "year", "decade": "decade", "decades": "decade",
    "mile": "mile", "miles": "mile", "acre": "acre", "acres": "acre", "pound": "pound", "pounds": "pound",
    "ton": "ton", "tons": "ton", "inch": "inch", "inches": "inch",
    "times": "times", "fold": "times", "twice": "times",
}

_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d,])")
_UNIT_RE = re.compile(
    r"(?:^|[\s\d-])(" + "|".join(sorted((re.escape(w) for w in UNIT_WORDS), key=len, reverse=True)) + r")\b"
)
_WORDS = re.compile(r"[a-z]+")
# Any approximation marker as a word, or '15-plus years'.
_APPROXIMATE = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, APPROXIMATION_MARKERS)) + r")\b|\d-plus\b")
_NUMERAL = r"(\d[\d,.]*|" + "|".join(WORD_NUMBERS) + r")"
_SHARE = re.compile(rf"\b{_NUMERAL} (?:(?:out )?of (?:every )?|in ){_NUMERAL}\b")


def parse_number(text: str) -> tuple[float, str | None, bool] | None:
    """(value, unit, approximate) for a number phrase, or None if it holds no number."""
    lowered = text.lower().replace("\u00a0", " ").strip()
    approximate = bool(_APPROXIMATE.search(lowered))
    value, fraction = _value(lowered)
    if value is None:
        return None
    return value, _unit(lowered, fraction), approximate


def _unit(lowered: str, fraction: bool) -> str | None:
    if "%" in lowered or re.search(r"\bper ?cent\b", lowered) and "percentage point" not in lowered:
        return "%"
    for sign, code in CURRENCIES.items():
        if sign in lowered if not sign.isalpha() else re.search(rf"\b{sign}\b", lowered):
            return code
    if re.search(r"[a-z]fold\b", lowered):
        return "times"
    if fraction and _SHARE.search(lowered):
        return "fraction"
    found = _UNIT_RE.search(lowered)
    if found:
        return UNIT_WORDS[found.group(1)]
    return "fraction" if fraction else None


def _value(lowered: str) -> tuple[float | None, bool]:
    """The number and whether it is a part of a whole ('half', 'one-fifth')."""
    share = _SHARE.search(lowered)
    if share:  # 'eight of 10', 'one of every nine'
        part, whole = (_value(share.group(i))[0] for i in (1, 2))
        # 'one in five' is a share, '5 in 2016' is not: an 'in' share has a small whole above its part
        if part is not None and whole and (" in " not in share.group(0) or part <= whole < 1000):
            return part / whole, True
    match = _NUMBER.search(lowered)
    if match:
        value = float(match.group(1).replace(",", ""))
        rest = lowered[match.end() :].lstrip()
        if rest[:1] in VULGAR:  # '5 ½ years'
            value += VULGAR[rest[0]]
        for scale, factor in SCALES.items():
            if re.match(rf"\s*-?{scale}\b", lowered[match.end() :]) and not (scale in ("m", "b", "k") and "$" not in lowered and "€" not in lowered and "£" not in lowered):
                value *= factor
                break
        return value, False
    words = _WORDS.findall(lowered)
    if "twice" in words:
        return 2.0, False
    fold = next((w[:-4] for w in words if w.endswith("fold") and w[:-4] in WORD_NUMBERS), None)
    if fold:  # 'threefold'
        return float(WORD_NUMBERS[fold]), False
    return _word_value(words)


def _word_value(words: list[str]) -> tuple[float | None, bool]:
    """'four and a half' -> 4.5, 'three quarters' -> 0.75, 'two dozen' -> 24, 'a third' -> 1/3,
    'twenty five million' -> 2.5e7 (hyphens are read as spaces)."""
    total, current, seen, fraction = 0.0, 0.0, False, False
    for index, word in enumerate(words):
        if word in WORD_NUMBERS:
            current += WORD_NUMBERS[word]
            seen = True
        elif word == "couple" and not seen:  # 'a couple', 'a couple dozen' (approximate: APPROXIMATION_MARKERS)
            current, seen = 2.0, True
        elif word in WORD_SCALES and (seen or (index > 0 and words[index - 1] == "a")):
            factor = WORD_SCALES[word]
            current = (current or 1) * factor
            if factor >= 1000:
                total, current = total + current, 0.0
            seen = True
        elif word in FRACTIONS and word not in ("fourth", "fourths") or word in ("fourths",) or (word == "fourth" and seen):
            part = FRACTIONS[word]
            if word in ("half", "halves") and seen and current:  # 'four and a half'
                current += part
            else:
                current = (current or 1) * part
                fraction = not total and current < 1
            seen = True
        elif word in ("a", "an", "and") and (not seen or word != "a" or index + 1 < len(words)):
            continue
        elif seen:
            break
    if not seen:
        return None, False
    return total + current, fraction


def values_agree(a: float, a_approx: bool, b: float, b_approx: bool) -> bool:
    """Two reported values of one measure agree when equal, or within the slack that a
    stated approximation ('about 1,200') allows."""
    if a == b:
        return True
    tolerance = 0.15 if (a_approx or b_approx) else 0.01
    return abs(a - b) <= tolerance * max(abs(a), abs(b))
