"""Framing: the words each article of a story uses to describe the people and groups in
it, and the charged words only one article uses.

- Descriptors: a title or label right before a name ('Fire Chief Dana Whitlock',
  'embattled Mayor Renner'), an appositive right after it ('Priya Castellanos, who lives
  on Anchor Street,'), and 'so-called X'. These are read with patterns around the names
  the claims stage found (its entities and speakers): no parse reaches this stage (the
  claims stage does not keep spaCy's Doc), and re-parsing every article here would
  double the stage's cost for what a window of words around a known name gives.
- Loaded terms: words the pattern lexicon (TextBlob's en-sentiment.xml, which ships in
  the wheel) rates as subjective or charged, plus a few labels it lacks, used by this
  article and by no other article of the story, outside quotation marks (a quote is the
  speaker's wording, not the outlet's).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from .models import Article, ArticleClaims, ArticleFraming, Descriptor, LoadedTerm

# Lexicon entries at or above this subjectivity, or this far from neutral, are loaded.
LOADED_SUBJECTIVITY = 0.75
LOADED_POLARITY = 0.6
# Charged labels for people and groups that the pattern lexicon has no entry for.
LOADED_LABELS = {
    "embattled", "disgraced", "notorious", "radical", "extremist", "extremists", "militant", "militants",
    "regime", "thug", "thugs", "rioters", "mob", "so-called", "self-styled", "firebrand", "hardline",
    "hardliner", "controversial", "scandal-hit", "beleaguered", "rogue", "terrorist", "terrorists",
}
# Words that end a title run before a name: they belong to the sentence, not the label.
_NOT_LABEL = {
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "from", "with", "as", "that",
    "this", "said", "says", "say", "told", "tells", "asked", "according", "when", "while", "after", "before",
    "because", "since", "if", "where", "who", "whom", "whose", "which", "was", "were", "is", "are", "be", "been",
    "has", "have", "had", "will", "would", "could", "should", "may", "might", "not", "no", "it", "he", "she",
    "they", "we", "i", "his", "her", "their", "its", "our", "my", "your", "than", "then", "also", "added",
    "spokesperson", "thanked", "met", "called", "named", "praised", "criticised", "criticized", "blamed",
    "visited", "joined", "urged", "warned", "about", "into", "over", "under", "between", "against", "during",
    "without", "within", "like", "unlike", "via", "per", "mr", "mrs", "ms", "dr",
}
MAX_TITLE_WORDS = 4
# A run of words before a name is a title or label only when the word next to the name
# is one of these (or a loaded word is in the run): without a parse, this is what tells
# 'spokesman Luis Ferreira' from 'along Harbour Road'.
ROLE_WORDS = {
    "chief", "mayor", "president", "minister", "secretary", "senator", "sen", "rep", "representative", "governor",
    "gov", "spokesman", "spokeswoman", "spokesperson", "commissioner", "director", "officer", "official",
    "leader", "chairman", "chairwoman", "chair", "ceo", "executive", "founder", "owner", "head", "librarian",
    "resident", "residents", "lawyer", "attorney", "judge", "justice", "analyst", "activist", "critic", "expert",
    "professor", "dr", "general", "gen", "colonel", "captain", "sergeant", "inspector", "detective", "sheriff",
    "councillor", "councilor", "councilman", "councilwoman", "candidate", "challenger", "incumbent", "rival",
    "actress", "actor", "star", "singer", "rapper", "model", "girl", "boy", "man", "woman", "teenager",
    "agent", "manager", "coach", "player", "king", "queen", "prince", "princess", "pope", "bishop", "cardinal",
    "ambassador", "envoy", "marshal", "firefighter", "witness", "victim", "suspect", "defendant", "prosecutor",
    "economist", "scientist", "researcher", "editor", "reporter", "columnist", "correspondent", "premier",
    "chancellor", "speaker", "lieutenant", "lt", "deputy", "superintendent", "principal", "dean", "administrator",
}
# Group nouns whose choice and qualifiers frame a story ('peaceful protesters' /
# 'violent rioters'): the adjectives an article puts before them are descriptors too.
GROUP_NOUNS = {
    "protesters", "demonstrators", "rioters", "activists", "militants", "rebels", "insurgents", "fighters",
    "migrants", "immigrants", "refugees", "asylum-seekers", "residents", "workers", "strikers", "critics",
    "supporters", "opponents", "officials", "police", "officers", "troops", "soldiers", "settlers", "evacuees",
}

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_TITLE_RUN = re.compile(r"((?:[A-Za-z][\w'’.-]*\s+){1," + str(MAX_TITLE_WORDS) + r"})$")
_APPOSITIVE = re.compile(
    r"^,\s+((?:a|an|the|who|whose|which|now|once|formerly|himself|herself|one|both)\b[^,.;:\"“”()]{2,140}?)(?=[,.;]|$)"
)
_PARENTHETICAL = re.compile(r"^\s*\(([^()]{2,60})\)")
_SO_CALLED = re.compile(r"\bso-called\s+((?:[\w'’-]+\s+){0,2}[\w'’-]+)", re.IGNORECASE)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[float, float]]:
    """word -> (polarity, subjectivity), averaged over its senses."""
    import textblob

    path = Path(textblob.__file__).parent / "en" / "en-sentiment.xml"
    senses: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for entry in ET.parse(path).getroot().iter("word"):
        form = (entry.get("form") or "").lower()
        if form:
            senses[form].append((float(entry.get("polarity", 0)), float(entry.get("subjectivity", 0))))
    return {w: (sum(p for p, _ in v) / len(v), sum(s for _, s in v) / len(v)) for w, v in senses.items()}


def loaded(word: str) -> tuple[float, float] | None:
    """(polarity, subjectivity) when the word is charged, else None."""
    w = word.lower().strip("'’")
    if w in LOADED_LABELS:
        return lexicon().get(w, (-0.5, 1.0))
    score = lexicon().get(w)
    if score and (score[1] >= LOADED_SUBJECTIVITY or abs(score[0]) >= LOADED_POLARITY):
        return score
    return None


def story_names(claims: Sequence[ArticleClaims]) -> dict[str, str]:
    """Every way the story writes a person's or group's name -> the fullest name: a
    person's surname stands for the fullest name that ends in it ('Whitlock' -> 'Dana
    Whitlock')."""
    full: set[str] = set()
    for c in claims:
        full |= {e.text.strip() for e in c.entities if e.label in ("PERSON", "ORG", "NORP") and len(e.text) > 2}
        full |= {e.speaker for e in c.extractions if e.speaker}
    # a name is capitalised word by word ('Port Merrow Fire Department', not "Whitlock's account")
    full = {n for n in full if all(w[:1].isupper() or w in ("of", "the", "and", "de", "van") for w in n.split())}
    full = {re.sub(r"^(?:the|The)\s+|['’]s$", "", n) for n in full}
    names: dict[str, str] = {}
    for name in sorted(full, key=len):
        names[name] = name
        words = name.split()
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            names[words[-1]] = max(names.get(words[-1], name), name, key=len)
    return names


def _title_before(text: str, start: int) -> tuple[str, int] | None:
    """The label words right before a name, and where they start."""
    window = text[max(0, start - 80) : start]
    m = _TITLE_RUN.search(window)
    if not m:
        return None
    tokens = list(re.finditer(r"\S+", m.group(1)))
    first = None
    for k in range(len(tokens) - 1, -1, -1):
        tok = tokens[k]
        w = tok.group(0)
        gap = m.group(1)[tok.end() : tokens[k + 1].start()] if k + 1 < len(tokens) else m.group(1)[tok.end() :]
        if w.lower().strip(".") in _NOT_LABEL or w.endswith((",", ";", ":", ".", "!", "?")) or "\n" in gap:
            break
        first = tok
    if first is None:
        return None
    at = start - len(window) + m.start(1) + first.start()
    words = text[at:start].split()
    if words[-1].lower().strip(".’'") not in ROLE_WORDS and not any(loaded(w) for w in words):
        return None
    return " ".join(words), at


def describe(article: Article, names: dict[str, str]) -> list[Descriptor]:
    text = article.text
    found: dict[tuple[str, str], Descriptor] = {}
    if names:
        pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
        for m in pattern.finditer(text):
            entity = names[m.group(1)]
            before = _title_before(text, m.start())
            if before:
                words, at = before
                kind = "title" if all(w[:1].isupper() for w in words.split()) else "label"
                found.setdefault((entity, words), Descriptor(entity, words, kind, at, m.start() - 1, name_end=m.end()))
            after = text[m.end() : m.end() + 200]
            appos = _APPOSITIVE.match(after) or _PARENTHETICAL.match(after)
            # 'according to X, the wind ...': what follows the name is the report, not about X
            if appos and not text[max(0, m.start() - 16) : m.start()].lower().rstrip().endswith("according to"):
                words = appos.group(1).strip()
                at = m.end() + appos.start(1)
                found.setdefault((entity, words), Descriptor(entity, words, "appositive", at, at + len(words)))
    for m in _SO_CALLED.finditer(text):
        found.setdefault((m.group(1), m.group(0)), Descriptor(m.group(1), m.group(0), "so_called", m.start(), m.end()))
    for m in re.finditer(r"\b(" + "|".join(sorted(GROUP_NOUNS)) + r")\b", text, re.IGNORECASE):
        before = _title_before(text, m.start())
        if before and any(loaded(w) for w in before[0].split()):
            words, at = before
            found.setdefault((m.group(1).lower(), words), Descriptor(m.group(1).lower(), words, "label", at, m.start() - 1))
    out = list(found.values())
    for d in out:
        d.loaded = [w for w in _WORD.findall(d.words) if loaded(w)]
    return sorted(out, key=lambda d: (d.entity, d.start))


def _unquoted_words(text: str) -> list[tuple[str, int]]:
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    return [
        (m.group(0).lower(), m.start())
        for m in _WORD.finditer(text)
        if not any(a <= m.start() < b for a, b in quoted)
    ]


def frame_story(articles: Sequence[Article], claims: Sequence[ArticleClaims]) -> list[ArticleFraming]:
    names = story_names(claims)
    words = {a.id: _unquoted_words(a.text) for a in articles}
    vocab = {aid: {w for w, _ in ws} for aid, ws in words.items()}
    out = []
    for art in articles:
        others = set().union(*(v for aid, v in vocab.items() if aid != art.id)) if len(articles) > 1 else set()
        terms: dict[str, LoadedTerm] = {}
        for w, at in words[art.id]:
            score = loaded(w)
            if score is None or w in others:
                continue
            if w in terms:
                terms[w].count += 1
            else:
                terms[w] = LoadedTerm(w, 1, round(score[0], 2), round(score[1], 2), at, at + len(w))
        out.append(ArticleFraming(article=art.id, descriptors=describe(art, names), loaded_terms=list(terms.values())))
    return out
