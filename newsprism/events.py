"""Events as claims: who did what to whom ('The senator introduced the CLEAR Act in
April', 'the minister called the treaty "outdated"'), one `event` extraction per main
verb of a sentence whose doer the article names.

Hand-written over spaCy's dependency parse: textacy's `subject_verb_object_triples` is
the nearest library function, but it returns bare token triples, with no negation, no
passive agent, no speech-verb filter and no names resolved against the article's people,
which is what comparing one event across outlets needs.

What is read as an event, and why:
- the sentence's main verb and the verbs joined to it ('resigned and left'), not verbs
  inside relative or reported clauses: what a speaker reports is a statement claim, and
  what a quote says is the speaker's, not established. But news tells most events with
  the attribution after them ('Okafor resigned late Friday, aides said'): there the event
  comes first and is read too;
- a happening, not a state or a light verb ('is', 'has', 'seems'), and not a verb of
  saying, unless it takes a plain object ('called the treaty "outdated"', 'praised the
  mayor'): then the saying is itself the event;
- done, not planned or possible: 'will vote', 'could resign' and questions are left out;
- with a doer the article names (a person, organisation, country or group), a pronoun
  the article's people resolve, a title that the article gives one person ('the
  senator'), or an institution ('police', 'the council'); in the passive the doer is the
  agent ('was fired by the board'), and a passive without one has no doer and is left
  out.
"""

from __future__ import annotations

import re
from typing import Any

from .datereadings import FUTURE_AUXILIARIES, FUTURE_MODALS
from .doccache import doc_ents, doc_text, entity_at
from .measures import verb_phrase
from .models import Article, Event, Extraction, Span
from .people import NAME_LABELS, TITLE_WORDS, People, inside, person_name
from .speakers import SAY_VERBS, trimmed

# Entity labels of a doer other than a person.
GROUP_LABELS = {"ORG", "GPE", "NORP"}
# Verbs that state no happening: states, light verbs, verbs of thinking and wanting, and
# verbs that only start or frame another verb ('continue to', 'plan to').
NOT_HAPPENINGS = {
    "be", "have", "do", "get", "go", "come", "see", "seem", "appear", "remain", "become", "look", "feel", "know",
    "think", "believe", "want", "need", "like", "love", "hope", "wish", "include", "mean", "continue", "plan",
    "expect", "try", "begin", "start", "keep", "let", "help", "use", "happen", "stay", "live", "sound", "make",
    "take", "give", "put", "find", "employ", "own", "hold", "face", "lack", "cost", "contain", "represent",
}
# Title words of people that can stand for the person ('the senator'); `TITLE_WORDS` also
# holds words of titles that are no person on their own ('Fire Chief', 'Vice President').
PERSON_TITLES = TITLE_WORDS - {"fire", "vice", "police", "chief", "deputy", "father"}
# Institutions news names by their common noun ('Police arrested two men', 'the council
# voted'): within one story there is one of each.
INSTITUTIONS = {
    "police", "government", "court", "council", "parliament", "congress", "senate", "military", "army", "committee",
    "board", "jury", "prosecutor",
}
# Verbs of saying that are no event even with an object: they introduce what was said.
ONLY_SAYING = {"say", "tell", "add", "note", "write", "explain", "ask", "reply", "respond", "state", "insist", "argue", "claim"}
# The object printed with the event is cut after this many words ('the CLEAR Act').
MAX_TARGET_WORDS = 12
# A pronoun doer is looked for among the people named this many characters before it.
PRONOUN_LOOKBACK_CHARS = 600
_PERSON_PRONOUNS = {"he", "she"}
# Titles printed abbreviated before a name ('Sen. Okafor' is the one 'the senator' stands for).
TITLE_ABBREVIATIONS = {
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "lt": "lieutenant",
    "sgt": "sergeant", "prof": "professor", "rev": "reverend",
}
_LEADING_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


# Words that say nothing of which thing a target is ('the', 'his').
_FUNCTION_WORDS = frozenset("a an the of to in on at for with by from and or his her their its our your this that these those".split())


def event_key(e: Extraction) -> tuple[str, str, bool]:
    """(doer, action, negated) of an event extraction, the doer case-folded ('Police',
    'police'). A person is already the fullest name the article gives ('Okafor' ->
    'Jane Okafor'); matching by surname alone, as quotes do, would make one doer of the
    Port Authority and the Transit Authority."""
    assert e.event is not None
    return e.event.actor.strip().lower(), e.event.action, e.event.negated


def target_words(e: Extraction) -> frozenset[str]:
    """The content words of an event's target, lower-cased."""
    assert e.event is not None
    return frozenset(re.findall(r"[a-z0-9']+", (e.event.target or "").lower().replace("’", "'"))) - _FUNCTION_WORDS


def same_target(a: Extraction, b: Extraction) -> bool:
    """Whether two events' targets say they are one event without reading their sentences:
    the targets share a content word, or neither event has one."""
    ta, tb = target_words(a), target_words(b)
    return bool(ta & tb) or (not ta and not tb)


def events(article: Article, doc_sents: list[Any], quoted: list[tuple[int, int]], people: People) -> list[Extraction]:
    """The events of an article's sentences, outside quotations and the headline (its
    first line)."""
    text = article.text
    headline_end = text.find("\n")
    out: list[Extraction] = []
    for sent in doc_sents:
        if sent.start_char < headline_end or sent.text.rstrip().rstrip("\"”’'").endswith("?"):
            continue  # a headline's words are the body's, cut short and often misparsed
        for verb in sent:
            if not _main_happening(verb, quoted):
                continue
            event = _event(verb, people)
            if event is None:
                continue
            start, end = _clause(verb)
            out.append(
                Extraction(
                    article=article.id, kind="event", mention=Span(start, end, text[start:end]), sentence=trimmed(sent),
                    event=event, context=f"{event.actor} {event.action}",
                    focus=Span(verb.idx, verb.idx + len(verb.text), verb.text),  # the verb as printed
                )
            )
    return out


def _main_happening(verb: Any, quoted: list[tuple[int, int]]) -> bool:
    if verb.pos_ != "VERB" or not verb.is_alpha or inside(verb.idx, quoted):
        return False
    head = verb
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ == "ccomp" and head.head.lemma_.lower() in SAY_VERBS and head.head.i > head.i:
        head = head.head  # 'Okafor resigned late Friday, aides said': the attribution trails the event
    if head.dep_ != "ROOT" or head.pos_ not in ("VERB", "AUX"):
        return False
    lemma = verb.lemma_.lower()
    if lemma in NOT_HAPPENINGS or lemma in ONLY_SAYING:
        return False
    children = list(verb.children)
    passive = any(c.dep_ == "auxpass" for c in children)
    if lemma in SAY_VERBS and not passive and not any(c.dep_ == "dobj" for c in children):
        return False  # 'warned that ...': what was said, not a happening
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUXILIARIES | FUTURE_MODALS for c in children):
        return False
    done_with_do = verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lemma_.lower() == "do" for c in children)  # 'did not resign'
    return verb.tag_ in ("VBD", "VBZ", "VBP", "VBN") or done_with_do


def _subject(verb: Any) -> Any | None:
    """The verb's own subject, or that of the verb it is joined to ('resigned and left')."""
    for v in (verb, verb.head if verb.dep_ == "conj" else None):
        if v is None:
            continue
        found = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if found is not None:
            return found
    return None


def _event(verb: Any, people: People) -> Event | None:
    subject = _subject(verb)
    if subject is None:
        return None
    # a joined verb may be passive while the verb it shares the subject with is not
    # ('resigned and was replaced by ...')
    passive = subject.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in verb.children)
    target_token = subject if passive else next((c for c in verb.children if c.dep_ == "dobj"), None)
    if passive:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        doer = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    else:
        doer = subject
    if doer is None:
        return None
    actor = _doer(doer, people)
    if actor is None:
        return None
    if target_token is None:
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "against", "with", "from", "on")), None)
        target_token = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if target_token is not None and target_token.ent_type_ in ("DATE", "TIME"):
            target_token = None  # 'reopened on Monday': a time, not a target
    return Event(
        actor=actor,
        actor_as_written=_phrase(doer),
        action=verb_phrase(verb),
        target=_phrase(target_token) if target_token is not None else None,
        negated=any(c.dep_ == "neg" for c in verb.children),
        passive=passive,
    )


def _doer(token: Any, people: People) -> str | None:
    """The named doer a subject (or agent) stands for, or None."""
    if token.lower_ in _PERSON_PRONOUNS:
        start = token.sent.start_char
        # the last person named as a sentence's subject, as for a quote's "she said"
        return people.subject_between(token.lower_, max(start - PRONOUN_LOOKBACK_CHARS, 0), start)
    if token.ent_type_ in NAME_LABELS or (token.pos_ == "PROPN" and people.names):
        name = person_name(token, people)
        if name is not None and (token.ent_type_ in NAME_LABELS or name in people.names.values()):
            return name
    if token.ent_type_ in GROUP_LABELS:
        ent = entity_at(token.doc, token.i)
        if ent is not None:
            return _LEADING_DETERMINER.sub("", ent.text)
    # a sentence's first word may be read as a name, and its lemma left in the plural
    # ('Prosecutors charged ...')
    institution = {token.lemma_.lower(), token.lower_, token.lower_.removesuffix("s")} & INSTITUTIONS
    if token.pos_ in ("NOUN", "PROPN") and institution:
        return institution.pop()
    named = next((c for c in token.children if c.dep_ == "appos" and c.ent_type_ in NAME_LABELS), None)
    if named is not None:  # 'The Mexican president, Enrique Peña Nieto, has ...'
        return person_name(named, people)
    definite = any(c.lower_ == "the" for c in token.children)
    if token.tag_ == "NN" and definite and token.lemma_.lower() in PERSON_TITLES:  # 'the senator', not 'senators'
        role = token.lemma_.lower()
        found = people.roles.get(role) or _titled_person(token.doc, role, people)
        return found or _LEADING_DETERMINER.sub("", _phrase(token))
    return None


def _titled_person(doc: Any, title: str, people: People) -> str | None:
    """The one person the article names with this title ('Senator Jane Okafor', 'Sen.
    Okafor' for 'the senator'), or None when it names none or several."""
    found = set()
    for ent in doc_ents(doc):
        if ent.label_ not in NAME_LABELS:
            continue
        before = doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
        first = ent[0].lower_.rstrip(".")
        if title in (before, first) or TITLE_ABBREVIATIONS.get(before) == title or TITLE_ABBREVIATIONS.get(first) == title:
            name = person_name(ent.root, people)
            if name is not None:
                found.add(name)
    return found.pop() if len(found) == 1 else None


def _phrase(token: Any) -> str:
    """The words of a noun phrase as printed, without a relative clause or an apposition
    after the noun, cut at MAX_TARGET_WORDS words."""
    words = [t for t in token.subtree if not any(a.dep_ in ("relcl", "appos", "acl") and a.head.i == token.i for a in [*t.ancestors, t] if a.i != token.i)]
    words = [t for t in words if not t.is_punct or token.left_edge.i < t.i < token.right_edge.i]
    words = words[:MAX_TARGET_WORDS]
    if not words:
        return token.text
    return doc_text(token.doc)[words[0].idx : words[-1].idx + len(words[-1])].strip(" ,;:")


def _clause(verb: Any) -> tuple[int, int]:
    """The characters of the event's clause: the verb with its subject and objects, not
    the clauses joined to it; a verb joined to another ('and met fishermen') without the
    subject it shares, which stands before the other verb."""
    tokens = [t for t in verb.subtree if not _in_joined_clause(t, verb)]
    tokens = [t for t in tokens if not (t.is_punct or t.is_space)] or [verb]
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last)


def _in_joined_clause(token: Any, verb: Any) -> bool:
    """Whether a token of the verb's subtree belongs to a verb joined to it ('and left')
    or to a clause set before it ('After she left the clinic, Lohan checked into ...')."""
    node = token
    while node.i != verb.i:
        if node.head.i == verb.i and (node.dep_ in ("conj", "cc") or node.dep_ == "advcl" and node.i < verb.i):
            return True
        node = node.head
    return False
