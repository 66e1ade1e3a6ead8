"""The day a date is told from when it is not the article's date.

News resolves 'today' and a bare clock time against the publication day, but two kinds of
sentence are told from another day that the article itself names:
- a quotation says 'tonight' or 'yesterday' from the day it was spoken: 'Hannity indicated
  Tuesday night ... "Marco Rubio won tonight"' in a Wednesday article means Tuesday night;
- a clock time with no day of its own belongs to the day of the event being told: 'Thompson
  started Thursday ...  By 2:30 p.m., Thompson was talking' in a Friday article is Thursday.

dateparser resolves words against one base date and knows nothing of the text around them,
and no library we use links a date to the speech or event it dates across sentences, so
these rules are written here. They only move a date to a day the article has named, a few
days before publication; they never invent a day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .speakers import SAY_VERBS

# A day named this many days before publication or fewer can be the day a quote was spoken or
# an event told with bare clock times happened (news reports last week's events by weekday).
MAX_DAYS_BEFORE = 6
# A speech day is looked for only this many characters before the quoted word: the
# attribution sits in the quote's sentence or the one or two before it.
SPEECH_WINDOW_CHARS = 400
# A clock time before this hour told after an evening or night event is past midnight of
# that night: 'wrapped late Monday night ... landed in inboxes at 1:48 a.m.' is Tuesday.
SMALL_HOURS_END = 6
# Nouns of a spoken or written statement: a date on them ('in a Thursday interview', 'the
# email sent Tuesday night') dates the words the article goes on to quote.
# Occasions where many speak ('Tuesday's news conference', 'a rally') are left out: their date is
# often the event a later speaker comments on the day after.
SPEECH_NOUNS = frozenset({"speech", "interview", "remark", "statement", "email", "tweet", "address", "appearance", "letter", "post"})
# Verbs a speaker's date hangs on besides the verbs of saying ('Hannity indicated Tuesday
# night that ...'). Verbs of doing ('closed', 'sent') count only with a statement noun.
SPEECH_VERBS = SAY_VERBS | {"indicate"}
# Relative day words whose day depends on when they were said.
_DEICTIC = re.compile(r"(?i)\b(today|tonight|yesterday|tomorrow|last night|this (morning|afternoon|evening))\b")
_NIGHT_PARTS = frozenset({"night", "evening", "late", "tonight"})
# Granularities that name one day.
DAY_GRANULARITIES = frozenset({"day", "part_of_day", "time"})


@dataclass(frozen=True)
class DatedMention:
    """A date the article has already named, with what it takes to anchor later dates to it."""

    start: int
    day: date
    granularity: str
    part_of_day: str | None
    quoted: bool  # inside quotation marks
    spoken: bool  # it dates a statement ('said on Thursday', 'a Tuesday interview')
    nouns: frozenset[str] = frozenset()  # lemmas of the nouns it dates ('the June 7 primary' -> primary)
    verb: str = ""  # the lemma of the verb it dates ('was elected in March' -> elect)


def is_deictic(words: str) -> bool:
    return bool(_DEICTIC.search(words))


# Relative words that name the evening they are said on.
_THIS_EVENING = re.compile(r"(?i)\b(tonight|this evening)\b")


def night_of_event(words: str, days_named: set[date], base: date) -> date | None:
    """The day before publication, for a quoted 'tonight' whose speech the article does not date,
    when the article names that day outside quotation marks (anywhere in it: 'Trump offered
    promises Monday' may come after his quote): news of an evening (a primary, a debate, a
    speech) is published the morning after, so its quotes' 'tonight' is that night ('what voters
    confirmed here tonight' after 'Tuesday's primary'). A quoted 'today' or 'yesterday' is as
    often said to the reporter on the day of publication, so it stays there."""
    night = base - timedelta(days=1)
    return night if _THIS_EVENING.search(words) and night in days_named else None


def dates_a_statement(ent: Any, verb: Any | None) -> bool:
    """The date hangs on a verb of saying or on a statement noun, or the verb it hangs on
    takes such a noun as its object ('closed her speech on Tuesday night') or describes one
    ('an email sent on Tuesday night')."""
    if verb is not None and verb.lemma_.lower() in SPEECH_VERBS:
        return True
    head = ent.root.head
    if head.lemma_.lower() in SPEECH_NOUNS:
        return True
    if verb is None:
        return False
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in SPEECH_NOUNS:
        return True
    return any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in SPEECH_NOUNS for c in verb.children)


def _recent(mention: DatedMention, base: date) -> bool:
    return mention.granularity in DAY_GRANULARITIES and base - timedelta(days=MAX_DAYS_BEFORE) <= mention.day < base


def speech_day(mentions: list[DatedMention], start: int, base: date) -> date | None:
    """The day the quote holding a relative day word at `start` was spoken: the nearest
    earlier date, outside quotation marks and within the window, that dates a statement
    and lies in the days before publication. None when the article names no such day."""
    for mention in reversed(mentions):
        if start - mention.start > SPEECH_WINDOW_CHARS:
            return None
        if not mention.quoted and mention.spoken and _recent(mention, base):
            return mention.day
    return None


def event_day(mentions: list[DatedMention], base: date, minutes: int | None) -> date | None:
    """The day a bare clock time belongs to: the day of the latest event the article dated
    before it, when that day lies in the days before publication (the publication day leaves
    the clock time there). Skipped on the way back: dates in quotes, statements made on the
    publication day ('the minister said early Friday' dates the telling, not the event) and
    dates ahead of publication ('the May 10 primary' is an aside). A time in the small hours
    after an evening or night is the next calendar day."""
    for mention in reversed(mentions):
        if mention.quoted or mention.day > base or mention.granularity not in DAY_GRANULARITIES:
            continue
        if mention.spoken and mention.day == base:
            continue
        if not _recent(mention, base):
            return None
        night = mention.part_of_day in _NIGHT_PARTS
        if night and minutes is not None and minutes < SMALL_HOURS_END * 60:
            return mention.day + timedelta(days=1)
        return mention.day
    return None


def event_noun_day(mentions: list[DatedMention], noun: str) -> date | None:
    """The day of the latest event, dated before outside quotation marks, that `noun` names:
    'the night before the California primary' after 'the June 7 primary' is 6 June. None when
    the article has dated no such event to a day."""
    for mention in reversed(mentions):
        if mention.quoted or mention.granularity not in DAY_GRANULARITIES:
            continue
        if noun in mention.nouns:
            return mention.day
    return None
