"""The people one article names: each person's canonical name, the descriptions and the
pronoun the article uses for them, and where they are named, read from the spaCy parse.
The speaker reader (`speakers.py`) resolves pronouns, descriptions and handles with it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .doccache import doc_ents, doc_text, entity_at
from .quotespans import quote_spans
from .speechverbs import past_speech_verb

NAME_LABELS = {"PERSON"}
TITLE_WORDS = {
    "mr", "mrs", "ms", "dr", "sir", "dame", "mayor", "chief", "fire", "police", "president", "senator", "minister",
    "governor", "spokesman", "spokeswoman", "spokesperson", "officer", "captain", "gen", "general", "prof",
    "professor", "rep", "sen", "councillor", "councilor", "councilman", "councilwoman", "commissioner", "judge",
    "justice", "sheriff", "secretary", "ambassador", "chancellor", "premier", "deputy", "lieutenant", "lt", "sergeant",
    "sgt", "detective", "inspector", "superintendent", "rev", "reverend", "father", "rabbi", "imam", "coach",
    "assemblyman", "assemblywoman", "congressman", "congresswoman", "vice",
}
# A handle names a person when it holds a surname at least this long ("@okafor").
HANDLE_SURNAME_CHARS = 3


@dataclass
class People:
    """The people one article names."""

    # surname (lower-case) -> the fullest name the article gives that person
    names: dict[str, str] = field(default_factory=dict)
    # description noun (lemma) -> the one person the article describes with it
    roles: dict[str, str] = field(default_factory=dict)
    # canonical name -> "he" or "she", as the article itself refers to that person
    pronouns: dict[str, str] = field(default_factory=dict)

    # (character offset, canonical name) of every person named as the subject of a
    # sentence's main verb outside quotations, in text order
    subjects: list[tuple[int, str]] = field(default_factory=list)
    # (character offset, canonical name) of every person named outside quotations, in
    # text order
    mentions: list[tuple[int, str]] = field(default_factory=list)
    # character offsets of the definite descriptions that are a sentence's subject outside
    # quotations ('The Republican nominee also linked ...'), which a later pronoun may continue
    described_subjects: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Any) -> People:
        people = cls(names=_canonical_names(doc))
        people.roles = _roles(doc, people)
        people.pronouns = _pronouns(doc, people)
        people.subjects = _sentence_subjects(doc, people)
        people.mentions = _mentions(doc, people)
        people.described_subjects = _described_subjects(doc)
        return people

    def introduced_in(self, pronoun: str, start: int, end: int) -> str | None:
        """The person that 'he'/'she' after [start, end) most likely stands for, by what
        that stretch says: its last subject that agrees, else, when no description is a
        sentence's subject there ('The Republican nominee said ...'), the last person it
        names that agrees ('... concerns Henry Crespo, president of the caucus.' then
        '"...," he said.')."""
        found = self.subject_between(pronoun, start, end)
        if found is not None or any(start <= char < end for char in self.described_subjects):
            return found
        for char, name in reversed(self.mentions):
            if start <= char < end and self.agrees(pronoun, name):
                return name
        return None

    def subject_between(self, pronoun: str, start: int, end: int) -> str | None:
        """The last person named as a sentence's subject in [start, end) that 'he'/'she'
        can stand for: 'Ham made it clear he had misgivings. "...," he said.'"""
        for char, name in reversed(self.subjects):
            if start <= char < end and self.agrees(pronoun, name):
                return name
        return None

    def agrees(self, pronoun: str, name: str | None) -> bool:
        """Whether 'he'/'she' can stand for the named person: yes unless the article
        refers to that person with the other pronoun."""
        known = self.pronouns.get(name or "")
        return known is None or pronoun.lower() not in ("he", "she") or known == pronoun.lower()

    def by_handle(self, handle: str) -> str | None:
        """'@JaneOkafor', '@okafor' -> 'Jane Okafor' when exactly one named person's
        surname is in the handle."""
        key = handle.lstrip("@").lower()
        found = {full for surname, full in self.names.items() if len(surname) >= HANDLE_SURNAME_CHARS and surname in key}
        return found.pop() if len(found) == 1 else None


def inside(char: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= char < e for s, e in spans)


def person_name(token: Any, people: People) -> str | None:
    """The person a token names: its PERSON entity, else its proper-noun chain."""
    if token.ent_type_ in NAME_LABELS:
        ent = entity_at(token.doc, token.i)
        if ent is not None:
            words = _name_words([t for t in ent if t.text.lower().strip(".") not in TITLE_WORDS])
            if words:
                return canonical_name(words, people)
    if token.pos_ == "PROPN":
        chain = [t for t in token.subtree if t.pos_ == "PROPN" and t.i <= token.i]
        for k, t in enumerate(chain[:-1]):
            if not t.text.isupper():
                break
            if token.doc[t.i + 1].is_punct:
                chain = chain[k + 1 :]  # a dateline: "WASHINGTON -- President Obama"
                break
        while chain and chain[0].text.lower().strip(".") in TITLE_WORDS:
            chain = chain[1:]  # "Chief Whitlock"; but "Port Merrow Fire Department" keeps its "Fire"
        if chain:
            return canonical_name([t.text for t in chain], people)
    return None


def canonical_name(words: list[str], people: People) -> str:
    """The article's fullest name for the person these words name, by surname; but a
    first name the fullest one lacks is another person of that surname ('Ivanka Trump'
    beside 'Donald J. Trump')."""
    written = " ".join(words)
    known = people.names.get(surname_key(words[-1]))
    if known is None:
        return written
    if len(words) > 1 and words[0][:1].isupper() and words[0] not in known.split():
        return written
    return known


def speaker_key(name: str | None) -> str | None:
    """Who a speaker's name stands for across the articles of a story, by surname ('Dana
    Whitlock' in one, 'Whitlock' in another); None for no name or one that is not a
    person's name ('the department', 'she')."""
    name = (name or "").strip()
    if not name or not name[0].isupper() or name.split()[0].lower() in ("the", "a", "an", "he", "she", "they", "it"):
        return None
    return name.split()[-1].lower()


def surname_key(word: str) -> str:
    """The key `People.names` files a person under: the last part of the surname,
    lower-cased ('Holtz-Eakin' -> 'eakin'), so that a name read from the parse, where
    spaCy splits the hyphen off, finds the same person."""
    return word.rsplit("-", 1)[-1].lower()


def _name_words(tokens: list[Any]) -> list[str]:
    """The words of a name from its tokens, with a hyphenated name glued back together:
    spaCy splits 'Holtz-Eakin' into 'Holtz', '-', 'Eakin'."""
    words: list[str] = []
    for k, t in enumerate(tokens):
        before = tokens[k - 1] if k else None
        joined = before is not None and before.i == t.i - 1 and not before.whitespace_ and "-" in (before.text, t.text)
        if joined and words:
            words[-1] += t.text
        else:
            words.append(t.text)
    return words


def _canonical_names(doc: Any) -> dict[str, str]:
    """surname -> the fullest name of the person the article names most often with that
    surname and a first name. Families share surnames ('Donald Trump', 'Ivanka Trump';
    'Hillary Clinton', 'Bill Clinton'), and news copy goes on with the bare surname of
    the one it is about: the most often named, not the longest name ('Ivanka Trump' is as
    long as 'Donald Trump', and a bare 'Trump' given to her makes 'he' skip him)."""
    fullest: dict[str, str] = {}  # surname -> the longest name of any person (the fallback)
    by_person: dict[tuple[str, str], list[Any]] = {}  # (surname, first name) -> [count, fullest name]
    for ent in doc_ents(doc):
        if ent.label_ not in NAME_LABELS:
            continue
        words = [t for t in ent if t.text.lower().strip(".") not in TITLE_WORDS and t.is_alpha or "-" in t.text]
        if len(words) > 1 and words[0].is_sent_start and past_speech_verb(words[0].text):
            words = words[1:]  # 'Stated Stone:', which the model reads as one name
        tokens = _name_words(words)
        if not tokens:
            continue
        full = " ".join(tokens)
        key = surname_key(tokens[-1])
        if len(full) > len(fullest.get(key, "")):
            fullest[key] = full
        if len(tokens) > 1:
            person = by_person.setdefault((key, tokens[0]), [0, full])
            person[0] += 1
            if len(full) > len(person[1]):
                person[1] = full
    # A compound surname's tail is no other person: 'Guajardo Villarreal' (first word
    # 'Guajardo') is 'Ildefonso Guajardo Villarreal' named shorter, so his mentions count
    # for the full name. A tail that opens with a first name is the name itself, and the
    # word before it a nickname the article quotes ('Crooked Hillary Clinton').
    male, female = _first_names()
    for short in sorted(by_person, key=lambda k: len(by_person[k][1])):
        short_words = by_person[short][1].split()
        if short_words[0] in male or short_words[0] in female:
            continue
        longer = [
            k for k in by_person
            if k != short and k[0] == short[0] and by_person[k][1].split()[-len(short_words):] == short_words
            and len(by_person[k][1].split()) > len(short_words)
        ]
        if longer:
            by_person[longer[0]][0] += by_person.pop(short)[0]
    names = dict(fullest)
    best: dict[str, tuple[int, int]] = {}  # surname -> (count, length) of the chosen person
    for (key, _), (count, full) in by_person.items():
        rank = (count, len(full))
        if rank > best.get(key, (0, 0)):
            best[key] = rank
            names[key] = full
    return names


def _sentence_subjects(doc: Any, people: People) -> list[tuple[int, str]]:
    quoted = [(q.start, q.end) for q in quote_spans(doc_text(doc))]
    out = []
    for sent in doc.sents:
        root = sent.root
        for subj in root.children:
            # a surname the article gives a person elsewhere counts where spaCy missed the entity
            named = subj.ent_type_ in NAME_LABELS or subj.pos_ == "PROPN" and subj.lower_ in people.names
            if subj.dep_ in ("nsubj", "nsubjpass") and named and not inside(subj.idx, quoted):
                name = person_name(subj, people)
                if name is not None:
                    out.append((subj.idx, name))
    return out


def _described_subjects(doc: Any) -> list[int]:
    quoted = [(q.start, q.end) for q in quote_spans(doc_text(doc))]
    return [
        subj.idx for sent in doc.sents for subj in sent.root.children
        if subj.dep_ in ("nsubj", "nsubjpass") and subj.pos_ == "NOUN" and not inside(subj.idx, quoted) and _definite_description(subj)
    ]


def _definite_description(noun: Any) -> bool:
    """'The Republican nominee', 'the Vermont senator': 'the' and a modifier, the way news
    copy refers back to a person it has named; a bare 'the delay' seldom is one."""
    children = list(noun.children)
    return any(c.lower_ == "the" for c in children) and any(c.dep_ in ("amod", "compound") for c in children)


def _mentions(doc: Any, people: People) -> list[tuple[int, str]]:
    quoted = [(q.start, q.end) for q in quote_spans(doc_text(doc))]
    return [(ent.start_char, name) for ent, name in _named_people(doc, people) if not inside(ent.start_char, quoted)]


def _named_people(doc: Any, people: People) -> Iterator[tuple[Any, str]]:
    """Each PERSON entity of the article with the canonical name it stands for."""
    for ent in doc_ents(doc):
        if ent.label_ in NAME_LABELS:
            name = person_name(ent.root, people)
            if name is not None:
                yield ent, name


def _roles(doc: Any, people: People) -> dict[str, str]:
    """Description nouns the article pairs with a name: 'Jane Okafor, a conservative
    blogger' (apposition), 'conservative blogger Jane Okafor' (a noun before the name). A
    noun used for two different people describes neither."""
    seen: dict[str, set[str]] = {}
    for ent, name in _named_people(doc, people):
        root = ent.root
        nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            nouns.append(root.head)
        nouns += [t for t in doc[max(ent.start - 3, 0) : ent.start] if t.pos_ == "NOUN" and t.head.i in range(ent.start, ent.end)]
        for noun in nouns:
            seen.setdefault(noun.lemma_.lower(), set()).add(name)
    return {role: names.pop() for role, names in seen.items() if len(names) == 1}


# Words beside a name that say which pronoun the article uses for that person.
HE_WORDS = {"mr", "mr.", "congressman", "businessman", "councilman", "assemblyman", "father", "husband", "son", "brother", "king", "sir"}
# 'spokesman' and 'chairman' are left out: outlets use them for women too ('Trump
# spokesman Hope Hicks', 'listed as the chairman').
SHE_WORDS = {
    "mrs", "mrs.", "ms", "ms.", "miss", "spokeswoman", "congresswoman", "chairwoman", "businesswoman", "councilwoman",
    "assemblywoman", "mother", "wife", "daughter", "sister", "queen", "dame", "actress",
}


def _pronouns(doc: Any, people: People) -> dict[str, str]:
    """Which pronoun the article's usage implies for each person it names: a courtesy
    title or a gendered role word beside the name ('Mr. Obama', 'spokeswoman Jen
    Psaki'), else a first name that the census name lists give to one sex only. Used
    only to rule out 'she' for a man the article calls 'Mr.'; a name not known either
    way rules nothing out."""
    votes: dict[str, dict[str, int]] = {}
    for ent, name in _named_people(doc, people):
        words = {t.lower_ for t in doc[max(ent.start - 2, 0) : ent.start]} | {t.lower_ for t in ent}
        tally = votes.setdefault(name, {"he": 0, "she": 0})
        tally["he"] += len(words & HE_WORDS)
        tally["she"] += len(words & SHE_WORDS)
    out = {}
    male, female = _first_names()
    for name, tally in votes.items():
        if tally["he"] != tally["she"]:
            out[name] = "he" if tally["he"] > tally["she"] else "she"
            continue
        first = name.split()[0]
        # a name of one word is mostly a surname ('Scott', 'Clinton'), whose sex the
        # first-name lists would guess; one the surname lists lack is a first name
        # ('Melanie', named so in a feature)
        first_name = len(name.split()) > 1 or first not in _surnames()
        if first_name and (first in male) != (first in female):
            out[name] = "he" if first in male else "she"
    for name, pronoun in _pronouns_beside(doc, people).items():
        out.setdefault(name, pronoun)
    return out


HE_PRONOUNS = {"he", "him", "his", "himself"}
SHE_PRONOUNS = {"she", "her", "hers", "herself"}
# The article's own pronouns decide a person's only when one kind outnumbers the other
# this many times over, in at least MIN_PRONOUN_VOTES sentences.
PRONOUN_MAJORITY = 2
MIN_PRONOUN_VOTES = 2


def _pronouns_beside(doc: Any, people: People) -> dict[str, str]:
    """'he' or 'she' for the people whose first name says neither ('Hillary' is a man's
    name in one of the census lists): the pronouns of the sentences that name that person
    as a subject and no one else, after the name and outside quotations ('Clinton said
    her plan would ...'). A stand-in
    for coreference, whose spaCy components (coreferee) fetch their models at run time."""
    quoted = [(q.start, q.end) for q in quote_spans(doc_text(doc))]
    by_sentence: dict[int, set[str]] = {}
    subject_at: dict[int, tuple[int, str]] = {}  # sentence start -> (token after the subject, name)
    for ent, name in _named_people(doc, people):
        if not inside(ent.start_char, quoted):
            by_sentence.setdefault(ent.sent.start, set()).add(name)
            if ent.root.dep_ in ("nsubj", "nsubjpass"):
                subject_at.setdefault(ent.sent.start, (ent.end, name))
    votes: dict[str, dict[str, int]] = {}
    for sent in doc.sents:
        names = by_sentence.get(sent.start, set())
        if len(names) != 1 or sent.start not in subject_at:
            continue
        after = subject_at[sent.start][0]
        words = [t.lower_ for t in sent if t.i >= after and t.pos_ == "PRON" and not inside(t.idx, quoted)]
        he = sum(w in HE_PRONOUNS for w in words)
        she = sum(w in SHE_PRONOUNS for w in words)
        if he != she:
            tally = votes.setdefault(names.pop(), {"he": 0, "she": 0})
            tally["he" if he > she else "she"] += 1
    out = {}
    for name, tally in votes.items():
        he, she = tally["he"], tally["she"]
        if he + she >= MIN_PRONOUN_VOTES and max(he, she) >= PRONOUN_MAJORITY * min(he, she) and he != she:
            out[name] = "he" if he > she else "she"
    return out


def _name_providers(locale_prefix: str = "") -> Iterator[Any]:
    """Faker's person providers of the locales whose names start with `locale_prefix`
    ("en": US, UK, Irish, Indian, Canadian, Australian and other census lists; "": every
    locale), MIT-licensed. Faker is used only as the maintained, offline source of these
    lists."""
    import importlib
    import pkgutil

    import faker.providers.person as providers

    for module in pkgutil.iter_modules(providers.__path__):
        if module.name.startswith(locale_prefix):
            yield importlib.import_module(f"faker.providers.person.{module.name}").Provider


def _names(provider: Any, attribute: str) -> Iterable[str]:
    """A provider's list of names (a weighted dict in some locales); nothing where the
    locale composes its names at run time (a property) or has no such list."""
    names = getattr(provider, attribute, ()) or ()
    if isinstance(names, property):
        return ()
    return names.keys() if isinstance(names, dict) else names


@lru_cache(maxsize=1)
def _first_names() -> tuple[frozenset[str], frozenset[str]]:
    """Male and female first names from the census lists; a name both lists hold
    (Hillary, Leslie) counts as neither."""
    male: set[str] = set()
    female: set[str] = set()
    for provider in _name_providers("en"):
        male.update(_names(provider, "first_names_male"))
        female.update(_names(provider, "first_names_female"))
    return frozenset(male), frozenset(female)


@lru_cache(maxsize=1)
def _first_names_any_language() -> frozenset[str]:
    """First names from every locale's person provider in Faker (about 31,000: census and
    registry lists of many countries), for telling a bare name from a menu item."""
    return frozenset(
        name
        for provider in _name_providers()
        for attribute in ("first_names", "first_names_male", "first_names_female")
        for name in _names(provider, attribute)
    )


def is_first_name(word: str) -> bool:
    """Whether `word` ('Rahul', 'Jean-Luc', 'Ursula') is a first name in some country's lists."""
    return word in _first_names_any_language()


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    """Surnames from the same census lists as `_first_names`."""
    return frozenset(name for provider in _name_providers("en") for name in _names(provider, "last_names"))
