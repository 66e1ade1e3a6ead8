"""Turning the words of a number into a value: '1,200' -> 1200, 'two' -> 2,
'$2.1 billion' -> 2.1e9 '$', '40%' / '40 percent' -> 40 '%'.

spaCy finds where numbers are (CARDINAL, MONEY, PERCENT, QUANTITY entities); this reads
what they say. Written by hand because no maintained library normalises English number
phrases with their approximation markers (text2num-style libraries need exact spelling
and drop "about", "some", "nearly")."""

from __future__ import annotations

import re

WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12, "a hundred": 100,
    "hundred": 100, "a thousand": 1000, "half": 0.5, "a third": 1 / 3, "a quarter": 0.25,
}
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
    "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}
APPROXIMATION_MARKERS = (
    "about", "around", "roughly", "some", "nearly", "almost", "approximately", "approx",
    "more than", "over", "at least", "up to", "under", "less than", "fewer than", "close to",
    "an estimated", "estimated", "upwards of", "as many as",
)
CURRENCIES = {"$": "$", "€": "€", "£": "£", "usd": "$", "dollars": "$", "euros": "€", "pounds": "£"}

_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d,])")


def parse_number(text: str) -> tuple[float, str | None, bool] | None:
    """(value, unit, approximate) for a number phrase, or None if it holds no number."""
    lowered = text.lower().strip()
    approximate = any(re.search(rf"\b{re.escape(m)}\b", lowered) for m in APPROXIMATION_MARKERS)
    unit = None
    if "%" in lowered or re.search(r"\bper ?cent\b", lowered):
        unit = "%"
    for sign, code in CURRENCIES.items():
        if sign in lowered if not sign.isalpha() else re.search(rf"\b{sign}\b", lowered):
            unit = code
            break
    match = _NUMBER.search(lowered)
    value: float | None = None
    if match:
        value = float(match.group(1).replace(",", ""))
    else:
        for word in sorted(WORD_NUMBERS, key=len, reverse=True):
            if re.search(rf"\b{word}\b", lowered):
                value = float(WORD_NUMBERS[word])
                break
    if value is None:
        return None
    for scale, factor in SCALES.items():
        if re.search(rf"(?<=[\d\s]){scale}\b", lowered) and not (scale in ("m", "b", "k") and unit is None):
            value *= factor
            break
    return value, unit, approximate


def values_agree(a: float, a_approx: bool, b: float, b_approx: bool) -> bool:
    """Two reported values of one measure agree when equal, or within the slack that a
    stated approximation ('about 1,200') allows."""
    if a == b:
        return True
    tolerance = 0.15 if (a_approx or b_approx) else 0.01
    return abs(a - b) <= tolerance * max(abs(a), abs(b))
