"""Dates of a news article as claims: each date with the event it dates, read from spaCy's
entities and dependency parse. `dates.py` turns the words into calendar values; this module
decides which words are dates, which way the sentence looks (past or ahead) and what each
date dates. The parse helpers shared with numbers live in `measures.py`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Span

from .dateanchors import (
    MAX_DAYS_BEFORE,
    DatedMention,
    dates_a_statement,
    event_day,
    event_noun_day,
    is_deictic,
    night_of_event,
    speech_day,
)
from .dateoffsets import offset_dates
from .dates import (
    DAY_PARTS,
    SEPT_11_ATTACKS,
    WEEKDAYS,
    ResolvedDate,
    bare_clock_minutes,
    before_publication,
    names_the_attacks,
    publication_moment,
    resolve,
)
from .doccache import doc_ents, doc_text
from .measures import DATE_LABELS, governing_verb, in_sentence, is_age, is_duration, verb_phrase
from .models import Article, DateValue, Extraction
from .namedays import NAMES as HOLIDAY_NAMES
from .namedays import holiday_name
from .numberspans import measure_entities
from .quotespans import QuoteSpan, quote_spans

FUTURE_AUXILIARIES = {"will", "would", "shall", "'ll", "wo"}
# Verbs whose infinitive looks ahead: 'plans to', 'aims to spend ... before the November elections'.
INTENT_VERBS = {"expect", "plan", "schedule", "set", "due", "aim", "hope", "want", "intend", "seek", "prepare", "vow", "promise", "threaten"}
# Verbs of saying, which news puts in the present for what was just said ('Trump says Monday').
REPORTING_VERBS = {"say", "tell", "announce", "report", "write", "tweet", "argue", "insist", "claim", "add", "note", "show", "find", "suggest"}
# States and poses, which news (and photo captions) put in the present for the moment described
# ('stand in front of a polling place on Tuesday', 'appears fully behind him'), not ahead of it.
STATE_VERBS = {"be", "have", "stand", "sit", "appear", "seem", "remain", "look", "feel", "know", "think", "believe", "wait", "watch", "listen", "speak", "talk", "walk", "greet"}
# Modals that put an event ahead unless a perfect follows ('could lose in November', not 'could have').
FUTURE_MODALS = {"may", "might", "could", "can", "should", "must"}

def _event_of(token: Any) -> str:
    """'fire break out' for the verb a date attaches to, with its subject."""
    verb = governing_verb(token)
    if verb is None:
        return ""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        subject = verb.head  # "the blaze, which broke out on Friday" -> blaze
    noun = subject.lemma_.lower() if subject is not None else ""
    return f"{noun} {verb_phrase(verb)}".strip()


def _looks_ahead(verb: Any) -> bool:
    """'will reopen', 'would decide', 'is expected to reopen', 'plans to': future events."""
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in verb.children):
        return True
    head = verb.head if verb.dep_ == "xcomp" else None
    return head is not None and head.lemma_ in INTENT_VERBS


def _date_spans(doc: Any) -> list[tuple[int, int, Any]]:
    """DATE/TIME entities with a part of the day that spaCy cut off put back ('Tuesday' +
    'night' -> 'Tuesday night'), as (start_char, end_char, the entity that leads)."""
    out: list[tuple[int, int, Any]] = []
    for ent in sorted(measure_entities(doc) + _untagged_dates(doc), key=lambda e: e.start):
        if not _is_date_entity(ent):
            continue
        start = ent.start_char
        if ent.start > 0 and doc[ent.start - 1].lower_ in _DATE_DETERMINERS and ent.text.lower() != "year" or (
            ent.text.lower() == "year" and ent.start > 0 and doc[ent.start - 1].lower_ in ("this", "that", "last", "next")
        ):
            start = doc[ent.start - 1].idx  # spaCy left out the word that says which ('this November', "that year's")
        lowered = ent.text.lower()
        if lowered in ("next year", "following year", "previous year", "prior year") and ent.start > 0:
            first = ent.start - 1 - (ent.start > 1 and doc[ent.start - 1].lower_ == "very")
            if doc[first].lower_ == "the":  # 'the very next year' is told by the year before it
                start = doc[first].idx
        around = _DAY_AROUND_BEFORE.search(doc_text(doc)[max(0, start - 30) : start])
        if around:  # 'the day after Monday's vote': spaCy tagged only 'Monday'
            start -= len(around.group(0))
        end_char = ent.end_char
        if lowered in ("a year", "one year") and ent.end < len(doc) and doc[ent.end].lower_ in ("later", "prior", "earlier", "before"):
            end_char = doc[ent.end].idx + len(doc[ent.end].text)  # 'a year prior'
        if out and out[-1][2].end <= ent.start and (
            doc_text(doc)[out[-1][1] : start].strip() == ""
            or doc_text(doc)[out[-1][1] : start] == " of " and _PART_OF_DAY.match(doc_text(doc)[out[-1][0] : out[-1][1]])
            or doc_text(doc)[out[-1][1] : start] == " on " and _CLOCK_ONLY.match(doc_text(doc)[out[-1][0] : out[-1][1]])
            or doc_text(doc)[out[-1][1] : start] in (" before ", " after ") and holiday_name(ent.text) is not None
            and doc_text(doc)[out[-1][0] : out[-1][1]].lower() in WEEKDAYS
        ):  # 'Tuesday' + 'night'; 'the evening' + 'of' + 'April 4'; '6:30 a.m.' + 'on' + 'March 19, 2002';
            # 'Saturday' + 'before' + 'Christmas' (the holiday only says which Saturday)
            out[-1] = (out[-1][0], ent.end_char, out[-1][2])
            continue
        out.append((start, end_char, ent))
    return out


# Date words spaCy's small model leaves untagged, found with patterns: a clock time at the head of
# a live blog's entry ('8:20 a.m.' on a line of its own; one inside a sentence that spaCy missed is
# more often a slot or a habit, 'from 6AM to 9AM EST', 'stay up past 10 p.m.'), a holiday it reads
# as a person or nothing ("Valentine's Day", 'Labor Day is barely over'), and 'the day before' + a
# clause ('the day before the donations were made').
_UNTAGGED_CLOCK = re.compile(r"(?m)^[ \t]*\d{1,2}(?::\d\d)?\s?(?:[ap]\.m\.|[ap]m\b|[AP]M\b)(?=[ \t]*[:.]?[ \t]*$)")
_UNTAGGED_HOLIDAY = re.compile(
    r"\b(?:" + "|".join(re.escape(n).replace("'", "['’]") for n in sorted(HOLIDAY_NAMES, key=len, reverse=True)) + r")\b", re.I
)
_UNTAGGED_AROUND = re.compile(r"\b[Tt]he (?:" + DAY_PARTS + r")(?= (?:after|before) )")


def _untagged_dates(doc: Any) -> tuple[Any, ...]:
    """Spans over the date words of those patterns that no DATE or TIME entity covers."""
    covered = {i for ent in doc_ents(doc) if _is_date_entity(ent) for i in range(ent.start, ent.end)}
    text = doc_text(doc)
    out = []
    for pattern, label in ((_UNTAGGED_CLOCK, "TIME"), (_UNTAGGED_HOLIDAY, "DATE"), (_UNTAGGED_AROUND, "DATE")):
        for match in pattern.finditer(text):
            if pattern is _UNTAGGED_HOLIDAY and not match.group(0)[:1].isupper():
                continue  # 'christmas' in lower case is no holiday's name here
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None and not any(i in covered for i in range(span.start, span.end)):
                out.append(Span(doc, span.start, span.end, label=label))
                covered.update(range(span.start, span.end))
    return tuple(out)


def _days_named(doc: Any, spans: list[tuple[int, int, Any]], quotes: list[QuoteSpan], base: date) -> list[DatedMention]:
    """The days the article names anywhere by a weekday, 'yesterday' or 'last night' outside
    quotation marks, on or before publication, with the nouns of the events they date."""
    out = []
    for start, end, ent in spans:
        words = re.sub(r"['’]s$", "", doc_text(doc)[start:end]).strip()
        if any(q.start <= start < q.end for q in quotes) or not _DAY_WORDS.match(words):
            continue
        found = resolve(words, base, future=False)
        if found is not None and found.date <= base:
            out.append(DatedMention(start, found.date, found.granularity, found.part_of_day, False, False, _dated_nouns(ent, governing_verb(ent.root))))
    return out


_DAY_WORDS = re.compile(
    r"(?i)^(?:(?:early|late) )?(?:" + "|".join(WEEKDAYS) + r"|yesterday|last night)(?: (?:morning|afternoon|evening|night))?$"
)
_PART_OF_DAY = re.compile(r"^the (morning|afternoon|evening|night)$", re.I)
_CLOCK_ONLY = re.compile(r"^(?:about |around )?\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?$", re.I)
_DAY_AROUND_BEFORE = re.compile(r"\bthe (?:" + DAY_PARTS + r") (?:after|before) $", re.I)
# Words before a month or weekday that say which one; spaCy sometimes leaves them outside.
_DATE_DETERMINERS = frozenset({"this", "last", "next"})
_SLASH_DATE = re.compile(r"\d{1,2}/\d{1,2}(?:/\d{2}|/\d{4})?")


def _is_date_entity(ent: Any) -> bool:
    """A DATE/TIME entity, a holiday spaCy calls an event ('Labor Day'), or a date written
    with slashes that it calls a number ('9/11', '9/17/16')."""
    if ent.label_ in DATE_LABELS:
        return True
    if holiday_name(ent.text) is not None:
        return True
    return ent.label_ == "CARDINAL" and bool(_SLASH_DATE.fullmatch(ent.text))


# Words before a clock time that make it a routine, not a date ('weekdays from 6 a.m.').
_ROUTINE_WORDS = frozenset({"weekdays", "weekends", "daily", "nightly", "every", "each", "mornings", "evenings", "nights"})
_DATE_RANGE = re.compile(r"^(?:between\s+|from\s+)?(.+?)\s*(?:-|–|\bto\b|\band\b|\bthrough\b)\s*(\d{1,4})$", re.I)
_PART_ALONE = re.compile(
    r"^(the\s+)?((early|late)[-\s])?(morning|afternoon|evening|night|midnight|noon|overnight|daytime|nighttime)$", re.I
)


def _skipped_date(doc: Any, ent: Any, text: str) -> bool:
    """Date words that date nothing here: a duration or an age (quantities), a weekday in a
    show's name ('Breitbart News Saturday'), a part of the day with no day, 'every December'."""
    if is_duration(ent) or is_age(ent) or _PART_ALONE.match(text.strip()):
        return True
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ in ("every", "each"):
        return True
    if before is not None and before.lower_ in ("merry", "happy") and holiday_name(ent.text) is not None:
        return True  # a greeting ('Merry Christmas') names no day
    single_weekday = len(ent) == 1 and ent.text.lower() in WEEKDAYS
    if single_weekday and before is not None and before.text == "News":
        return True  # 'Fox News Sunday', 'Breitbart News Saturday'
    # a clock time naming a programme slot or a habit ('the 4 p.m. local news', "the show's 9 a.m.
    # hour", 'another 6 a.m. workout') dates nothing: a determiner or possessive before, a noun after
    after = doc[ent.end] if ent.end < len(doc) else None
    if (
        before is not None and (before.tag_ in ("DT", "PRP$", "POS") or before.lower_ in ("the", "a"))
        and after is not None and after.pos_ in ("NOUN", "ADJ") and re.search(r"\d\s*[ap]\.?m", text)
    ):
        return True
    # a clock time of a routine ('weekdays from 6:00 a.m.', 'nightly at 9 p.m.', 'every Friday, from
    # 8 a.m.') dates no event, nor does one whose verb's subject is a recurring stretch of time ('their
    # days begin at 4:30 a.m.'): both are habits, not events. The routine words may stand before the
    # start of a range ('daily from 8 a.m. until 10 p.m.', which spaCy may tag apart from its start).
    before_text = _RANGE_START.sub("", doc_text(doc)[max(0, ent.start_char - 60) : ent.start_char])
    before_words = re.findall(r"[a-z]+", before_text[-30:].lower())
    clock = bool(re.search(r"\d\s*[ap]\.?m|:\d\d", text))
    return clock and (bool(set(before_words[-3:]) & _ROUTINE_WORDS) or _routine_subject(ent))


# The start of a clock-time range that ends where a later clock time begins ('from 8 a.m. until ').
_RANGE_START = re.compile(r"(?i)\b\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?|noon)?\s*(?:to|until|till|through|and|-|–)\s*$")
# Subjects that make a present-tense clock time a routine ('their days begin at 4:30 a.m.', 'the
# day shift starts around 6 a.m. and finishes about 4 p.m.'): a stretch of time that recurs.
ROUTINE_SUBJECTS = frozenset({"day", "shift", "workday", "routine", "schedule", "week", "morning", "night"})


def _routine_subject(ent: Any) -> bool:
    """The clock time hangs on a present-tense verb whose subject is a recurring stretch of time."""
    verb = governing_verb(ent.root)
    if verb is None or verb.tag_ not in ("VBZ", "VBP"):
        return False
    holders = [verb, verb.head] if verb.dep_ == "conj" else [verb]  # '... and finishes about 4 p.m.'
    subjects = [c for v in holders for c in v.children if c.dep_ == "nsubj"]
    return any(s.lemma_.lower() in ROUTINE_SUBJECTS for s in subjects[:1])


def _a_quoted_title(body: str, start: int, end: int, quotes: list[QuoteSpan]) -> bool:
    """Date words that are the whole of a quotation, with a capital, are a programme's name
    (NBC's "Today", CBS's "This Morning,"), not a date."""
    words = body[start:end].strip(" ,.")
    return words[:1].isupper() and any(q.start <= start < q.end and body[q.start : q.end].strip(" ,.") == words for q in quotes)


def _after_since(token: Any, verb: Any | None) -> bool:
    """The date hangs from 'since' on its way up to its verb."""
    node = token
    while node.head.i != node.i and node is not verb:
        if node.head.lower_ == "since":
            return True
        node = node.head
    return False


def _direction(verb: Any | None, sent: Any, adverbial: bool = True) -> bool | None:
    """True for a future event, False for a past one, None when the tense does not say.
    `adverbial`: the date dates the verb's event, not a noun ('a Feb. 1 letter warns')."""
    if verb is None:
        return None
    # a conjoined verb or an 'if'/'when' clause shares its head's time ('could lose ... if he is on the ticket in November')
    heads = [verb, verb.head] if verb.dep_ in ("conj", "advcl") else [verb]

    def modal_ahead(v: Any) -> bool:
        auxes = [c.lower_ for c in v.children if c.dep_ == "aux"]
        return any(a in FUTURE_MODALS for a in auxes) and "have" not in auxes

    if any(_looks_ahead(v) or modal_ahead(v) for v in heads):
        return True
    if verb.lemma_ in ("schedule", "slate", "set", "plan", "expect") and verb.tag_ == "VBN":
        return True  # 'is scheduled for Dec. 15'
    if verb.tag_ in ("VBD", "VBN") or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBN") for c in verb.children):
        return False
    if verb.tag_ in ("VBP", "VBZ") and verb.lemma_ not in REPORTING_VERBS | STATE_VERBS and verb.sent.start > 0 and adverbial:
        return True  # 'Democrats vote Tuesday', 'hold caucuses on Saturday': a scheduled event (not a headline)
    return None


def dates(
    article: Article, doc: Any, sent_of: dict[int, Any], base: date | None
) -> list[Extraction]:
    """Every date of the article, quoted ones included (resolved against the article's date;
    a quote's own date, when the article gives one, is not looked for)."""
    out = []
    published = publication_moment(article.published)
    quotes = quote_spans(doc_text(doc))
    spans = _date_spans(doc)
    named = _days_named(doc, spans, quotes, base) if base is not None else []
    days_named = {m.day for m in named}
    mentions: list[DatedMention] = []  # the dates named so far, which later ones may be told from
    for start, end, ent in spans:
        text = doc_text(doc)[start:end]
        sent = sent_of[ent.start]
        verb = governing_verb(ent.root)
        around = _around_event(doc, ent, mentions, named)
        if around is not None and not (out and out[-1].mention.end > start):  # not an apposition already read
            around_end, found = around
            event = _event_of(ent.root)
            mentions.append(DatedMention(start, found.date, found.granularity, found.part_of_day, False, False))
            out.append(
                in_sentence(
                    article, doc, sent, start, around_end, kind="date", context=event,
                    date=DateValue(date=found.date.isoformat(), granularity=found.granularity,  # type: ignore[arg-type]
                                   part_of_day=found.part_of_day, event=event),
                )
            )
            continue
        if _skipped_date(doc, ent, text) or _a_quoted_title(doc_text(doc), start, end, quotes):
            continue
        adverbial = ent.root.dep_ not in ("compound", "nmod", "amod", "poss")
        ahead = _direction(verb, sent, adverbial=adverbial)
        if ahead and not adverbial and ent.root.head.pos_ in ("NOUN", "PROPN") and ent.root.lower_ in WEEKDAYS:
            # "Monday's decision will make ...": the verb's future does not date the decision, so the
            # nearest such weekday (a month on a noun keeps the verb's way: 'the November election will')
            ahead = None
        if _after_since(ent.root, verb):
            ahead = False  # 'since their Oct. 13 debate' looks back whatever the verb's tense
        if any(t.lower_ in ("next", "upcoming") for t in ent.root.head.children):
            ahead = True  # 'the next GOP debate ... Dec. 15'
        text = re.sub(r"['’]s$", "", text)
        text = re.sub(r"(?i)[\s,]+(?:to|and|through|or|until)$", "", text)  # 'July 14 to' (spaCy took the link word)
        text = re.sub(r"\s+[-–—]$", "", text)  # 'at 9 p.m. -' (spaCy took the dash)
        end = start + len(text)
        parts: list[tuple[int, int, str]] = [(start, end, text)]
        ranged = _DATE_RANGE.match(text)
        pair = re.match(r"^(?:between\s+|from\s+)?(.+?)\s+(?:and|to|through)\s+(.+)$", text, re.I)
        if pair and base is not None and resolve(pair.group(1), base) and resolve(pair.group(2), base):
            left_start, right_start = start + pair.start(1), start + pair.start(2)
            parts = [(left_start, start + pair.end(1), pair.group(1)), (right_start, end, pair.group(2))]
        elif ranged:
            left, right = ranged.group(1), ranged.group(2)
            left_start = start + text.index(left)
            right_start = start + ranged.start(2)
            if len(right) == 4 and re.fullmatch(r"\d{4}", left.strip()):
                parts = [(left_start, left_start + len(left), left), (right_start, end, right)]
            elif len(right) <= 2 and re.match(r"^[A-Za-z]+\.? \d{1,2}$", left.strip()):
                month = left.strip().rsplit(" ", 1)[0]
                parts = [(left_start, left_start + len(left), left), (right_start, end, f"{month} {right}")]
        anchored = _ANCHORED_YEAR.fullmatch(text.strip())
        if anchored:
            years = re.findall(r"\b(1[89]\d\d|20\d\d)\b", doc_text(doc)[sent.start_char : start])
            if years:
                step = 0 if anchored.group(1) else 1 if anchored.group(2) or anchored.group(3) else -1
                parts = [(start, end, str(int(years[-1]) + step))]
            elif anchored.group(1):
                continue  # 'that year' with no year before it names none we know
        elif (
            parts == [(start, end, text)] and base is not None and not _ANCHORED_TO_PREVIOUS.fullmatch(text.strip())
            and resolve(text, base, future=ahead) is None
        ):
            parts = _fallback_parts(start, text)
        for p_start, p_end, words in parts:
            previous = out[-1].date if out and _same_paragraph(doc_text(doc), out[-1].sentence.start, p_start) else None
            quoted = any(q.start <= p_start < q.end for q in quotes)
            told_from = base
            if base is not None and quoted and is_deictic(words):
                told_from = (
                    speech_day(mentions, p_start, base)  # '"... won tonight," Hannity said Tuesday'
                    or _deictic_event_day(ent, mentions, base)  # '"Tonight's debate ..."' after 'Monday's debate'
                    or night_of_event(words, days_named, base)  # a victory speech's 'tonight' the morning after
                    or base
                )
            next_word = re.match(r"[\s,]*([A-Za-z]*)", doc_text(doc)[p_end : p_end + 40]).group(1)  # type: ignore[union-attr]
            if names_the_attacks(words, next_word):  # 'the Sept. 11 attacks' in a September article
                resolved: ResolvedDate | None = ResolvedDate(SEPT_11_ATTACKS, "day", None)
            else:
                resolved = _from_previous(words, previous) or resolve(words, told_from, future=ahead)
            if resolved is None:
                continue
            resolved = _on_event_day(resolved, words, base, mentions, ahead, doc_text(doc), p_start) or before_publication(
                resolved, words, published, ahead
            )
            mentions.append(
                DatedMention(
                    p_start, resolved.date, resolved.granularity, resolved.part_of_day, quoted, dates_a_statement(ent, verb),
                    _dated_nouns(ent, verb), verb.lemma_.lower() if verb is not None else "",
                )
            )
            event = _event_of(ent.root)
            out.append(
                in_sentence(
                    article, doc, sent, p_start, p_end, kind="date", context=event,
                    date=DateValue(
                        date=resolved.date.isoformat(),
                        granularity=resolved.granularity,  # type: ignore[arg-type]
                        part_of_day=resolved.part_of_day,
                        event=event,
                    ),
                )
            )
            appositive = _PART_OF_THAT_DAY.match(doc_text(doc)[p_end : sent.end_char])
            if appositive and resolved.granularity == "day":  # 'on Feb. 4, the morning of the MSNBC debate'
                a_start = p_end + appositive.start(1)
                part = appositive.group(2).lower()
                out.append(
                    in_sentence(
                        article, doc, sent, a_start, p_end + appositive.end(1), kind="date", context=event,
                        date=DateValue(
                            date=resolved.date.isoformat(),
                            granularity="day" if part == "day" else "part_of_day",
                            part_of_day=None if part == "day" else part,
                            event=event,
                        ),
                    )
                )
    return offset_dates(article, doc, sent_of, mentions, out, _event_of)


# 'the day after', 'the night before' followed by an event ('the primary', 'her speech'): spaCy
# tags only 'the day' / 'the night', and no library reads the day from the event's own date,
# which the article gave earlier ('the June 7 primary'), so `_around_event` looks it up.
_AROUND_WORDS = re.compile(r"(?i)^the (" + DAY_PARTS + r")$")
_AROUND_EVENT = re.compile(r"(?i)^\s+(after|before)\s+(?:the|his|her|their|its)\s")
# Dependencies by which a noun is the event a date dates: the date modifies it ('the June 7
# primary', "Monday's debate") or it is the subject, object or prepositional object of the
# date's verb ('lines on March 22 during the primaries', 'the debate was held Monday').
_DATED_NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})


def _dated_nouns(ent: Any, verb: Any | None) -> frozenset[str]:
    """Lemmas of the nouns whose event the date dates."""
    nouns = set()
    if ent.root.dep_ in ("compound", "nmod", "poss", "amod", "npadvmod") and ent.root.head.pos_ == "NOUN":
        nouns.add(ent.root.head.lemma_.lower())
    if ent.root.dep_ == "pobj" and ent.root.head.head.pos_ == "NOUN":  # 'ratings for the debate on Monday'
        nouns.add(ent.root.head.head.lemma_.lower())
    if verb is not None:
        for child in verb.children:
            if child.dep_ in _DATED_NOUN_DEPS and child.pos_ == "NOUN":
                nouns.add(child.lemma_.lower())
            elif child.dep_ == "prep":
                nouns.update(g.lemma_.lower() for g in child.children if g.dep_ == "pobj" and g.pos_ == "NOUN")
    return frozenset(nouns)


def _around_event(
    doc: Any, ent: Any, mentions: list[DatedMention], named: list[DatedMention]
) -> tuple[int, ResolvedDate] | None:
    """'the day after the primary' (spaCy's entity 'the day') as (end_char of the phrase, the date):
    the day before or after the event the article dated earlier, else the first weekday it gives
    the event later ('... the morning after the debate' in the lead, 'Monday's debate' below), or None."""
    part = _AROUND_WORDS.match(ent.text)
    relation = _AROUND_EVENT.match(doc_text(doc)[ent.end_char : ent.end_char + 20])
    if part is None or relation is None or ent.end + 1 >= len(doc):
        return None
    noun = doc[ent.end + 1].head  # the determiner's noun: 'the California primary' -> primary
    # spaCy tags a bare 'the primary' as an adjective; as the object of 'after' it is the noun
    if not (noun.pos_ == "NOUN" or noun.pos_ == "ADJ" and noun.dep_ == "pobj") or noun.i <= ent.end:
        return None
    day = event_noun_day(mentions, noun.lemma_.lower()) or event_noun_day(named[::-1], noun.lemma_.lower())
    if day is None:
        return None
    day += timedelta(days=1 if relation.group(1).lower() == "after" else -1)
    word = part.group(1).lower()
    found = ResolvedDate(day, "day", None) if word == "day" else ResolvedDate(day, "part_of_day", word)
    return noun.idx + len(noun.text), found


def _deictic_event_day(ent: Any, mentions: list[DatedMention], base: date) -> date | None:
    """The day of the event a quoted 'tonight's' / "today's" names, when the article dated that
    event a few days back ('"Tonight's debate ..."' in the article after 'Monday's debate')."""
    if ent.root.dep_ != "poss" or ent.root.head.pos_ != "NOUN":
        return None
    day = event_noun_day(mentions, ent.root.head.lemma_.lower())
    return day if day is not None and base - timedelta(days=MAX_DAYS_BEFORE) <= day < base else None


# A part of the day set after a day as its apposition ('on Feb. 4, the morning of the MSNBC
# debate', 'on July 24, the day before the convention opened', 'Wednesday - the morning after
# she won'): spaCy tags no entity there, or only 'the day', and the phrase re-describes that
# same day, whatever event it is told from. A comma or a dash sets it off.
_PART_OF_THAT_DAY = re.compile(
    r"^(?:,\s+|\s*[—–]\s*|\s+-\s+)(the (morning|afternoon|evening|night|day) (?:of (?:the|his|her|their|its) |(?:after|before) )"
    r"[^,.;:!?()\"“”—–]{1,120}?)(?=[,.;:!?)—–]|\s-\s|$)",
    re.I,
)


def _on_event_day(
    found: ResolvedDate, words: str, base: date | None, mentions: list[DatedMention], ahead: bool | None, text: str, start: int
) -> ResolvedDate | None:
    """A bare clock time told in the past ('polls closed at 8 p.m.') moved to the day of the
    event the article is telling, or None when it stays where it is. A clock time that is a
    line of its own is a live blog's header, which is the publication day's."""
    if base is None or ahead or found.granularity != "time" or found.date != base:
        return None
    minutes = bare_clock_minutes(words)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    if minutes is None or text[line_start : line_end if line_end != -1 else len(text)].strip(" .") == words.strip(" ."):
        return None
    day = event_day(mentions, base, minutes)
    return ResolvedDate(day, found.granularity, found.part_of_day) if day is not None else None


# A month or day told by the date before it in the sentence: 'that month' (group 1), 'a month
# later' (2), 'a month earlier' (3), 'the next day' (4), 'the previous day' (5), 'later that
# night' (6, the part of the day).
_ANCHORED_TO_PREVIOUS = re.compile(
    r"(?i)(that month|the same month)|(a month (?:later|after))|(a month (?:earlier|before|prior))"
    r"|(the (?:next|following) day|a day later)|(the (?:previous|prior) day|a day (?:earlier|before))"
    r"|(?:(?:later|earlier) )?that (morning|afternoon|evening|night)"
)


def _same_paragraph(text: str, start: int, end: int) -> bool:
    return "\n" not in text[start:end]


def _from_previous(words: str, previous: DateValue | None) -> ResolvedDate | None:
    """A date phrase read from the date named before it in the same paragraph ('The ferry
    sank in March; a month later ...', 'The council voted on Tuesday. It had debated the
    plan the previous day.'), or None when it is no such phrase or nothing comes before."""
    anchored = _ANCHORED_TO_PREVIOUS.fullmatch(words.strip())
    if anchored is None or previous is None or previous.granularity == "year":
        return None
    day = date.fromisoformat(previous.date)
    if anchored.group(1) or anchored.group(2) or anchored.group(3):
        step = 1 if anchored.group(2) else -1 if anchored.group(3) else 0
        months = day.year * 12 + day.month - 1 + step
        return ResolvedDate(date(months // 12, months % 12 + 1, 1), "month", None)
    if previous.granularity == "month":
        return None
    if anchored.group(6):  # 'the evening of April 4 ... later that night'
        return ResolvedDate(day, "part_of_day", anchored.group(6).lower())
    return ResolvedDate(day + timedelta(days=1 if anchored.group(4) else -1), "day", None)


# A year told by the year named before it in the sentence: 'that year' (group 1), 'the very
# next year' / 'a year later' (groups 2, 3), 'the previous year' / 'a year prior' (groups 4, 5).
_ANCHORED_YEAR = re.compile(
    r"(?i)(that year|the same year)|(?:the (?:very )?(next|following) year|a year (later|after))"
    r"|(?:the (previous|prior) year|a year (prior|earlier|before))"
)


def _fallback_parts(start: int, text: str) -> list[tuple[int, int, str]]:
    """What of a phrase that names no date as a whole still does: the date before a comma
    ('Nov. 3, two days' -> 'Nov. 3'), else a year inside it ('the third quarter of 2025' ->
    '2025', as the guidelines annotate 'the summer of 2010')."""
    head = text.split(",")[0]
    if head != text and head.strip():
        return [(start, start + len(head), head)]
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b(?!s)", text)
    if year:
        return [(start + year.start(), start + year.end(), year.group(1))]
    return []
