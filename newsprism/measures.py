"""Numbers and dates of a news article as claims: each quantity with what it measures and
each date with the event it dates, read from spaCy's entities and dependency parse.
`quantities.py` and `dates.py` turn the words into values; this module decides what the
words are about.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .dates import WEEKDAYS, resolve
from .doccache import doc_ents, doc_text
from .models import Article, DateValue, Extraction, Quantity, Span
from .quantities import parse_number
from .speakers import trimmed

FUTURE_AUXILIARIES = {"will", "would", "shall", "'ll", "wo"}
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


def _verb_phrase(verb: Any) -> str:
    particle = next((c.text.lower() for c in verb.children if c.dep_ == "prt"), "")
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
_DETERMINER_ONE = re.compile(r"^one$", re.I)


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
    core = _LEADING.sub("", text)
    parsed = parse_number(core)
    return parsed is not None and bool(re.match(r"^[\w½.,-]+(?:[\s-]+\w+)*$", core)) and not re.match(r"^(a|an)\b", core)


def _not_a_count(ent: Any, start: int, end: int) -> bool:
    """'one of the', 'one user wrote', 'No. 1', 'Channel 125', 'five-and-dime': a pronoun, a
    determiner, a name or an idiom, not an amount."""
    doc = ent.doc
    text = doc_text(doc)[start:end]
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    if re.match(r"-and-", doc_text(doc)[end : end + 5]) or text.lower().startswith("one-on-one"):
        return True
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
    return None


def quantities(article: Article, doc: Any, sent_of: dict[int, Any]) -> list[Extraction]:
    """Every amount of the article, quoted ones included (a number said in a quote is still a
    number; the sentence and its `of` tell crosscheck what it measures)."""
    out = []
    for ent in doc_ents(doc):
        age = _is_age(ent)
        pieces: list[tuple[int, int, float, str | None, bool]] = []
        if ent.label_ == "ORDINAL":
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
    return head is not None and head.lemma_ in ("expect", "plan", "schedule", "set", "due")


def _date_spans(doc: Any) -> list[tuple[int, int, Any]]:
    """DATE/TIME entities with a part of the day that spaCy cut off put back ('Tuesday' +
    'night' -> 'Tuesday night'), as (start_char, end_char, the entity that leads)."""
    out: list[tuple[int, int, Any]] = []
    for ent in doc_ents(doc):
        if ent.label_ not in DATE_LABELS:
            continue
        if out and doc_text(doc)[out[-1][1] : ent.start_char].strip() == "" and out[-1][2].end <= ent.start:
            out[-1] = (out[-1][0], ent.end_char, out[-1][2])
            continue
        out.append((ent.start_char, ent.end_char, ent))
    return out


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
    return bool(before is not None and before.lower_ == "the" and after is not None and after.pos_ in ("NOUN", "ADJ") and re.search(r"\d\s*[ap]\.?m", text))


def _direction(verb: Any | None, sent: Any) -> bool | None:
    """True for a future event, False for a past one, None when the tense does not say."""
    if verb is None:
        return None
    heads = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    if any(_looks_ahead(v) or any(c.dep_ == "aux" and c.lower_ in ("may", "might") for c in v.children) for v in heads):
        return True
    if verb.lemma_ in ("schedule", "slate", "set", "plan", "expect") and verb.tag_ == "VBN":
        return True  # 'is scheduled for Dec. 15'
    if verb.tag_ in ("VBD", "VBN") or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBN") for c in verb.children):
        return False
    return None


def dates(
    article: Article, doc: Any, sent_of: dict[int, Any], base: date | None
) -> list[Extraction]:
    """Every date of the article, quoted ones included (resolved against the article's date;
    a quote's own date, when the article gives one, is not looked for)."""
    out = []
    for start, end, ent in _date_spans(doc):
        text = doc_text(doc)[start:end]
        if _skipped_date(doc, ent, text):
            continue
        sent = sent_of[ent.start]
        verb = _governing_verb(ent.root)
        ahead = _direction(verb, sent)
        if any(t.lower_ in ("next", "upcoming") for t in ent.root.head.children):
            ahead = True  # 'the next GOP debate ... Dec. 15'
        text = re.sub(r"['’]s$", "", text)
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
        if re.fullmatch(r"(?i)that year", text.strip()):
            years = re.findall(r"\b(1[89]\d\d|20\d\d)\b", doc_text(doc)[sent.start_char : start])
            if not years:
                continue
            parts = [(start, end, years[-1])]
        for p_start, p_end, words in parts:
            resolved = resolve(words, base, future=ahead)
            if resolved is None:
                continue
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


def _in_sentence(article: Article, doc: Any, sent: Any, start: int, end: int, **value: Any) -> Extraction:
    """A number or date claim: the whole sentence is its mention, the printed value
    [start, end) its focus."""
    return Extraction(
        article=article.id, mention=trimmed(sent), sentence=trimmed(sent),
        focus=Span(start, end, doc_text(doc)[start:end]), **value,
    )
