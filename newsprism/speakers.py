"""Who said it: the speaker of a quote or a reported statement, read from the spaCy parse.

The speaker is the subject of a speech verb in the quote's sentence (or in a bare
attribution right after it: '"...," the chief said.'). A subject that is not a name is
resolved to one the article gives elsewhere: a pronoun to the person last named as a
subject, a description ("the blogger") to the person the article describes that way
("Jane Okafor, a conservative blogger"), a handle ("@JaneOkafor") to the person whose
surname it spells (the article's people are read in `people.py`). Each result keeps the
words the article used beside the canonical name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .doccache import doc_ents, doc_text, entity_at
from .models import Span
from .people import (
    NAME_LABELS,
    TITLE_WORDS,
    People,
    canonical_name,
    inside,
    person_name,
    surname_key,
)
from .quotespans import DOUBLE_CLOSE, SINGLE_CLOSE, TWO_APOSTROPHES
from .speechverbs import CUE_VERBS, SAY_VERBS, past_speech_verb

# A quote that is a sentence of its own takes its speaker from the next sentence only
# when that sentence is a bare attribution ("Renner said at a briefing.").
MAX_ATTRIBUTION_TOKENS = 12
PRONOUNS = {"he", "she", "they", "i", "we", "him", "her"}
# How far a subjectless speech verb ('saying', 'asking') climbs to the verb whose
# subject it shares.
MAX_SUBJECT_HOPS = 4
RELATIVE_PRONOUNS = {"who", "which", "that"}
Speaker = tuple[str | None, str | None]  # (as written, canonical name)


@dataclass(frozen=True)
class Attribution:
    """Who said a quote, as written and as one canonical name, and the speech verb (a spaCy
    token) that says so; all None when the text does not say."""

    written: str | None = None
    speaker: str | None = None
    verb: Any = None


def speaker_for(
    doc: Any, doc_sents: list[Any], start: int, end: int, quote_spans: list[tuple[int, int]], people: People
) -> Attribution:
    """The attribution of the quote at [start, end)."""
    # a sentence that reaches the quote only with its opening mark is the one before: the
    # parser glues a mark that opens the next sentence to it ('... Okafor said. \'\'')
    sents = [s for s in doc_sents if s.start_char < end + 2 and s.end_char > start and s.text.strip(" \n\"“'‘")]
    text = doc_text(doc)  # spaCy rebuilds doc.text on every access
    signed = _signature(doc, text, end, people)
    if signed is not None:
        return signed
    labelled = _name_label(doc, text, start, people)
    if labelled is not None:
        return labelled
    following = [s for s in doc_sents if s.start_char >= end and "\n" not in text[end : s.start_char]][:1]
    following = [s for s in following if len(s) <= MAX_ATTRIBUTION_TOKENS or _bare_report(s, quote_spans)]
    quoted = doc.char_span(start, end, alignment_mode="expand")
    for sent in sents + following:
        verbs = speech_verbs(sent, quote_spans) + _before_colon(doc, text, start) + _cue_verbs_over(sent, quoted, quote_spans)
        for verb in _governing_first(verbs, quoted):
            written, speaker = subject_speaker(verb, start, quote_spans, people)
            if written is not None:
                return Attribution(written, speaker, verb)
        if sent in following:
            break
    for sent in sents:
        found = according_to(sent, quote_spans)
        if found is not None:  # 'According to Okafor, the plan is "a costly mistake."'
            source = found[1]
            written = doc[source.left_edge.i : source.right_edge.i + 1].text
            return Attribution(written, person_name(source, people) or written)
    return (
        _inverted_introduction(text, start, people)
        or _introduction(doc, doc_sents, text, start, quote_spans, people)
        or _said_before(doc, doc_sents, text, start, end, quote_spans, people)
    )


# 'Pollsters agree - Carl Bialik: "..."', 'More from Jones: "..."': a label of one or two
# names, between a line start, a dash or 'from' and the colon that opens the quote
# (newsletters and live blogs print what people said this way)
_NAME_LABEL = re.compile(r"(?:^|\n|\s[-–—]\s*|\bfrom\s)((?:[A-Z][\w.'’-]*|and)(?:\s(?:[A-Z][\w.'’-]*|and)){0,5})\s*:$")


def _name_label(doc: Any, text: str, start: int, people: People) -> Attribution | None:
    """The speaker a name label before the quote gives; only below the headline, where
    the parse tags capitalised words as names, and when every word of the label is in a
    person's name ('and' aside), so that an organisation ('Pew Research:') is no label,
    nor a transcript's capitalised turn ('WALLACE:', read as a turn)."""
    line_start = text.rfind("\n", 0, start)
    if line_start == -1:
        return None  # the headline's 'Okafor: Plan Is ...' is read as a headline (`headline_claim`)
    before = text[line_start:start].rstrip("\"“'‘ \xa0")  # from the newline: a label is on the quote's line
    found = _NAME_LABEL.search(before)
    if found is None or found.group(1).isupper():
        return None
    label = doc.char_span(line_start + found.start(1), line_start + found.end(1), alignment_mode="expand")
    written = found.group(1)
    known = people.names.get(surname_key(written)) if " " not in written else None  # 'More from Jones:'
    if label is None or not all(t.ent_type_ in NAME_LABELS or t.lower_ == "and" or known for t in label):
        return None
    if any(t.lower_ == "and" for t in label):
        return Attribution(written, written)
    return Attribution(written, person_name(label[-1], people) or known or written)


# 'Stated Stone:', 'Continued Stone: "..."': a speech verb, then a name, then the colon
# that opens the quote, at the start of a sentence. Read from the text because the parse
# takes the capitalised verb for part of the name ('Stated Stone' as one PERSON).
INVERTED_INTRODUCTION = re.compile(r"(?:^|[.!?\n]\s*)([A-Z][a-z]+) ((?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w'’-]*)\s*:$")


def _inverted_introduction(text: str, start: int, people: People) -> Attribution | None:
    before = text[max(0, start - 120) : start].rstrip("\"“'‘ \n")
    found = INVERTED_INTRODUCTION.search(before)
    if found is None:
        return None
    if not past_speech_verb(found.group(1)):
        return None
    words = found.group(2).split()
    while words and words[0].lower().strip(".") in TITLE_WORDS:
        words = words[1:]
    if not words:
        return None
    return Attribution(found.group(2), canonical_name(words, people))


def according_to(sent: Any, quote_spans: list[tuple[int, int]]) -> tuple[Any, Any] | None:
    """'..., according to Okafor': the token 'according' and the head of its source,
    outside quotations."""
    doc = sent.doc
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to" and not inside(token.idx, quote_spans):
            source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            if source is not None:
                return token, source
    return None


def _bare_report(sent: Any, quote_spans: list[tuple[int, int]]) -> bool:
    """'Trump told Britain's ITV in an interview aired on Monday when asked how ties would
    fare.': a sentence after a quote whose speech verb, near its start, reports nothing of
    its own (no reported clause, no quote) attributes the quote before it, however long."""
    if any(inside(t.idx, quote_spans) for t in sent if not t.is_space):
        return False
    verbs = [v for v in speech_verbs(sent, quote_spans) if v.i - sent.start < MAX_BARE_REPORT_OFFSET]
    return bool(verbs) and not any(c.dep_ in ("ccomp", "xcomp") for c in verbs[0].children)


# The speech verb of a long attribution after a quote is at most this many tokens into it.
MAX_BARE_REPORT_OFFSET = 6


def _before_colon(doc: Any, text: str, start: int) -> list[Any]:
    """'And Mr. Christie gloated: "..."': a verb right before a colon that opens the quote
    introduces it, whatever the verb."""
    before = text[:start].rstrip("\"“'‘ ")
    if not before.endswith(":"):
        return []
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None or colon[0].i == 0:
        return []
    verb = doc[colon[0].i - 1]
    if verb.pos_ != "VERB" and colon[0].head.pos_ == "VERB" and colon[0].head.i < colon[0].i:
        # 'She then addressed the supporters again: "..."': the verb the colon ends
        verb = colon[0].head
    return [verb] if verb.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in verb.children) else []


def _governing_first(verbs: list[Any], quoted: Any) -> list[Any]:
    """The speech verbs of a sentence, the one whose clause holds the quote first:
    in 'Speaking at a rally, Okafor said the plan was "a disaster"' the quote is what
    'said' reports, although 'Speaking' comes first and shares its subject."""
    if quoted is None or len(quoted) == 0:
        return verbs
    ancestors = {t.i for t in quoted[0].ancestors}
    return sorted(verbs, key=lambda verb: verb.i not in ancestors)


# A headline that opens with a speaker and a colon ('Okafor: Harbor Plan Is a ‘Costly
# Mistake’') says who said the rest; the speaker is a short run of capitalised words.
HEADLINE_SPEAKER = re.compile(r"\s*((?:[A-Z][\w.'’&-]*|of|the|and|de|van|von)(?: (?:[A-Z][\w.'’&-]*|of|the|and|de|van|von)){0,5}):\s+(?=\S)")
# Labels that open headlines without naming who speaks ('The Latest: ...', 'WATCH: ...').
HEADLINE_LABELS = {"the latest", "latest", "watch", "video", "exclusive", "breaking", "update", "live", "opinion", "analysis", "editorial", "photos", "listen", "read"}


@dataclass(frozen=True)
class HeadlineClaim:
    """'Okafor: Harbor Plan Is a ‘Costly Mistake’': who speaks, and where the claim (the
    rest of the headline) runs."""

    attribution: Attribution
    start: int
    end: int


def headline_claim(text: str, headline_end: int, people: People) -> HeadlineClaim | None:
    found = HEADLINE_SPEAKER.match(text, 0, headline_end)
    if found is None or found.group(1).lower() in HEADLINE_LABELS:
        return None
    written = found.group(1)
    known = people.names.get(surname_key(written.split()[-1]))
    end = len(text[:headline_end].rstrip())
    return HeadlineClaim(Attribution(written, known or written), found.end(), end)


# '"...." ― Jane Okafor': a dash after the closing mark, then a name, signs the quote.
SIGNATURE = re.compile(r"[\s.,]*[\"”’'.,]+[^\S\n]*[―—–-]{1,2}[^\S\n]*")
# A signature names one person, so its line is short; the words that may sit lower-case
# inside a name ('Ana de la Cruz').
MAX_SIGNATURE_WORDS = 6
NAME_PARTICLES = frozenset("de da del della der di du la le van von bin al".split())


def _signature(doc: Any, text: str, end: int, people: People) -> Attribution | None:
    found = SIGNATURE.match(text, end)
    if found is None:
        return None
    signed = _signed_name(text, found.end())
    if signed is not None:
        words = [w for w in signed.split() if w.lower().strip(".") not in TITLE_WORDS] or signed.split()
        return Attribution(signed, canonical_name(words, people), None)
    span = doc.char_span(found.end(), min(found.end() + 80, len(text)), alignment_mode="expand")
    if span is None or len(span) == 0 or span[0].is_punct:
        return None
    first = span[0]
    name = person_name(first, people) if first.ent_type_ in NAME_LABELS or first.pos_ == "PROPN" else None
    if name is None:
        return None
    ent = entity_at(doc, first.i)
    written = ent.text if ent is not None else first.text
    return Attribution(written, name, None)


def _signed_name(text: str, start: int) -> str | None:
    """The name a signature line gives, read off the line rather than the parse: the
    parser splits a reader's name that it does not know ('― Christina N Luis Olidem' gave
    'Christina', PolNeAR dev, stop 25). The line up to a comma or parenthesis ('― Jane
    Okafor, Columbus'), when it is a few capitalised words (and name particles) and nothing
    else; None otherwise ('" ― just as he had said')."""
    line_end = text.find("\n", start)
    line = text[start : len(text) if line_end == -1 else line_end]
    name = re.split(r"[,(]", line, maxsplit=1)[0].strip().rstrip(".")
    words = name.split()
    if not 0 < len(words) <= MAX_SIGNATURE_WORDS or not words[0][0].isupper():
        return None
    if any(not (w[0].isupper() or w in NAME_PARTICLES) or any(c.isdigit() for c in w) for w in words):
        return None
    return name


# An introduction ends with a colon just before the quote: 'Limbaugh continued:',
# 'The New York Times reports:', 'Sanders made the following comment:'.
MAX_INTRODUCTION_TOKENS = 25


def _introduction(doc: Any, doc_sents: list[Any], text: str, start: int, quote_spans: list[tuple[int, int]], people: People) -> Attribution | None:
    before = [s for s in doc_sents if s.end_char <= start and s.text.strip()]
    if not before:
        return None
    sent = before[-1]
    if not sent.text.rstrip(" \n\"“'‘").endswith(":") or len(sent) > MAX_INTRODUCTION_TOKENS:
        return None
    if text[sent.end_char : start].strip(" \n\t\"“'‘") != "":
        return None
    verbs = speech_verbs(sent, quote_spans)
    if any(c.dep_ == "nsubj" and (c.pos_ in ("PROPN", "PRON") or c.ent_type_ in ("PERSON", "ORG")) for c in sent.root.children):
        verbs.append(sent.root)  # 'Sanders made the following comment:'
    for verb in verbs:
        written, speaker = subject_speaker(verb, start, quote_spans, people)
        if written is not None:
            return Attribution(written, speaker, None)
    return None


def speech_verbs(sent: Any, quote_spans: list[tuple[int, int]]) -> list[Any]:
    return [
        t for t in sent
        if (t.lemma_.lower() in SAY_VERBS or put_it(t) or _phrasal_speech_verb(t)) and t.pos_ in ("VERB", "AUX") and not inside(t.idx, quote_spans)
    ]


def cue_verbs(sent: Any, quote_spans: list[tuple[int, int]]) -> list[Any]:
    """The verbs of `CUE_VERBS` in a sentence that have a reported clause of their own."""
    return [
        t for t in sent
        if t.lemma_.lower() in CUE_VERBS and t.pos_ == "VERB" and not inside(t.idx, quote_spans)
        and any(c.dep_ == "ccomp" for c in t.children)
    ]


def _cue_verbs_over(sent: Any, quoted: Any, quote_spans: list[tuple[int, int]]) -> list[Any]:
    """Cue verbs whose reported clause holds the quote ('Politifact ruled that the claim
    was "true"'); one elsewhere in the sentence says nothing about the quote."""
    if quoted is None or len(quoted) == 0:
        return []
    ancestors = {t.i for t in quoted[0].ancestors}
    return [v for v in cue_verbs(sent, quote_spans) if v.i in ancestors]


# A quote without an attribution of its own continues the speaker of the sentence
# before only when it has at least this many words.
MIN_SAID_BEFORE_WORDS = 6


# Phrasal verbs that report speech: the verb and its particle ('Mr. Rubel pointed out',
# 'Hillary shot back', 'the mayor weighed in'); neither word alone says that anyone spoke.
PHRASAL_SPEECH_VERBS = frozenset({
    ("point", "out"), ("shoot", "back"), ("fire", "back"), ("hit", "back"), ("push", "back"),
    ("chime", "in"), ("weigh", "in"), ("sound", "off"), ("speak", "out"), ("speak", "up"),
})


def _phrasal_speech_verb(token: Any) -> bool:
    """'..., Mr. Rubel pointed out.', '"...," Bennett shot back.'"""
    lemma = token.lemma_.lower()
    return any(c.dep_ in ("prt", "advmod") and (lemma, c.lower_) in PHRASAL_SPEECH_VERBS for c in token.children)


def put_it(token: Any) -> bool:
    """'As Ms. Simonyan put it, ...'"""
    return token.lemma_.lower() == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)


def _said_before(
    doc: Any, doc_sents: list[Any], text: str, start: int, end: int, quote_spans: list[tuple[int, int]], people: People
) -> Attribution:
    """'The vote may slip, Okafor said. "The other factor is ..."': a quote that opens
    right after a reported statement in the same paragraph goes on with its speaker."""
    if len(text[start:end].split()) < MIN_SAID_BEFORE_WORDS:
        return Attribution()  # a short quoted phrase is more often a name or a scare quote
    before = [s for s in doc_sents if s.end_char <= start and s.text.strip()]
    if not before or "\n" in text[before[-1].start_char : start].strip():
        return Attribution()
    sent = before[-1]
    if any(inside(t.idx, quote_spans) for t in sent if not t.is_space):
        return Attribution()  # a quote of its own, which the quote before already reads
    for verb in speech_verbs(sent, quote_spans):
        written, speaker = subject_speaker(verb, start, quote_spans, people)
        if written is not None:
            return Attribution(written, speaker, None)
    return Attribution()


def subject_speaker(verb: Any, before_char: int, quote_spans: list[tuple[int, int]], people: People) -> Speaker:
    """The speaker a speech verb's subject names. A verb without a subject of its own
    takes the subject of the verb it hangs from ('Trump attacked Clinton, saying, "..."'),
    or the person it describes ('footage of Hillary Clinton asking, "..."')."""
    doc = verb.doc
    for hop in range(MAX_SUBJECT_HOPS):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            break
        if hop == 0 and verb.i > 0 and doc[verb.i - 1].ent_type_ in NAME_LABELS and not inside(doc[verb.i - 1].idx, quote_spans):
            # a parse that lost the subject: '..." Tulsa police Chief Chuck Jordan said'
            before = doc[verb.i - 1]
            ent = entity_at(doc, before.i)
            return (ent.text if ent is not None else before.text), person_name(before, people)
        if hop == 0 and (named := _name_with_appositive_before(verb, quote_spans)) is not None:
            written = doc[named.left_edge.i : verb.i].text.rstrip(" ,")
            return written, person_name(named, people) or written
        if hop == 0 and (inverted := _inverted_speaker_misparsed(verb)) is not None:
            named, end = inverted
            written = doc[verb.i + 1 : end].text.rstrip(" ,")
            return written, person_name(named, people) or written
        if verb.dep_ == "acl" and verb.head.ent_type_ in NAME_LABELS:
            return verb.head.text, person_name(verb.head, people)
        if verb.dep_ == "acl" and verb.head.lemma_ in SPEECH_NOUNS and verb.head.head.pos_ == "VERB":
            # 'Trump issued a statement saying "..."': whoever issued the statement says it
            verb = verb.head.head
            continue
        if verb.dep_ not in ("advcl", "xcomp", "conj", "pcomp", "prep") or verb.head.i == verb.i:
            return None, None
        verb = verb.head
    for subj in verb.children:
        if subj.dep_ not in ("nsubj", "nsubjpass") or inside(subj.idx, quote_spans):
            continue
        antecedent = _relative_antecedent(subj, verb) if subj.lower_ in RELATIVE_PRONOUNS else None
        if antecedent is not None:
            # 'Stevie Wonder, who joked of the museum, "..."': the noun the clause attaches to
            written = doc[antecedent.left_edge.i : antecedent.i + 1].text
            return subj.text, person_name(antecedent, people) or _appositive_name(antecedent, people) or written
        if subj.lower_.strip() == "it":
            return subj.text.strip(), _resolve_it(doc, before_char, quote_spans) or subj.text.strip()
        if subj.lower_ in PRONOUNS:
            return subj.text, _resolve_pronoun(doc, subj.lower_, before_char, quote_spans, people)
        written = doc[subj.left_edge.i : subj.right_edge.i + 1].text
        if subj.text.startswith("@"):
            return written, people.by_handle(subj.text) or written
        if subj.text.isupper() and subj.ent_type_ not in NAME_LABELS and _appositive_name(subj, people):
            return written, _appositive_name(subj, people)  # a dateline: 'WASHINGTON -- President Obama, ...'
        name = person_name(subj, people) or _appositive_name(subj, people) or _handle_beside(subj, people)
        if name is None and subj.pos_ == "NOUN":
            name = people.roles.get(subj.lemma_.lower())
        return written, name or written
    return None, None


def _name_with_appositive_before(verb: Any, quote_spans: list[tuple[int, int]]) -> Any | None:
    """A person named, with an appositive, just before a finite speech verb that the parse
    made the root of its sentence with no subject: 'on Dec. 2, Col. Steven H. Warren, a
    military spokesman in Baghdad, said, "..."' hangs 'Warren' from 'Dec.' as an appositive
    of the date. The name is the nearest head, up from the word before the verb (its comma
    skipped), whose phrase ends there. A participle ('..., saying "..."') is left to the
    verb it hangs from: the name before it is often its object's appositive ('his rival,
    Hillary Clinton, saying')."""
    doc = verb.doc
    if verb.dep_ != "ROOT" or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    end = verb.i - 1
    if end >= 0 and doc[end].text == ",":
        end -= 1
    if end < 0 or inside(doc[end].idx, quote_spans):
        return None
    for token in (doc[end], *doc[end].ancestors):
        if token.i >= verb.i or token.right_edge.i not in (end, verb.i - 1):  # the comma may hang from either
            return None
        if token.ent_type_ in NAME_LABELS and (token.dep_ == "appos" or any(c.dep_ == "appos" for c in token.children)):
            return token
    return None


# the closing marks `quotespans` reads, as spaCy tokens
_CLOSING_QUOTE_TOKENS = frozenset({'"', "'", DOUBLE_CLOSE, SINGLE_CLOSE, TWO_APOSTROPHES})


def _inverted_speaker_misparsed(verb: Any) -> tuple[Any, int] | None:
    """The name right after a speech verb set right after a quotation, when the parse did
    not make it the verb's subject, and where its words end. Two misreadings: the name as
    the subject of a later clause the verb reports ('"...," said Robert Reich, who served as
    labor secretary yet endorsed Bernie Sanders': 'Reich ... endorsed Bernie Sanders' read as
    what was said), and the name as the verb's object ('"...," recalled Mr. Rhodes': who was
    recalled, while the quotation is what was)."""
    doc = verb.doc
    if verb.i == 0 or verb.i + 1 >= len(doc) or doc[verb.i - 1].text not in _CLOSING_QUOTE_TOKENS:
        return None
    first = verb.i + 1
    while first < min(verb.i + 3, len(doc) - 1) and doc[first].ent_type_ not in NAME_LABELS and doc[first].dep_ == "compound":
        first += 1  # a title the entity leaves out ('Mr.')
    name = entity_at(doc, first)
    if name is None or name.label_ not in NAME_LABELS or name.start != first or any(doc[i].head.i != name.root.i for i in range(verb.i + 1, first)):
        return None
    root = name.root
    if root.dep_ == "nsubj" and root.head.head.i == verb.i and root.i < root.head.i != verb.i:
        end = root.head.i  # the clause's verb; the words before it that join it are not the name's
        while end - 1 > root.i and doc[end - 1].dep_ in ("cc", "advmod", "punct"):
            end -= 1
        return root, end
    if root.dep_ == "dobj" and root.head.i == verb.i and any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
        return root, root.right_edge.i + 1
    return None


# Nouns that report speech and take the speaker as their possessive ("Trump's claim that
# ...", "her description of the plan as ..."); a short list because the parse gives no
# sense of "speech act" and these are the ones news prose uses.
SPEECH_NOUNS = frozenset(
    "claim assertion description remark comment statement promise pledge vow warning call reference accusation "
    "charge argument suggestion prediction boast complaint admission declaration insistence words message".split()
)
# How many ancestors of the quotation's first word are searched for such a noun.
MAX_SPEECH_NOUN_HOPS = 6
_POSSESSIVE_END = re.compile(r"\s*['’]s$")
# a possessive pronoun and the subject pronoun `_resolve_pronoun` reads ('her claim' -> 'she')
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they"}


def possessive_speaker(doc: Any, start: int, end: int, quote_spans: list[tuple[int, int]], people: People) -> Attribution:
    """'Trump's claim that there have been "thousands of shootings"': the possessive of a
    speech noun the quotation hangs from names who said it (a pronoun is resolved)."""
    quoted = doc.char_span(start, end, alignment_mode="expand")
    if quoted is None or len(quoted) == 0:
        return Attribution()
    for hop, token in enumerate(quoted.root.ancestors):
        if hop >= MAX_SPEECH_NOUN_HOPS:
            break
        if token.pos_ != "NOUN" or token.lemma_.lower() not in SPEECH_NOUNS or token.i >= quoted.start:
            continue
        owner = next((c for c in token.children if c.dep_ == "poss" and not inside(c.idx, quote_spans)), None)
        if owner is None:
            return Attribution()
        if owner.lower_ in POSSESSIVE_PRONOUNS:
            return Attribution(owner.text, _resolve_pronoun(doc, POSSESSIVE_PRONOUNS[owner.lower_], start, quote_spans, people))
        if owner.lower_ in ("'s", "’s") and owner.i > 0:  # the parse may hang the marker itself
            owner = doc[owner.i - 1]
        if owner.pos_ != "PROPN":
            return Attribution()
        written = _POSSESSIVE_END.sub("", doc[owner.left_edge.i : owner.i + 1].text)
        return Attribution(written, _POSSESSIVE_END.sub("", person_name(owner, people) or "") or written)
    return Attribution()


def _relative_antecedent(pronoun: Any, verb: Any) -> Any | None:
    """The noun a relative pronoun stands for: the noun the parse hangs its clause from,
    but the last of a list when the pronoun follows that one ('Will Smith, Patti LaBelle
    and Stevie Wonder, who joked': the parse hangs it from the first), and the name a
    description set off after it stands for ('McConnell, now the Senate majority leader,
    who said'). When the parse makes no relative clause of it ('turned to the Chicago
    Police Department which reported'), the noun right before the pronoun."""
    doc = pronoun.doc
    before = pronoun.i - 1
    if before >= 0 and doc[before].text == ",":
        before -= 1
    if verb.dep_ == "relcl":
        antecedent = verb.head
        if before >= 0 and doc[before] in antecedent.conjuncts:
            antecedent = doc[before]
    elif before >= 0 and doc[before].pos_ in ("NOUN", "PROPN"):
        antecedent = doc[before]
    else:
        return None
    if antecedent.dep_ == "appos" and antecedent.pos_ == "NOUN" and antecedent.head.pos_ == "PROPN":
        antecedent = antecedent.head
    return antecedent


# How far before a quote the subject of a sentence's main verb is preferred to a later
# subject of a clause inside a sentence.
MAIN_SUBJECT_REACH_CHARS = 400


def _resolve_pronoun(doc: Any, pronoun: str, before_char: int, quote_spans: list[tuple[int, int]], people: People) -> str | None:
    """The person a 'he'/'she' before a quote refers to: the most recent person named as
    the subject of a sentence (subjects are what pronouns usually continue), else the
    most recent person named at all. Names inside quotations do not count."""
    candidates = [
        e for e in doc_ents(doc)
        if e.label_ in NAME_LABELS and e.end_char <= before_char and not inside(e.start_char, quote_spans)
    ]
    candidates = [e for e in candidates if people.agrees(pronoun, person_name(e.root, people))]
    subjects = [
        (ent.start_char, person_name(ent.root, people)) for ent in candidates
        if any(t.dep_ in ("nsubj", "nsubjpass") or t.head.dep_ in ("nsubj", "nsubjpass") for t in ent)
    ]
    # a sentence's subject that the parse did not take for a PERSON but whose surname the
    # article gives a person elsewhere ('At the meeting, Tamura fought back.', where spaCy
    # reads 'Tamura' as an organisation)
    sentence_subjects = [(char, name) for char, name in people.subjects if char < before_char and people.agrees(pronoun, name)]
    subjects += sentence_subjects
    main = [(char, name) for char, name in sentence_subjects if char >= before_char - MAIN_SUBJECT_REACH_CHARS]
    if main:
        # a sentence's own subject close before goes before a subject of a clause inside a
        # sentence ('Jahangir ... doesn't think Clinton can win. "...," she said.')
        return main[-1][1]
    if subjects:
        return max(subjects, key=lambda subject: subject[0])[1]
    return person_name(candidates[-1].root, people) if candidates else None


# 'It' continues a speaker that is not a person named at most this many characters before.
IT_REACH_CHARS = 1500
ORGANISATION_LABELS = {"ORG", "NORP", "GPE"}


def _resolve_it(doc: Any, before_char: int, quote_spans: list[tuple[int, int]]) -> str | None:
    """What an 'it' that speaks stands for: the last subject of a speech verb before it
    that is an organisation or a thing ('the Times wrote ... "...," it added'), not a
    person or a pronoun."""
    found = None
    for verb in doc:
        if verb.idx >= before_char:
            break
        if verb.idx < before_char - IT_REACH_CHARS or inside(verb.idx, quote_spans):
            continue
        if verb.lemma_.lower() not in SAY_VERBS | {"read"} or verb.pos_ not in ("VERB", "AUX"):
            continue
        for subj in verb.children:
            if subj.dep_ != "nsubj" or subj.pos_ == "PRON" or subj.ent_type_ in NAME_LABELS:
                continue
            if subj.ent_type_ in ORGANISATION_LABELS or subj.pos_ in ("NOUN", "PROPN"):
                found = doc[subj.left_edge.i : subj.i + 1].text
    return found


def _appositive_name(token: Any, people: People) -> str | None:
    for child in token.children:
        if child.dep_ == "appos":
            found = person_name(child, people)
            if found:
                return found
    return None


def _handle_beside(token: Any, people: People) -> str | None:
    """'the account (@okafor) wrote': a handle in the subject phrase names the speaker."""
    for t in token.subtree:
        if t.text.startswith("@") and len(t.text) > 1:
            return people.by_handle(t.text)
    return None


def trimmed(span: Any) -> Span:
    """A spaCy span as a Span without the whitespace (paragraph breaks) at its edges."""
    text = span.text
    lead = len(text) - len(text.lstrip())
    core = text.strip()
    return Span(span.start_char + lead, span.start_char + lead + len(core), core)
