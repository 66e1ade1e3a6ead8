"""Cross-check stage: within one story, merge the extractions of its articles into claims
(one mention per article), count support and independent support, and flag conflicts.

Alignment is structured comparison plus embeddings:
- quotes are the same claim when their words overlap (a partial quote counts);
- numbers are the same claim when they count the same thing (same noun, and the same
  verb or a close sentence) with agreeing values; two such claims with disagreeing
  values are a number conflict;
- dates are the same claim when they date the same event (same verb phrase, close
  subject) on the same day; different days are a date conflict.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from itertools import combinations

import numpy as np

from .derivations import find_derivations, own_sentences
from .grouping import UnionFind
from .models import (
    Article,
    ArticleClaims,
    Claim,
    Conflict,
    Derivation,
    Evidence,
    Extraction,
    Mention,
    Story,
    Support,
    TimelineEntry,
    outlet_phrase,
)
from .nlp import Embedder
from .quantities import values_agree
from .speakers import SAY_VERBS

QUOTE_OVERLAP = 0.8
# The same noun with the same value is the same fact when the number is this large:
# "1,200 residents" in two articles about one event are not two different crowds,
# whatever verb each article puts them under. Small counts ("two firefighters") need
# the verb or the sentence to agree as well.
DISTINCTIVE_NUMBER = 20
SENTENCE_SAME_CLAIM = 0.6
SUBJECT_SIMILAR = 0.5
# Part-of-day words that put an event near midnight, where a time-zone boundary can
# move it to the next or previous calendar day.
NEAR_MIDNIGHT = {"late", "night", "overnight", "midnight"}
# Verbs that say nothing of which event a date belongs to.
LIGHT_VERBS = {"be", "have", "do", "get", "make", "take", "go", "come", "see"}


def crosscheck_story(
    story: Story, articles: Sequence[Article], claims: Sequence[ArticleClaims], embedder: Embedder
) -> Story:
    by_id = {a.id: a for a in articles}
    derivations = find_derivations(articles, claims, embedder)
    roots = independence(story.articles, derivations)
    extractions = [e for c in claims for e in c.extractions]
    # with one article there is nothing to align across, so no sentence needs embedding
    sentence_vec = _sentence_vectors(extractions, embedder) if len(articles) > 1 else {}

    groups: list[list[Extraction]] = []
    groups += _align_quotes([e for e in extractions if e.kind == "quote"])
    groups += _align_statements([e for e in extractions if e.kind == "statement"], sentence_vec)
    quantity_groups = _align_quantities([e for e in extractions if e.kind == "quantity"], sentence_vec)
    date_groups = _align_dates([e for e in extractions if e.kind == "date"], embedder)
    groups += quantity_groups + date_groups

    built: dict[int, Claim] = {}
    for n, group in enumerate(groups):
        built[id(group)] = _make_claim(f"{story.id}-c{n + 1}", group, roots)
    conflicts: list[Conflict] = []
    if len(articles) > 1:  # a conflict is between articles
        conflicts += _number_conflicts(quantity_groups, built, sentence_vec, story.id, by_id)
        conflicts += _date_conflicts(date_groups, built, embedder, story.id, by_id, len(conflicts))
    conflicting = {cid for conflict in conflicts for cid in conflict.claims}
    for claim in built.values():
        if claim.id in conflicting:
            claim.status = "conflicting"
    ordered = sorted(built.values(), key=lambda c: (-c.support.independent, -c.support.articles, c.id))
    return replace(
        story,
        claims=ordered,
        conflicts=conflicts,
        derivations=derivations,
        headline=_headline(story, by_id, derivations),
        timeline=_timeline(ordered),
    )


def _headline(story: Story, by_id: dict[str, Article], derivations: Sequence[Derivation]) -> str:
    """A story is not headlined by a rewrite: when the article that gave the headline
    copies another, its source's title is used instead."""
    source_of = {d.derived: d.source for d in derivations}
    for art in by_id.values():
        if art.title == story.headline and art.id in source_of and by_id[source_of[art.id]].title:
            return by_id[source_of[art.id]].title or story.headline
    return story.headline


def independence(article_ids: Sequence[str], derivations: Sequence[Derivation]) -> dict[str, str]:
    """article -> the representative of its family (an article and its copies/rewrites)."""
    families = UnionFind(article_ids)
    for d in derivations:
        families.union(d.source, d.derived)
    return {a: families.find(a) for a in article_ids}


def texts_to_embed(claims: Sequence[ArticleClaims]) -> list[str]:
    """The texts `crosscheck_story` asks the embedder for, for a story with these claims:
    its articles' own sentences (derivations), its extractions' sentences and the
    subjects of its dated events. A run embeds those of all its stories ahead, in large
    batches (`nlp.EmbeddedAhead`); a text left out here is still embedded when asked for."""
    if len(claims) < 2:
        return []  # a story of one article compares nothing
    extractions = [e for c in claims for e in c.extractions]
    subjects = [_event_parts(e)[0] for e in extractions if e.kind == "date" and e.date is not None and e.date.event]
    return (
        [s for c in claims for s in own_sentences(c)]
        + [e.sentence.text for e in extractions]
        + [s for s in subjects if s]
    )


def _sentence_vectors(extractions: list[Extraction], embedder: Embedder) -> dict[str, np.ndarray]:
    texts = list(dict.fromkeys(e.sentence.text for e in extractions))
    return dict(zip(texts, embedder.encode(texts), strict=True))


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", text.lower().replace("’", "'")))


def _align_quotes(quotes: list[Extraction]) -> list[list[Extraction]]:
    uf = UnionFind(range(len(quotes)))
    bags = [_words(q.quote or "") for q in quotes]
    for i, j in combinations(range(len(quotes)), 2):
        small = min(len(bags[i]), len(bags[j]))
        if small and len(bags[i] & bags[j]) / small >= QUOTE_OVERLAP:
            uf.union(i, j)
    return [[quotes[i] for i in g] for g in uf.groups()]


def _align_statements(items: list[Extraction], vec: dict[str, np.ndarray]) -> list[list[Extraction]]:
    """Reported speech is the same claim when the same person is said to have said much
    the same thing: same canonical speaker, sentences close in meaning."""
    uf = UnionFind(range(len(items)))
    for i, j in combinations(range(len(items)), 2):
        a, b = items[i], items[j]
        if a.speaker and a.speaker.lower() == (b.speaker or "").lower() and _similar_sentences(a, b, vec):
            uf.union(i, j)
    return [[items[i] for i in g] for g in uf.groups()]


def _noun(e: Extraction) -> str:
    """The counted thing: 'resident' of 'resident evacuate' ('' when no noun says it)."""
    assert e.quantity is not None
    return e.quantity.counted


def _verb(e: Extraction) -> str:
    """What happened to the counted thing ('evacuate'), or the event a date dates."""
    return e.context


def _same_measure(a: Extraction, b: Extraction, vec: dict[str, np.ndarray]) -> bool:
    """Two numbers count the same thing: same unit and noun, and the same verb or
    sentences that say much the same."""
    qa, qb = a.quantity, b.quantity
    assert qa is not None and qb is not None
    if qa.unit != qb.unit or not _noun(a) or _noun(a) != _noun(b):
        return False  # a number with no noun ("39 percent is ...") measures nothing we can compare
    return qa.of == qb.of or _similar_sentences(a, b, vec)


def _similar_sentences(a: Extraction, b: Extraction, vec: dict[str, np.ndarray]) -> bool:
    """The sentences of two mentions say much the same (never, when either has no vector)."""
    va, vb = vec.get(a.sentence.text), vec.get(b.sentence.text)
    return va is not None and vb is not None and float(va @ vb) >= SENTENCE_SAME_CLAIM


def _align_quantities(items: list[Extraction], vec: dict[str, np.ndarray]) -> list[list[Extraction]]:
    uf = UnionFind(range(len(items)))
    for i, j in combinations(range(len(items)), 2):
        a, b = items[i], items[j]
        qa, qb = a.quantity, b.quantity
        assert qa is not None and qb is not None
        if not values_agree(qa.number, qa.approximate, qb.number, qb.approximate):
            continue
        distinctive = qa.unit == qb.unit and _noun(a) == _noun(b) and min(qa.number, qb.number) >= DISTINCTIVE_NUMBER
        if distinctive or _same_measure(a, b, vec):
            uf.union(i, j)
    return [[items[i] for i in g] for g in uf.groups()]


def _event_parts(e: Extraction) -> tuple[str, str]:
    """(subject, verb phrase) of the event a date dates."""
    assert e.date is not None
    words = e.date.event.split(" ", 1)
    return (words[0], words[1]) if len(words) == 2 else ("", words[0])


def _same_event(a: Extraction, b: Extraction, subject_sim: dict[tuple[str, str], float]) -> bool:
    """Two dates date the same event: the same verb phrase (not a verb of saying or a
    light verb like 'be', which date anything) with similar subjects, at the same
    granularity (a year and a day are not two answers to one question)."""
    assert a.date is not None and b.date is not None
    sa, va = _event_parts(a)
    sb, vb = _event_parts(b)
    if not va or va != vb or va.split(" ")[0] in SAY_VERBS | LIGHT_VERBS or not sa or not sb:
        return False
    if _granularity_rank(a) != _granularity_rank(b):
        return False
    return sa == sb or subject_sim.get((sa, sb), 0.0) >= SUBJECT_SIMILAR


def _granularity_rank(e: Extraction) -> str:
    assert e.date is not None
    return "day" if e.date.granularity in ("time", "part_of_day", "day") else e.date.granularity


def _subject_similarity(items: list[Extraction], embedder: Embedder) -> dict[tuple[str, str], float]:
    subjects = sorted({_event_parts(e)[0] for e in items if _event_parts(e)[0]})
    vectors = embedder.encode(subjects)
    sims = vectors @ vectors.T if subjects else np.zeros((0, 0))
    return {(a, b): float(sims[i, j]) for i, a in enumerate(subjects) for j, b in enumerate(subjects)}


def _align_dates(items: list[Extraction], embedder: Embedder) -> list[list[Extraction]]:
    items = [e for e in items if e.date and e.date.event and _event_parts(e)[1].split(" ")[0] not in SAY_VERBS]
    sims = _subject_similarity(items, embedder) if len({e.article for e in items}) > 1 else {}
    uf = UnionFind(range(len(items)))
    for i, j in combinations(range(len(items)), 2):
        a, b = items[i], items[j]
        assert a.date is not None and b.date is not None
        if a.date.date == b.date.date and _same_event(a, b, sims):
            uf.union(i, j)
    return [[items[i] for i in g] for g in uf.groups()]


def _one_per_article(group: list[Extraction]) -> list[Extraction]:
    seen: dict[str, Extraction] = {}
    for e in group:
        seen.setdefault(e.article, e)
    return list(seen.values())


def _make_claim(claim_id: str, group: list[Extraction], roots: dict[str, str]) -> Claim:
    firsts = _one_per_article(group)
    mentions = [
        Mention(article=e.article, text=e.mention.text, start=e.mention.start, end=e.mention.end, speaker=e.speaker_as_written)
        for e in firsts
    ]
    articles = {e.article for e in firsts}
    support = Support(articles=len(articles), independent=len({roots.get(a, a) for a in articles}))
    status = "corroborated" if support.independent >= 2 else "single_source"
    lead = min(firsts, key=lambda e: len(e.sentence.text))
    kind = lead.kind
    if kind == "quote":
        speaker = _fullest_speaker(firsts)
        quote = max((e.quote or "" for e in firsts), key=len)
        text = f'{speaker or "An unnamed speaker"} said: "{quote}"'
        return Claim(claim_id, "quote", text, mentions, support, status, speaker=speaker, quote=quote)  # type: ignore[arg-type]
    if kind == "statement":
        reported = lead.focus.text if lead.focus else lead.sentence.text
        return Claim(claim_id, "statement", lead.sentence.text.strip(), mentions, support, status,  # type: ignore[arg-type]
                     speaker=_fullest_speaker(firsts), value={"reported": reported})
    if kind == "quantity":
        q = lead.quantity
        assert q is not None
        value = {"number": q.number, "unit": q.unit, "of": q.of, "approximate": any(e.quantity and e.quantity.approximate for e in firsts),
                 "as_printed": sorted({e.focus.text for e in firsts if e.focus})}
        return Claim(claim_id, "quantity", lead.sentence.text.strip(), mentions, support, status, value=value)  # type: ignore[arg-type]
    d = lead.date
    assert d is not None
    value = {"date": d.date, "granularity": d.granularity, "part_of_day": d.part_of_day, "event": d.event,
             "as_printed": sorted({e.focus.text for e in firsts if e.focus})}
    return Claim(claim_id, "date", lead.sentence.text.strip(), mentions, support, status, value=value)  # type: ignore[arg-type]


def _fullest_speaker(group: list[Extraction]) -> str | None:
    """The longest canonical name the mentions give ('Dana Whitlock' over 'Whitlock')."""
    speakers = [e.speaker for e in group if e.speaker]
    return max(speakers, key=len) if speakers else None


def _evidence(claim: Claim) -> list[Evidence]:
    return [Evidence(article=m.article, text=m.text, start=m.start, end=m.end) for m in claim.mentions]


def _outlets(claim: Claim, by_id: dict[str, Article]) -> str:
    return outlet_phrase(by_id[m.article] for m in claim.mentions)


def _printed(claim: Claim) -> str:
    words = (claim.value or {}).get("as_printed") or []
    return " / ".join(f"“{w}”" for w in words)


ExtractionGroup = list[Extraction]


def _conflicts(
    kind: str,
    groups: list[ExtractionGroup],
    built: dict[int, Claim],
    disagree: Callable[[Extraction, Extraction], bool],
    explain: Callable[[Claim, Claim, Extraction, Extraction], str],
    story_id: str,
    first_number: int,
) -> list[Conflict]:
    """A conflict between two claims when some mention of one and some mention of the
    other, from different articles, disagree on the same thing."""
    conflicts: list[Conflict] = []
    for ga, gb in combinations(groups, 2):
        pair = next(((a, b) for a in ga for b in gb if a.article != b.article and disagree(a, b)), None)
        if pair is None:
            continue
        ca, cb = built[id(ga)], built[id(gb)]
        conflicts.append(
            Conflict(
                id=f"{story_id}-x{first_number + len(conflicts)}",
                kind=kind,
                claims=[ca.id, cb.id],
                articles=sorted({m.article for m in ca.mentions + cb.mentions}),
                explanation=explain(ca, cb, *pair),
                evidence=_evidence(ca) + _evidence(cb),
            )
        )
    return conflicts


def _number_conflicts(
    groups: list[ExtractionGroup], built: dict[int, Claim], vec: dict[str, np.ndarray], story_id: str,
    by_id: dict[str, Article],
) -> list[Conflict]:
    def explain(ca: Claim, cb: Claim, a: Extraction, b: Extraction) -> str:
        return (
            f"A count of “{_noun(a)}” ({_verb(a)}) differs: {_outlets(ca, by_id)} report {_printed(ca)}; "
            f"{_outlets(cb, by_id)} report {_printed(cb)}."
        )

    return _conflicts(
        "number", groups, built, lambda a, b: _same_measure(a, b, vec) and _verb(a) == _verb(b), explain, story_id, 1
    )


def _date_conflicts(
    groups: list[ExtractionGroup], built: dict[int, Claim], embedder: Embedder, story_id: str,
    by_id: dict[str, Article], offset: int,
) -> list[Conflict]:
    sims = _subject_similarity([e for g in groups for e in g], embedder)

    def explain(ca: Claim, cb: Claim, a: Extraction, b: Extraction) -> str:
        assert a.date is not None and b.date is not None
        text = (
            f"{_outlets(ca, by_id)} date {a.date.event!r} {_printed(ca)} ({a.date.date}); "
            f"{_outlets(cb, by_id)} say {_printed(cb)} ({b.date.date})."
        )
        days = abs((date.fromisoformat(a.date.date) - date.fromisoformat(b.date.date)).days)
        if days == 1 and {a.date.part_of_day, b.date.part_of_day} & NEAR_MIDNIGHT:
            text += " The dates are one day apart and one is near midnight: a time-zone boundary may explain it."
        return text

    def disagree(a: Extraction, b: Extraction) -> bool:
        assert a.date is not None and b.date is not None
        return a.date.date != b.date.date and _same_event(a, b, sims)

    return _conflicts("date", groups, built, disagree, explain, story_id, offset + 1)


def _timeline(claims: list[Claim]) -> list[TimelineEntry]:
    dated = [c for c in claims if c.kind == "date" and c.value]
    dated.sort(key=lambda c: (c.value["date"], c.id))  # type: ignore[index]
    return [TimelineEntry(when=c.value["date"], text=c.text, claims=[c.id]) for c in dated]  # type: ignore[index]
