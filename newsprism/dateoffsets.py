"""Dates told as an offset from another event: 'weeks after her election', 'three days
before the March 3 vote', 'two months after his arrest'. spaCy tags such a phrase as a
duration ('Three weeks') or not at all ('Weeks'), and neither dateparser nor spaCy reads
the date of the event it counts from, which the article gives elsewhere ('Okafor was
elected in March 2024'), so this module looks it up among the dates the article names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from .dateanchors import DAY_GRANULARITIES, DatedMention
from .dates import ResolvedDate
from .doccache import doc_text
from .measures import in_sentence
from .models import Article, DateValue, Extraction

COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
# 'weeks after', 'a few days before', 'three months after', 'a year after'; not 'the day
# after the primary' (`datereadings._around_event` reads it) and not 'hours after' (no
# date is finer than the day the event it counts from is dated to).
_OFFSET = re.compile(
    r"(?i)(?<!the )(?<!\w)(?:(?P<vague>a few|a couple of|several|some|many)\s+|(?P<count>\d{1,3}|"
    + "|".join(COUNT_WORDS)
    + r")\s+)?(?P<unit>day|week|month|year)s?\s+(?P<relation>after|before)\s"
)
# Words before a count that make it no offset from the event: 'the three years after',
# 'this month before', 'in the two weeks before' (a stretch of time, not a point in it),
# 'six to eight months after' (a range, of which one end is no date).
_NOT_AN_OFFSET_AFTER = frozenset(
    {"the", "this", "that", "these", "those", "last", "next", "past", "first", "to", "or", *COUNT_WORDS, "few", "several"}
)
INDEFINITE = frozenset({"a", "an", "another", "any", "each", "every", "some"})
# How an event noun is made from the verb that dates it ('elect' -> 'election', 'resign' ->
# 'resignation', 'arrive' -> 'arrival'). spaCy has no derivational morphology, and WordNet's
# derivation links need a data download, so the common English nominal suffixes are listed.
NOMINAL_SUFFIXES = ("ion", "ation", "ition", "ment", "ement", "al", "ure", "ance", "ence", "ing")
MIN_STEM = 4


def names_event(noun: str, mention: DatedMention) -> bool:
    """Whether `noun` (a lemma) names the event `mention` dates: a noun it dates ('the
    June 7 primary' -> primary), or a noun made from its verb ('was elected in March' ->
    election; 'voted on Tuesday' -> vote)."""
    if noun in mention.nouns or noun == mention.verb:
        return True
    stem = mention.verb[:-1] if mention.verb.endswith("e") else mention.verb
    return len(stem) >= MIN_STEM and noun.startswith(stem) and noun[len(stem):] in NOMINAL_SUFFIXES


def _anchor_date(noun: Any, start: int, mentions: list[DatedMention], sentence_at: Callable[[int], Any]) -> DatedMention | None:
    """The date the article gives the event `noun` names, outside quotation marks: the
    latest named before `start`, else the first named after it. A noun a name or another
    noun makes specific ('the New Hampshire primary', "Carrier's announcement") is that
    event only where the date's sentence names it too: the article may date another
    primary. A date earlier in the same sentence is the offset's own, set beside it ('In
    an email dated Feb. 12 - seven months before the attack'), not the event's."""
    lemma = noun.lemma_.lower()
    marks = [c.text for c in noun.children if c.dep_ in ("compound", "poss", "nmod") and c.pos_ in ("PROPN", "NOUN")]
    here = sentence_at(start)
    known = []
    for m in mentions:
        sentence = sentence_at(m.start)
        if m.quoted or sentence is None or not names_event(lemma, m) or not all(w in sentence.text for w in marks):
            continue
        if here is not None and sentence.start_char == here.start_char and m.start < start:
            continue
        known.append(m)
    before = [m for m in known if m.start < start]
    if before:
        return before[-1]
    return known[0] if known else None


def shifted(anchor: ResolvedDate, count: int, unit: str, after: bool) -> ResolvedDate | None:
    """The anchor moved by an exact offset, or None when the anchor is too coarse for the
    unit ('three days after' an event dated only to its month)."""
    sign = 1 if after else -1
    if unit in ("day", "week"):
        if anchor.granularity not in DAY_GRANULARITIES:
            return None
        return ResolvedDate(anchor.date + timedelta(days=sign * count * (7 if unit == "week" else 1)), "day", None)
    if unit == "month":
        if anchor.granularity == "year":
            return None
        granularity = "month" if anchor.granularity == "month" else "day"
        return ResolvedDate(anchor.date + relativedelta(months=sign * count), granularity, None)
    return ResolvedDate(anchor.date + relativedelta(years=sign * count), anchor.granularity, None)


def offset_dates(
    article: Article, doc: Any, sent_of: dict[int, Any], mentions: list[DatedMention], found: list[Extraction],
    event_of: Callable[[Any], str],
) -> list[Extraction]:
    """Every offset date of the article whose event it dates elsewhere, or inside the
    phrase itself ('the March 3 vote'); `found` are the dates read so far, and a date
    inside an offset phrase is not a date of its own (as 'the day after Monday's debate'
    is one date). Returns all dates, in the order of the text."""
    text = doc_text(doc)
    if not _OFFSET.search(text):
        return found  # most articles have no offset phrase: no token index to build
    by_char = {t.idx: t for t in doc}

    def sentence_at(char: int) -> Any:
        token = by_char.get(char)
        return sent_of[token.i] if token is not None else None

    out = list(found)
    added = False
    for m in _OFFSET.finditer(text):
        relation = by_char.get(m.start("relation"))
        if relation is None or relation.i + 1 >= len(doc) or _word_before(text, m.start()).lower() in _NOT_AN_OFFSET_AFTER:
            continue  # 'the three years after the merger' is a span of time, 'this month before' no offset
        if not (m.group("count") or m.group("vague") or m.group(0).split()[0].lower().endswith("s")):
            continue  # a bare 'month before' is no offset
        noun = next((c for c in relation.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)
        if noun is None or noun.i <= relation.i:
            continue  # 'weeks after the scandal broke': a clause, not an event noun
        if any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in noun.children):
            continue  # 'days before a debate': any debate, not the one the article dated
        end = noun.idx + len(noun.text)
        inside = [e for e in out if e.focus is not None and e.date is not None and relation.idx < e.focus.start < end]
        anchor = _event_date(noun, m.start(), inside, mentions, sentence_at)
        if anchor is None:
            continue  # the article never says when that event was: nothing to resolve
        count_word = (m.group("count") or "").lower()
        count = COUNT_WORDS.get(count_word) or (int(count_word) if count_word.isdigit() else None)
        after = m.group("relation").lower() == "after"
        exact = shifted(anchor, count, m.group("unit").lower(), after) if count else None
        resolved = exact or ResolvedDate(anchor.date, anchor.granularity, anchor.part_of_day)
        start = m.start()
        sent = sent_of[relation.i]
        event = event_of(relation)
        out = [e for e in out if e not in inside]
        added = True
        out.append(
            in_sentence(
                article, doc, sent, start, end, kind="date", context=event,
                date=DateValue(
                    date=resolved.date.isoformat(), granularity=resolved.granularity,  # type: ignore[arg-type]
                    part_of_day=resolved.part_of_day, event=event,
                    anchor=text[relation.idx + len(relation.text):end].strip(),
                    offset=None if exact else " ".join(text[start : m.end("relation")].lower().split()),
                ),
            )
        )
    if added:
        out.sort(key=lambda e: e.focus.start if e.focus is not None else e.mention.start)
    return out


def _word_before(text: str, index: int) -> str:
    """The whitespace-delimited word that ends before `index` ('' at the start)."""
    end = index
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _event_date(
    noun: Any, start: int, inside: list[Extraction], mentions: list[DatedMention], sentence_at: Callable[[int], Any]
) -> ResolvedDate | None:
    """The date of the event an offset counts from: the date printed inside its phrase
    ('the March 3 vote'), else the one the article gives that event elsewhere."""
    if inside:
        d = inside[0].date
        assert d is not None
        return ResolvedDate(date.fromisoformat(d.date), d.granularity, d.part_of_day)
    if any(c.dep_ in ("amod", "nummod") or c.like_num for c in noun.subtree if c.i < noun.i):
        # 'the next election' is not the election the article dated ('elected in 2022'), and
        # 'the September 11 attack' names its own date, which was not read
        return None
    mention = _anchor_date(noun, start, mentions, sentence_at)
    return ResolvedDate(mention.day, mention.granularity, mention.part_of_day) if mention is not None else None
