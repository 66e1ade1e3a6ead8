"""Numbers and dates of a news article as claims: each quantity with what it measures and
each date with the event it dates, read from spaCy's entities and dependency parse.
`quantities.py` and `dates.py` turn the words into values; this module decides what the
words are about.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from .dates import WEEKDAYS, ResolvedDate, before_publication, publication_moment, resolve
from .doccache import doc_ents, doc_text
from .models import Article, DateValue, Extraction, Quantity, Span
from .namedays import holiday_name
from .numberspans import measure_entities
from .quantities import parse_number
from .speakers import trimmed

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
QUANTITY_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
DATE_LABELS = {"DATE", "TIME"}


# --- numbers ---------------------------------------------------------------------------


def _governing_verb(token: Any) -> Any | None:
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return node if node.pos_ in ("VERB", "AUX") else None


# Words that make a phrasal verb when they follow it ('broke out', 'shut down'); read
# beside the verb when the parser hangs them elsewhere ('broke out there': 'out' on 'there').
PARTICLES = {"out", "up", "off", "down", "over", "away", "back"}


def _verb_phrase(verb: Any) -> str:
    particle = next((c.text.lower() for c in verb.children if c.dep_ == "prt"), "")
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if not particle and following is not None and following.lower_ in PARTICLES and following.dep_ != "prep":
        particle = following.lower_
    return f"{verb.lemma_.lower()} {particle}".strip()


def _noun_phrase(token: Any) -> str:
    """'fire engines' for the head of '14 fire engines'."""
    parts = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i] + [token]
    return " ".join(t.lemma_.lower() if t is token else t.text.lower() for t in sorted(parts, key=lambda t: t.i))


def _is_clock_time(ent: Any) -> bool:
    """'6am', '6 a.m.' tagged as a number: a time, not a count."""
    after = ent.doc[ent.end].text.lower() if ent.end < len(ent.doc) else ""
    return bool(re.search(r"\d\s*[ap]\.?m\b", ent.text.lower())) or after in ("a.m.", "p.m.", "am", "pm", "a.m", "p.m")


ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
# Words before a number that say it is a bound or an estimate; they stay outside the span.
_LEADING = re.compile(
    r"^(?:(?:about|around|roughly|some|nearly|almost|approximately|more than|over|under|less than|fewer than|"
    r"at least|up to|close to|an estimated|estimated|upwards? of|as many as|as much as|as high as|well over|"
    r"just|only|all|between|from|the next|the past|the last|the first|the final|the|next|past|last|plus or minus)\s+)+",
    re.I,
)
# Measure words after a number that belong in its span (the unit), hyphenated or not.
_UNIT_AFTER = re.compile(
    r"^(?:[\s\u00a0]|-)(?:percentage points?|percent|per cent|points?|miles?|acres?|pounds|tons?|inches|"
    r"seconds?|minutes?|hours?|days?|weeks?|months?|years?(?:-old)?|decades?|dollars|euros?)\b"
    r"|^-(?:year-old|[a-z]+(?:-[a-z]+)*)\b|^\s*%"
)
_TIMES_AFTER = re.compile(r"^\s+times\b(?=\s+(?:the|as|more|higher|larger|greater|bigger|faster|that|what)\b)")
_RANGE = re.compile(r"\s+(?:to|or|and)\s+|(?<=\d)\s*[-–]\s*(?=\$?\d)")
_TIME_UNIT = re.compile(r"\b(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b|-(second|minute|hour|day|week|month|year|decade)\b", re.I)
_MONTH_NAME = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?= \d)", re.I)
_DETERMINER_ONE = re.compile(r"^one$", re.I)
# A fraction word joined to an adjective or participle is a degree, not an amount ('half-frozen',
# 'half-hearted'); joined to a unit it still measures ('half-hour').
_HALF_ADJECTIVE = re.compile(
    r"^(?:half|quarter|third)-(?!(?:hour|day|week|month|year|decade|century|mile|point|percent|dozen)s?\b)[a-z]+", re.I
)
# Telephone service numbers read as a name ('a 911 caller', 'The 411'), not as an amount.
SERVICE_NUMBERS = frozenset({"911", "411"})
# 'the age of 92', 'ages 55 to 65': spaCy tags the phrase as a date; each number is an age.
_AGE_PHRASE = re.compile(r"^(?:the |at )?ages? (?:of )?(\d{1,3})(?:\s*(?:to|and|-|–)\s*(\d{1,3}))?$", re.I)
_AGES_BEFORE = re.compile(r"\b(?:ages|aged)\s+(?:\d{1,3}\s*(?:to|and|-|–)\s*)?$", re.I)
# A height in feet and inches ('6\'3"').
_HEIGHT = re.compile(r"([4-7])['’](\d{1,2})")
# 'a margin of 4 to 1': a ratio, one quantity whose number is the first term.
_RATIO = re.compile(r"^(\d+(?:\.\d+)?|[a-z]+)(?:-| to )(?:1|one)$", re.I)
# 'half of 1 percent': a part of a percentage is one percentage.
_PART_OF_PERCENT = re.compile(r"^ of (\d+(?:\.\d+)?)(?: percent|%)", re.I)


def _span_of(doc: Any, start: int, end: int) -> tuple[int, int]:
    """The number's own words: leading bounds ('about', 'more than') left out, a '$' before it
    and its unit after it ('percent', 'points', '-year-old', 'times the') taken in."""
    text = doc_text(doc)
    lead = _LEADING.match(text[start:end])
    if lead and lead.end() < end - start:
        start += lead.end()
    if start > 0 and text[start - 1] in "$€£":
        start -= 1
    while True:
        unit = _UNIT_AFTER.match(text[end : end + 40]) or _TIMES_AFTER.match(text[end : end + 40])
        if not unit or unit.end() == 0:
            break
        end += unit.end()
    return start, end


def _pieces(doc: Any, start: int, end: int) -> list[tuple[int, int, bool]]:
    """A range or a tally is one number a side: '130 and 160', 'three to four points',
    '19-15', '20 or 30 percent' (an 'or' makes both approximate)."""
    text = doc_text(doc)[start:end]
    for cut in _RANGE.finditer(text):
        left, right = text[: cut.start()], text[cut.end() :]
        if parse_number(left) is not None and parse_number(right) is not None and re.search(r"\d|[a-z]", left):
            either = cut.group(0).strip() == "or"
            left_end = start + len(left.rstrip())
            return [(start, left_end, either), (start + cut.end(), end, either)]
    return [(start, end, False)]


def _is_age(ent: Any) -> bool:
    """'Rhonda Hughes, 43, is ...': a number set off by commas right after a name."""
    doc = ent.doc
    if not re.fullmatch(r"\d{1,3}", ent.text) or ent.start < 2 or ent.end >= len(doc):
        return False
    before, after = doc[ent.start - 1], doc[ent.end]
    return before.text == "," and after.text in (",", ";", ")", ".") and doc[ent.start - 2].ent_type_ == "PERSON"


def _person_before(ent: Any) -> str:
    doc = ent.doc
    person = next((e for e in doc_ents(doc) if e.label_ == "PERSON" and e.end == ent.start - 1), None)
    return person.text if person is not None else ""


def _is_duration(ent: Any) -> bool:
    """A DATE entity that is an amount of time ('two months', 'five-year', '78-year-old'),
    not a point in time ('two years ago')."""
    text = ent.text.lower()
    after = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
    if "ago" in text.split() or after == "ago" or not _TIME_UNIT.search(text):
        return False
    core = _LEADING.sub("", text).rstrip("'’")  # "five months' probation"
    if re.match(r"^(day|week|year|month) \d", core) or _MONTH_NAME.search(core) or re.search(r"\b(1[89]|20)\d\d\b", core):
        return False  # 'Day 1' is a name; 'June 16th of last year' and 'the Year in 1938' are dates
    parsed = parse_number(core)
    return parsed is not None and bool(re.match(r"^[\w½.,-]+(?:[\s-]+\w+)*$", core)) and not re.match(r"^(a|an)\b", core)


def _not_a_count(ent: Any, start: int, end: int) -> bool:
    """'one of the', 'one user wrote', 'No. 1', 'Channel 125', 'five-and-dime': a pronoun, a
    determiner, a name or an idiom, not an amount."""
    doc = ent.doc
    text = doc_text(doc)[start:end]
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    if re.match(r"-and-", doc_text(doc)[end : end + 5]) or re.search(r"-and-(?!a-half|half|a-quarter)", text) or text.lower().startswith(("one-on-one", "one-sided")):
        return True
    if re.search(r"\bNo\.\s*$", doc_text(doc)[max(0, start - 5) : start]):
        return True  # 'enemy No. 1'
    if _HALF_ADJECTIVE.match(text) or text in SERVICE_NUMBERS or "/" in text:
        return True  # 'half-frozen', 'a 911 caller', '9/11' (a date)
    if before is not None and before.text in ("No.", "No", "#", "Number", "number"):
        return True
    if (
        before is not None and before.pos_ == "PROPN" and before.text[:1].isupper() and re.fullmatch(r"\d+", text)
        and (after is None or after.pos_ not in ("NOUN", "PROPN") or after.ent_type_ == "")
        and before.i > before.sent.start
    ):
        return True  # 'Patriot Channel 125', 'Fox 5'
    if _DETERMINER_ONE.match(text):
        kept = {"only", "just", "exactly", "least", "but", "than"}
        if before is not None and before.lower_ in kept or ent.text.lower().split()[0] in kept | {"at"}:
            return False
        root = ent.root
        if any(c.dep_ == "conj" and c.like_num for c in root.head.children) or root.dep_ == "conj":
            return False
        # 'resettle one refugee', 'saw one person': an object counted; 'the one inmate whose ...':
        # the only one. A subject ('one official said') or 'one of' is a determiner or a pronoun.
        if re.match(r"\s*percent", doc_text(doc)[end : end + 10], re.I):
            return True  # 'the one percenters'
        if re.search(r"\b(another|the other)\b", doc_text(doc)[end : ent.sent.end_char]):
            return True  # 'do one thing and then do another'
        if root.dep_ == "nummod" and (root.head.dep_ == "dobj" or (before is not None and before.lower_ == "the")):
            return False
        if root.head.dep_ == "conj" and any(c.dep_ == "nummod" for c in root.head.head.children):
            return False  # 'three other individuals and one group'
        return True
    return False


def _rank(ent: Any) -> tuple[int, int, float] | None:
    """'a second-place finish', 'in second', 'finished first': a place in a contest."""
    doc = ent.doc
    word = ent.text.lower()
    value = ORDINALS.get(word.split("-")[0])
    if value is None:
        return None
    after = doc_text(doc)[ent.end_char : ent.end_char + 7].lower()
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if word.endswith("-place") or after.startswith("-place") or after.startswith(" place"):
        end = ent.end_char + (6 if after.startswith("-place") else 0)
        return ent.start_char, end, float(value)
    if before in ("in", "finished", "came", "placed", "ranked", "ranks", "chosen"):
        return ent.start_char, ent.end_char, float(value)
    if after.startswith(" only t"):  # 'second only to the Pentagon'
        return ent.start_char, ent.end_char, float(value)
    following = doc[ent.end].lower_ if ent.end < len(doc) else ""
    if ent.start == ent.sent.start and following in ("on", "was", "is", "came", "went", "place"):
        return ent.start_char, ent.end_char, float(value)  # 'Second on the list was ...', 'Third was ...'
    return None


def quantities(article: Article, doc: Any, sent_of: dict[int, Any]) -> list[Extraction]:
    """Every amount of the article, quoted ones included (a number said in a quote is still a
    number; the sentence and its `of` tell crosscheck what it measures)."""
    out = []
    taken_until = 0  # a phrase read whole ('half of 1 percent') is not read again in parts
    for ent in measure_entities(doc):
        if ent.start_char < taken_until:
            continue
        age = _is_age(ent)
        pieces: list[tuple[int, int, float, str | None, bool]] = []
        special = _special_quantity(doc, ent)
        if special is not None:
            age = special[0][3] == "year" and ent.label_ in DATE_LABELS
            pieces = special
        elif ent.label_ == "ORDINAL":
            rank = _rank(ent)
            if rank is not None:
                pieces.append((rank[0], rank[1], rank[2], "rank", False))
        elif ent.label_ in QUANTITY_LABELS or (ent.label_ in DATE_LABELS and (age or _is_duration(ent))):
            if ent.label_ in QUANTITY_LABELS and _is_clock_time(ent):
                continue
            start, end = _span_of(doc, ent.start_char, ent.end_char)
            whole = parse_number(doc_text(doc)[ent.start_char : end])
            if whole is None:
                continue
            pieces_at = _pieces(doc, start, end)
            for p_start, p_end, either in pieces_at:
                if _not_a_count(ent, p_start, p_end):
                    continue
                parsed = parse_number(doc_text(doc)[p_start:p_end])
                if parsed is None:
                    continue
                value, unit, _ = parsed
                if unit is None and len(pieces_at) > 1:
                    unit = parse_number(doc_text(doc)[pieces_at[-1][0] : pieces_at[-1][1]])[1]  # type: ignore[index]
                if age:
                    unit = "year"
                approximate = (whole[2] or either) and not _is_threshold(doc, ent)
                pieces.append((p_start, p_end, value, unit, approximate))
        for p_start, p_end, value, unit, approximate in pieces:
            taken_until = max(taken_until, p_end)
            root = ent.root
            if age:
                measure = f"age of {_person_before(ent)}".strip()
                noun = ""
                action = ""
            else:
                head = root.head if root.dep_ in ("nummod", "quantmod") or root.head.pos_ in ("NOUN", "PROPN") and root.dep_ != "pobj" else root
                if head is root and root.dep_ == "pobj" and root.head.head.pos_ in ("NOUN",):
                    head = root.head.head
                noun = _noun_phrase(head) if head is not root else ""
                verb = _governing_verb(head)
                action = _verb_phrase(verb) if verb is not None else ""
                measure = " ".join(p for p in (noun, action) if p)
            if not measure:
                continue
            sent = sent_of[ent.start]
            out.append(
                _in_sentence(
                    article, doc, sent, p_start, p_end, kind="quantity", context=action,
                    quantity=Quantity(number=value, unit=unit, of=measure, approximate=approximate, counted=noun),
                )
            )
    return out


def _special_quantity(doc: Any, ent: Any) -> list[tuple[int, int, float, str | None, bool]] | None:
    """Number phrases whose reading the general path gets wrong: an age phrase ('the age of
    92', 'ages 55 to 65'), a ratio ('4 to 1'), a part of a percentage ('half of 1 percent'),
    a scale word whose 'a' spaCy left out ('A dozen') and a fraction spaCy calls an ordinal
    ('by a third')."""
    text = doc_text(doc)
    words = text[ent.start_char : ent.end_char]
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    age = _AGE_PHRASE.match(words)
    if age and ent.label_ in DATE_LABELS | {"CARDINAL"}:
        out = []
        for group in (1, 2):
            if age.group(group):
                start = ent.start_char + age.start(group)
                out.append((start, start + len(age.group(group)), float(age.group(group)), "year", False))
        return out
    if ent.label_ == "CARDINAL" and re.fullmatch(r"\d{1,3}", words) and _AGES_BEFORE.search(text[max(0, ent.start_char - 20) : ent.start_char]):
        return [(ent.start_char, ent.end_char, float(words), "year", False)]  # 'ages 25 to 40', 'aged 18'
    height = _HEIGHT.fullmatch(words)
    if height:  # 6'3" is 75 inches
        close = 1 if text[ent.end_char : ent.end_char + 1] in ('"', "”") else 0
        return [(ent.start_char, ent.end_char + close, float(int(height.group(1)) * 12 + int(height.group(2))), "inch", False)]
    ratio = _RATIO.match(words)
    if ratio and ent.label_ == "CARDINAL" and ratio.group(1).lower() not in ("one",):
        left = parse_number(ratio.group(1))
        if left is not None and left[0] > 1:
            return [(ent.start_char, ent.end_char, left[0], "ratio", False)]
    part = _PART_OF_PERCENT.match(text[ent.end_char : ent.end_char + 20])
    share = parse_number(words)
    if part and share is not None and share[1] == "fraction":
        return [(ent.start_char, ent.end_char + part.end(), share[0] * float(part.group(1)), "%", share[2])]
    if before == "a" and words.lower() in ("dozen", "hundred", "thousand", "million", "billion"):
        found = parse_number(f"a {words}")
        if found is not None:
            return [(doc[ent.start - 1].idx, ent.end_char, found[0], found[1], False)]
    following = doc[ent.end] if ent.end < len(doc) else None
    if (
        ent.label_ == "ORDINAL" and before in ("a", "one", "two") and words.lower() in ("third", "quarter", "fifth", "tenth")
        and (following is None or following.lower_ == "of" or following.pos_ not in ("NOUN", "PROPN", "ADJ", "PUNCT"))
    ):  # 'by a third', 'a third of voters'; not 'a third party'
        found = parse_number(f"{before} {words}")
        if found is not None:
            return [(doc[ent.start - 1].idx, ent.end_char, found[0], "fraction", False)]
    return None


def _is_threshold(doc: Any, ent: Any) -> bool:
    """'$200 or less', 'up to $1 million' as a cap, 'at least 10 workers' as a legal floor:
    a bound that defines a rule, not an estimate (read from the words around it)."""
    after = doc_text(doc)[ent.end_char : ent.end_char + 12].lower()
    return bool(re.match(r"\s*or (less|more|fewer|older|younger|above|below)\b", after))


# --- dates -----------------------------------------------------------------------------


def _event_of(token: Any) -> str:
    """'fire break out' for the verb a date attaches to, with its subject."""
    verb = _governing_verb(token)
    if verb is None:
        return ""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        subject = verb.head  # "the blaze, which broke out on Friday" -> blaze
    noun = subject.lemma_.lower() if subject is not None else ""
    return f"{noun} {_verb_phrase(verb)}".strip()


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
    for ent in measure_entities(doc):
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
        if out and doc_text(doc)[out[-1][1] : start].strip() == "" and out[-1][2].end <= ent.start:
            out[-1] = (out[-1][0], ent.end_char, out[-1][2])
            continue
        out.append((start, end_char, ent))
    return out


_DAY_AROUND_BEFORE = re.compile(r"\bthe (?:day|morning|afternoon|evening|night) (?:after|before) $", re.I)
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
    if _is_duration(ent) or _is_age(ent) or _PART_ALONE.match(text.strip()):
        return True
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ in ("every", "each"):
        return True
    single_weekday = len(ent) == 1 and ent.text.lower() in WEEKDAYS
    if single_weekday and before is not None and before.text == "News":
        return True  # 'Fox News Sunday', 'Breitbart News Saturday'
    # a clock time naming a programme slot ('the 4 p.m. local news') dates nothing
    after = doc[ent.end] if ent.end < len(doc) else None
    if before is not None and before.lower_ in ("the", "a") and after is not None and after.pos_ in ("NOUN", "ADJ") and re.search(r"\d\s*[ap]\.?m", text):
        return True
    # a clock time of a routine ('weekdays from 6:00 a.m.', 'nightly at 9 p.m.') dates no event
    before_words = doc_text(doc)[max(0, ent.start_char - 25) : ent.start_char].lower().split()
    return bool(re.search(r"\d\s*[ap]\.?m|:\d\d", text)) and bool(set(before_words[-2:]) & _ROUTINE_WORDS)


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
    for start, end, ent in _date_spans(doc):
        text = doc_text(doc)[start:end]
        if _skipped_date(doc, ent, text):
            continue
        sent = sent_of[ent.start]
        verb = _governing_verb(ent.root)
        ahead = _direction(verb, sent, adverbial=ent.root.dep_ not in ("compound", "nmod", "amod", "poss"))
        if _after_since(ent.root, verb):
            ahead = False  # 'since their Oct. 13 debate' looks back whatever the verb's tense
        if any(t.lower_ in ("next", "upcoming") for t in ent.root.head.children):
            ahead = True  # 'the next GOP debate ... Dec. 15'
        text = re.sub(r"['’]s$", "", text)
        text = re.sub(r"(?i)[\s,]+(?:to|and|through|or|until)$", "", text)  # 'July 14 to' (spaCy took the link word)
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
            previous = out[-1].date if out and out[-1].sentence.start == trimmed(sent).start else None
            resolved = _from_previous(words, previous) or resolve(words, base, future=ahead)
            if resolved is None:
                continue
            resolved = before_publication(resolved, words, published, ahead)
            event = _event_of(ent.root)
            out.append(
                _in_sentence(
                    article, doc, sent, p_start, p_end, kind="date", context=event,
                    date=DateValue(
                        date=resolved.date.isoformat(),
                        granularity=resolved.granularity,  # type: ignore[arg-type]
                        part_of_day=resolved.part_of_day,
                        event=event,
                    ),
                )
            )
    return out


# A month or day told by the date before it in the sentence: 'that month' (group 1), 'a month
# later' (2), 'a month earlier' (3), 'the next day' (4), 'the previous day' (5).
_ANCHORED_TO_PREVIOUS = re.compile(
    r"(?i)(that month|the same month)|(a month (?:later|after))|(a month (?:earlier|before|prior))"
    r"|(the (?:next|following) day|a day later)|(the (?:previous|prior) day|a day (?:earlier|before))"
)


def _from_previous(words: str, previous: DateValue | None) -> ResolvedDate | None:
    """A date phrase read from the date named before it in the same sentence ('The ferry sank
    in March; a month later ...'), or None when it is no such phrase or nothing comes before."""
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


def _in_sentence(article: Article, doc: Any, sent: Any, start: int, end: int, **value: Any) -> Extraction:
    """A number or date claim: the whole sentence is its mention, the printed value
    [start, end) its focus."""
    return Extraction(
        article=article.id, mention=trimmed(sent), sentence=trimmed(sent),
        focus=Span(start, end, doc_text(doc)[start:end]), **value,
    )
