"""Brief stage: a neutral summary of a story, one sentence per item, each citing the
claims and articles it rests on.

Sentences are never invented: a corroborated number or date is stated in the words of
one of its mentions (the shortest, which is usually the plainest), a quote is given to
its speaker in the quoted words, and a conflict is stated as a conflict. So no sentence
can carry a number, name or date that its cited mentions do not contain.
"""

from __future__ import annotations

from dataclasses import replace

from .models import Article, BriefSentence, Claim, Story, outlet_phrase

MAX_SENTENCES = 10


def write_brief(story: Story, articles: dict[str, Article]) -> Story:
    sentences: list[BriefSentence] = []
    used_text: set[str] = set()
    corroborated = [c for c in story.claims if c.status == "corroborated"]
    # dates of events first (what happened when), then numbers, then what people said in
    # their own words, then what they are reported to have said
    order = {"date": 0, "quantity": 1, "event": 2, "quote": 3, "statement": 4}
    corroborated.sort(key=lambda c: (order[c.kind], -c.support.independent, c.id))
    for claim in corroborated:
        text = _sentence_for(claim)
        if text in used_text:
            continue
        used_text.add(text)
        sentences.append(BriefSentence(text=text, claims=[claim.id], articles=_articles(claim)))
        if len(sentences) >= MAX_SENTENCES:
            break
    by_claim = {c.id: c for c in story.claims}
    for conflict in story.conflicts:
        sides = [by_claim[cid] for cid in conflict.claims if cid in by_claim]
        if len(sides) < 2:
            continue
        sentences.append(
            BriefSentence(text=conflict_sentence(conflict.kind, sides, articles), claims=list(conflict.claims),
                          articles=list(conflict.articles))
        )
    return replace(story, brief=sentences)


# What outlets disagree on, by conflict kind.
_TOPIC = {
    "number": "a number", "date": "a date", "measure": "what a number measures", "attribution": "who said it",
    "role": "a role", "negation": "whether it happened",
}
_NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def conflict_sentence(kind: str, sides: list[Claim], articles: dict[str, Article]) -> str:
    """A conflict stated as one: 'Outlets disagree on a date: Coastline Daily says
    “Friday”; three others (A, B and C) say “late Thursday”.' The side with fewer
    articles first; every word quoted is a cited mention's, every name a speaker's or an
    outlet's."""
    parts = []
    for claim in sorted(sides, key=lambda c: len(_articles(c))):
        n = len(_articles(claim))
        who = _labels(claim, articles)
        if parts and n > 1:
            count = _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else "several"
            who = f"{count} others ({who})"
        verb = "says" if n == 1 else "say"
        if kind == "attribution":
            parts.append(f"{who} {'gives' if n == 1 else 'give'} the words to {claim.speaker or 'an unnamed speaker'}")
        else:
            parts.append(f"{who} {verb} {_words(claim)}")
    topic = _TOPIC.get(kind, kind)
    if kind == "attribution" and sides[0].quote:
        topic = f"who said “{sides[0].quote}”"
    return f"Outlets disagree on {topic}: " + "; ".join(parts) + "."


def _sentence_for(claim: Claim) -> str:
    if claim.kind == "quote":
        quote = (claim.quote or "").rstrip(" ,")
        if not quote.endswith((".", "!", "?", "…")):
            quote += "."
        return f"{claim.speaker} said: \u201c{quote}\u201d" if claim.speaker else f"Quoted without a named speaker: \u201c{quote}\u201d"
    if claim.kind == "event":
        return _event_sentence(claim)
    shortest = min(claim.mentions, key=lambda m: len(m.text))
    return shortest.text.strip()


def _event_sentence(claim: Claim) -> str:
    """An event as the shortest clause that names its doer in full ('Mayor Tobias Renner
    visited the shelter before dawn.' over 'Renner also visited the shelter'), else by
    surname: a clause of a verb joined to another ('and met fishermen') prints no doer.
    The claim's sentence when no clause names one."""
    actor = str((claim.value or {}).get("actor") or "")
    named = [m.text.strip() for m in claim.mentions if actor and actor in m.text]
    named = named or [m.text.strip() for m in claim.mentions if actor and actor.split()[-1] in m.text]
    if not named:
        return claim.text
    clause = min(named, key=len)
    return clause[:1].upper() + clause[1:] + ("" if clause.endswith((".", "!", "?")) else ".")


def _articles(claim: Claim) -> list[str]:
    return list(dict.fromkeys(m.article for m in claim.mentions))


def _labels(claim: Claim, articles: dict[str, Article]) -> str:
    return outlet_phrase(articles[a] for a in _articles(claim))


def _words(claim: Claim) -> str:
    printed = (claim.value or {}).get("as_printed") or [claim.text]
    return " / ".join(f"“{w}”" for w in printed)
