"""Numbers of a news article as claims: each quantity with what it measures, read from
spaCy's entities and dependency parse. `quantities.py` turns the words into values; this
module decides what the words are about. `datereadings.py` does the same for dates and
shares the parse helpers here (the governing verb, durations and ages, which are
quantities and so not dates).
"""

from __future__ import annotations

import re
from typing import Any

from .doccache import doc_ents, doc_text
from .models import Article, Extraction, Quantity, Span
from .numberspans import measure_entities
from .quantities import parse_number
from .speakers import trimmed

QUANTITY_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
DATE_LABELS = {"DATE", "TIME"}


# --- numbers ---------------------------------------------------------------------------


def governing_verb(token: Any) -> Any | None:
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return node if node.pos_ in ("VERB", "AUX") else None


# Words that make a phrasal verb when they follow it ('broke out', 'shut down'); read
# beside the verb when the parser hangs them elsewhere ('broke out there': 'out' on 'there').
PARTICLES = {"out", "up", "off", "down", "over", "away", "back"}


def verb_phrase(verb: Any) -> str:
    particle = next((c.text.lower() for c in verb.children if c.dep_ == "prt"), "")
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if not particle and following is not None and following.lower_ in PARTICLES and following.dep_ != "prep":
        particle = following.lower_
    return f"{verb.lemma_.lower()} {particle}".strip()


def _noun_phrase(token: Any) -> str:
    """'fire engines' for the head of '14 fire engines'."""
    parts = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i] + [token]
    phrase = " ".join(t.lemma_.lower() if t is token else t.text.lower() for t in sorted(parts, key=lambda t: t.i))
    return ABBREVIATED.get(phrase, phrase)


# Nouns that are the unit of an amount, not what it counts.
UNIT_NOUNS = {"percent", "point", "percentage", "%"}
# Measures news prints both in full and abbreviated ('3 percent of gross domestic product',
# '3% of GDP'), read as the abbreviation so that the two are one measure.
ABBREVIATED = {"gross domestic product": "gdp", "gross national product": "gnp", "consumer price index": "cpi"}


def _subject_of(verb: Any) -> str:
    """The named or counted subject of a verb ('clinton' for 'Hillary Clinton won'), '' for
    a pronoun or none."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return ""
    return _noun_phrase(subject)


def _share_of(token: Any) -> str:
    """What an amount is a part of, with whose it is: 'alliance total spending' for 'nearly
    40% of the alliance's total spending', 'gdp' for '3 percent of gross domestic product';
    '' when no 'of' phrase follows the amount."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if whole is None or whole.pos_ not in ("NOUN", "PROPN"):
        return ""
    owners = [_noun_phrase(c) for c in whole.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")]
    return " ".join([*owners, _noun_phrase(whole)])


def _share_kind(token: Any) -> str:
    """What kind of share an amount is when a hyphenated participle says it ('40%
    state-funded', '51% state-owned'), else ''."""
    for child in token.children:
        if child.dep_ == "amod" and child.tag_ == "VBN" and any(c.dep_ in ("npadvmod", "compound") for c in child.children):
            words = child.doc[child.left_edge.i : child.i + 1]
            return words.text.lower()
    return ""


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


def is_age(ent: Any) -> bool:
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


def is_duration(ent: Any) -> bool:
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
        age = is_age(ent)
        pieces: list[tuple[int, int, float, str | None, bool]] = []
        special = _special_quantity(doc, ent)
        if special is not None:
            age = special[0][3] == "year" and ent.label_ in DATE_LABELS
            pieces = special
        elif ent.label_ == "ORDINAL":
            rank = _rank(ent)
            if rank is not None:
                pieces.append((rank[0], rank[1], rank[2], "rank", False))
        elif ent.label_ in QUANTITY_LABELS or (ent.label_ in DATE_LABELS and (age or is_duration(ent))):
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
                if root.dep_ in ("nummod", "quantmod") and root.head.lemma_.lower() in UNIT_NOUNS:
                    root = root.head  # 'three percentage points': the unit says how, not what, is counted
                head = root.head if root.dep_ in ("nummod", "quantmod") or root.head.pos_ in ("NOUN", "PROPN") and root.dep_ != "pobj" else root
                if head is root and root.dep_ == "pobj" and root.head.head.pos_ in ("NOUN",):
                    head = root.head.head
                noun = _noun_phrase(head) if head is not root else _share_of(root)
                verb = governing_verb(head)
                action = verb_phrase(verb) if verb is not None else ""
                # an amount that counts no noun of its own is told by whose it is: 'Clinton
                # won 31 percent' measures Clinton's win, not any win
                whose = _subject_of(verb) if not noun and verb is not None else ""
                kind = _share_kind(root)
                if kind:
                    noun = f"{kind} {noun}".strip()  # '(40% state-funded)': the state-funded share of the budget
                measure = " ".join(p for p in (whose, noun, action) if p)
            if not measure:
                continue
            sent = sent_of[ent.start]
            out.append(
                in_sentence(
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


def in_sentence(article: Article, doc: Any, sent: Any, start: int, end: int, **value: Any) -> Extraction:
    """A number or date claim: the whole sentence is its mention, the printed value
    [start, end) its focus."""
    return Extraction(
        article=article.id, mention=trimmed(sent), sentence=trimmed(sent),
        focus=Span(start, end, doc_text(doc)[start:end]), **value,
    )
