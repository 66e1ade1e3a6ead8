"""Numbers and dates of a news article as claims: each quantity with what it measures and
each date with the event it dates, read from spaCy's entities and dependency parse.
`quantities.py` and `dates.py` turn the words into values; this module decides what the
words are about.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .dates import resolve
from .models import Article, DateValue, Extraction, Quantity, Span
from .quantities import parse_number
from .speakers import inside, trimmed

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


def quantities(article: Article, doc: Any, sent_of: dict[int, Any], quote_spans: list[tuple[int, int]]) -> list[Extraction]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in QUANTITY_LABELS or inside(ent.start_char, quote_spans):
            continue
        parsed = parse_number(ent.text)
        if parsed is None or _is_clock_time(ent):
            continue
        value, unit, approximate = parsed
        root = ent.root
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
            Extraction(
                article=article.id,
                kind="quantity",
                mention=trimmed(sent),
                sentence=trimmed(sent),
                quantity=Quantity(number=value, unit=unit, of=measure, approximate=approximate, counted=noun),
                context=action,
                focus=Span(ent.start_char, ent.end_char, ent.text),
            )
        )
    return out


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


def dates(
    article: Article, doc: Any, sent_of: dict[int, Any], quote_spans: list[tuple[int, int]], base: date | None
) -> list[Extraction]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in DATE_LABELS or inside(ent.start_char, quote_spans):
            continue
        verb = _governing_verb(ent.root)
        resolved = resolve(ent.text, base, future=verb is not None and _looks_ahead(verb))
        if resolved is None:
            continue
        event = _event_of(ent.root)
        sent = sent_of[ent.start]
        out.append(
            Extraction(
                article=article.id,
                kind="date",
                mention=trimmed(sent),
                sentence=trimmed(sent),
                date=DateValue(
                    date=resolved.date.isoformat(),
                    granularity=resolved.granularity,  # type: ignore[arg-type]
                    part_of_day=resolved.part_of_day,
                    event=event,
                ),
                context=event,
                focus=Span(ent.start_char, ent.end_char, ent.text),
            )
        )
    return out
