"""The number and date entities the quantity and date readers start from: spaCy's, plus the
plain numbers its small English model leaves untagged.

The small model misses many numbers that sit in ordinary news sentences ('to 42 percent',
'more than 1 million asylum seekers', 'well over a million dollars', 'served from 1991 to
2007', 'the 1967 Protocol'), most often next to another entity or in a long list. spaCy's
`like_num` still marks their tokens, so a run of number tokens outside every entity is
given the label an entity would have had, read from the words around it. Only runs that
hold a digit, or a number word with a scale ('a million'), are taken: a lone number word
('one', 'two') outside an entity is usually a pronoun or a determiner, which is why NER
left it out.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span

from .doccache import doc_ents

_EXTRA = "newsprism.measure_ents"
# Scale words that make a number of the word before them ('a million', '1.5 billion').
SCALE_WORDS = frozenset({"hundred", "thousand", "million", "billion", "trillion", "dozen"})
CURRENCY_SIGNS = frozenset({"$", "€", "£", "US$"})
CURRENCY_WORDS = frozenset({"dollars", "dollar", "euros", "euro"})
PERCENT_WORDS = frozenset({"percent", "%", "pct"})
# A four-digit number in this range, alone, is a year ('in 1976', 'the 1967 Protocol').
YEAR_RANGE = (1900, 2099)
_YEAR = re.compile(r"\d{4}")
# Entity kinds whose names hold the year of the law or event they name.
NAMES_WITH_YEARS = frozenset({"LAW", "EVENT"})
# Digits that are a code, not an amount: '9/11', '800-273-8255', '2:30'.
_CODE = re.compile(r"[/:]|\d-\d")
_ORDINAL_SUFFIX = re.compile(r"\d(st|nd|rd|th)$", re.I)
# Unit words that make a lone number word a measure ('six percentage points').
UNIT_AFTER_WORDS = frozenset({"percentage", "points"})
# Multipliers written as one word: 'threefold', 'fourfold'.
_FOLD = re.compile(r"(two|three|four|five|six|seven|eight|nine|ten)fold")
_MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august "
    "september october november december".split()
)
# A height in feet and inches, one token to spaCy ('6\'3"').
_HEIGHT = re.compile(r"[4-7]['’]\d{1,2}")
_SHARE_LINK = re.compile(r"in|out of|out of every|of every")


def _is_number(token: Any) -> bool:
    """A number token; an ordinal ('1st Amendment') names a place in a sequence, not an amount."""
    return bool(token.like_num) and not _CODE.search(token.text) and not _ORDINAL_SUFFIX.search(token.text)


def _label(doc: Any, start: int, end: int) -> str:
    before = doc[start - 1].text if start > 0 else ""
    after = doc[end].lower_ if end < len(doc) else ""
    if before in CURRENCY_SIGNS or after in CURRENCY_WORDS:
        return "MONEY"
    if after in PERCENT_WORDS:
        return "PERCENT"
    text = doc[start:end].text
    if end - start == 1 and _YEAR.fullmatch(text) and YEAR_RANGE[0] <= int(text) <= YEAR_RANGE[1]:
        return "DATE"
    return "CARDINAL"


def _untagged_runs(doc: Any) -> list[Any]:
    """Spans over runs of number tokens that no entity covers."""
    covered = {i for ent in doc_ents(doc) for i in range(ent.start, ent.end)}
    out = []
    i = 0
    while i < len(doc):
        token = doc[i]
        starts_run = _is_number(token) or (
            token.lower_ == "a" and i + 1 < len(doc) and doc[i + 1].lower_ in SCALE_WORDS - {"hundred"}
        )
        if i in covered or not starts_run:
            i += 1
            continue
        end = i + 1
        while end < len(doc) and end not in covered and (_is_number(doc[end]) or doc[end].lower_ in SCALE_WORDS):
            end += 1
        run = doc[i:end]
        after = doc[end].lower_ if end < len(doc) else ""
        if _in_a_name(doc, i) and not (i > 1 and doc[i - 1].text in ("-", "–") and i - 2 in covered):  # '600-700' is a range
            i = end
            continue
        if (
            any(ch.isdigit() for ch in run.text)
            or (any(t.lower_ in SCALE_WORDS for t in run) and run[0].lower_ not in SCALE_WORDS)  # not 'a thousand-yard stare'
            or after in PERCENT_WORDS | UNIT_AFTER_WORDS  # 'six percentage points'
        ):
            out.append(Span(doc, i, end, label=_label(doc, i, end)))
        i = end
    out += [  # 'the 1984 Convention against Torture', 'the 1994 crime bill' tagged as a law or an event
        Span(doc, t.i, t.i + 1, label="DATE")
        for ent in doc_ents(doc)
        if ent.label_ in NAMES_WITH_YEARS
        for t in ent
        if _YEAR.fullmatch(t.text) and YEAR_RANGE[0] <= int(t.text) <= YEAR_RANGE[1]
    ]
    out += [
        Span(doc, t.i, t.i + 1, label="CARDINAL")
        for t in doc
        if t.i not in covered and (t.lower_ == "twice" or _FOLD.fullmatch(t.lower_) or _HEIGHT.fullmatch(t.text))
    ]
    return out


def _in_a_name(doc: Any, i: int) -> bool:
    """A number after a capitalised word inside a sentence ('Section 1001', 'Perceptions 301',
    'Psychology 1-0') or after a hyphen is part of a name, a code or a score; NER left it
    untagged for that reason. A month name before it makes a date ('June 12'), which stays."""
    if i == 0:
        return False
    before = doc[i - 1]
    if before.text in ("-", "–") or before.text.lower().rstrip(".") in _MONTHS:
        return before.text in ("-", "–")
    if not (before.text[:1].isupper() and before.is_alpha):
        return False
    return before.i > before.sent.start or before.pos_ in ("PROPN", "NOUN")  # 'Section 1001 can be applied'


def _joined_shares(ents: list[Any]) -> list[Any]:
    """'one in five', 'one out of every three', '4 to 1', 'two or three': spaCy tags the two
    numbers apart; the share or ratio is one quantity, the alternative one range to split."""
    out: list[Any] = []
    for ent in ents:
        previous = out[-1] if out else None
        if (
            previous is not None and previous.label_ == "CARDINAL" and ent.label_ == "CARDINAL"
            and (
                _SHARE_LINK.fullmatch(ent.doc[previous.end : ent.start].text)
                or (ent.doc[previous.end : ent.start].text in ("to", "-") and ent.text.lower() in ("1", "one"))  # '4 to 1', '2-1'
                or ent.doc[previous.end : ent.start].text == "or"  # 'two or three harbors': both approximate
            )
        ):
            out[-1] = Span(ent.doc, previous.start, ent.end, label="CARDINAL")
            continue
        out.append(ent)
    return out


def measure_entities(doc: Any) -> tuple[Any, ...]:
    """spaCy's entities and the untagged number runs, in text order (built once a document)."""
    found = doc.user_data.get(_EXTRA)
    if found is None:
        ents = sorted(doc_ents(doc) + tuple(_untagged_runs(doc)), key=lambda e: e.start)
        found = doc.user_data[_EXTRA] = tuple(_joined_shares(ents))
    return found
