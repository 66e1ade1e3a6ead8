"""Cross-check stage: within one story, merge the extractions of its articles into claims
(one mention per article), count support and independent support, and flag conflicts.

Alignment is structured comparison plus embeddings:
- quotes are the same claim when their words overlap (a partial quote counts);
- numbers are the same claim when they count the same thing (same noun, and the same
  verb or a close sentence) with agreeing values; two such claims with disagreeing
  values are a number conflict;
- dates are the same claim when they date the same event (same verb phrase, close
  subject) on the same day; different days are a date conflict.

Further conflicts: a measure conflict (the same number attached to different things in
sentences that say much the same, or one measure given in different units), an
attribution conflict (the same quote given to different people: the quote's claim is
split by speaker), a role conflict ("former Mayor X" in one article, "Mayor X" in
another) and a negation/stance conflict (two close sentences, one negating or refuting
what the other states, as judged by the `entailment.Entailment` interface).

The stage also reads framing (framing.py), adds each article's anomalies (anomalies.py)
to `Article.anomalies`, and lists the corroborated claims each article leaves out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import combinations
from typing import Any

import numpy as np

from .anomalies import FORMER, find_anomalies
from .candidates import (
    CandidateSentence,
    extraction_sentences_compared,
    stance_sentences_compared,
    statement_speaker,
    without_partner,
)
from .dateanchors import DAY_GRANULARITIES
from .derivations import find_derivations, own_sentences
from .entailment import Entailment, StructuredEntailment, negated, stance_differs
from .events import event_key, same_target, target_words
from .framing import frame_story
from .grouping import UnionFind
from .models import (
    Article,
    ArticleClaims,
    ArticleFraming,
    Claim,
    Conflict,
    Derivation,
    Evidence,
    Extraction,
    Mention,
    Omission,
    Span,
    Story,
    Support,
    TimelineEntry,
    outlet_phrase,
)
from .nlp import Embedder, WithoutVectorsFor
from .people import speaker_key
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
# Verbs outlets use interchangeably for when an incident began ('the fire started late
# Thursday' / 'broke out on Friday'): one event for dating, so the dates can disagree.
ONSET_VERBS = {"start": "begin", "begin": "begin", "break out": "begin", "erupt": "begin"}
# Verbs that say nothing of which event a date belongs to.
LIGHT_VERBS = {"be", "have", "do", "get", "make", "take", "go", "come", "see"}
# The same value with different counted things is a measure conflict only in sentences
# this close (two numbers that merely coincide are not), and only when the value is not
# a small count that many things share.
MEASURE_SAME_SENTENCE = 0.7
MEASURE_MIN_VALUE = 10
# Counted nouns that can stand for any other ('1,200 people' are the '1,200 residents').
GENERIC_COUNTED = {"people", "person", "individual", "other", "one", "total", "figure", "number", "resident", "citizen"}
# Two sentences of different articles are put to the entailment judge for a
# negation/stance conflict when they are this close (few pairs; most say other things).
STANCE_CANDIDATE = 0.7
# Sentences shorter than this say too little to contradict a whole sentence of another.
STANCE_MIN_WORDS = 6


def crosscheck_story(
    story: Story, articles: Sequence[Article], claims: Sequence[ArticleClaims], embedder: Embedder,
    entailment: Entailment | None = None, unembedded: set[str] | None = None,
) -> Story:
    """The story with its claims, conflicts, derivations, framing, omissions and timeline.
    Anomalies found inside an article are appended to that article's `anomalies` (once).
    `unembedded` is `unembedded_sentences(claims)` when the caller has it already."""
    by_id = {a.id: a for a in articles}
    embedder = WithoutVectorsFor(embedder, unembedded_sentences(claims) if unembedded is None else unembedded)
    judge = entailment or StructuredEntailment(embedder)
    derivations = find_derivations(articles, claims, embedder)
    roots = independence(story.articles, derivations, {a.id: a.outlet for a in articles})
    extractions = [e for c in claims for e in c.extractions]
    # with one article there is nothing to align across, so no sentence needs embedding
    sentence_vec = _sentence_vectors(extractions, embedder) if len(articles) > 1 else {}

    groups: list[list[Extraction]] = []
    quote_groups = _align_quotes([e for e in extractions if e.kind == "quote"])
    split_quotes = [_split_by_speaker(g) for g in quote_groups]
    groups += [sub for subs in split_quotes for sub in subs]
    groups += _align_statements([e for e in extractions if e.kind == "statement"], sentence_vec)
    quantity_groups = _align_quantities([e for e in extractions if e.kind == "quantity"], sentence_vec)
    date_groups = _align_dates([e for e in extractions if e.kind == "date"], embedder)
    groups += quantity_groups + date_groups
    event_groups = _align_events([e for e in extractions if e.kind == "event" and e.event is not None], sentence_vec)
    groups += event_groups

    built: dict[int, Claim] = {}
    for n, group in enumerate(groups):
        built[id(group)] = _make_claim(f"{story.id}-c{n + 1}", group, roots)
    conflicts: list[Conflict] = []
    if len(articles) > 1:  # a conflict is between articles
        conflicts += _number_conflicts(quantity_groups, built, sentence_vec, story.id, by_id)
        conflicts += _date_conflicts(date_groups, built, embedder, story.id, by_id, len(conflicts))
        conflicts += _measure_conflicts(quantity_groups, built, sentence_vec, story.id, by_id, len(conflicts))
        conflicts += _attribution_conflicts([s for s in split_quotes if len(s) > 1], built, story.id, by_id, len(conflicts))
        denials = _denial_conflicts(event_groups, built, story.id, by_id, len(conflicts))
        conflicts += [conflict for conflict, _ in denials]
    framing = frame_story(articles, claims)
    extra_claims: list[Claim] = []
    if len(articles) > 1:
        role_claims, role_conflicts = _role_conflicts(framing, story.id, by_id, roots, len(conflicts))
        conflicts += role_conflicts
        extra_claims += role_claims
        # sentences whose events are already a denial conflict are not judged again
        settled = {e.sentence.text for _, sides in denials for group in sides for e in group}
        stance_claims, stance_conflicts = _stance_conflicts(
            articles, claims, embedder, judge, story.id, by_id, roots, len(conflicts), len(extra_claims), settled
        )
        conflicts += stance_conflicts
        extra_claims += stance_claims
    for claim in extra_claims:
        built[id(claim)] = claim
    claims_by_article = {c.article: c for c in claims}
    for art in articles:
        for anomaly in find_anomalies(art, claims_by_article.get(art.id), framing):
            if anomaly not in art.anomalies:
                art.anomalies.append(anomaly)
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
        framing=framing,
        omissions=omissions(ordered, story.articles),
    )


def omissions(claims: Sequence[Claim], article_ids: Sequence[str]) -> list[Omission]:
    """For each article, the corroborated claims it states and those it leaves out (the
    claim x article matrix of the report)."""
    corroborated = [c for c in claims if c.status == "corroborated"]
    out = []
    for aid in article_ids:
        states = [c.id for c in corroborated if any(m.article == aid for m in c.mentions)]
        out.append(Omission(article=aid, missing=[c.id for c in corroborated if c.id not in states], states=states))
    return out


def _headline(story: Story, by_id: dict[str, Article], derivations: Sequence[Derivation]) -> str:
    """A story is not headlined by a rewrite: when the article that gave the headline
    copies another, its source's title is used instead."""
    source_of = {d.derived: d.source for d in derivations}
    for art in by_id.values():
        if art.title == story.headline and art.id in source_of and by_id[source_of[art.id]].title:
            return by_id[source_of[art.id]].title or story.headline
    return story.headline


def independence(
    article_ids: Sequence[str], derivations: Sequence[Derivation], outlets: Mapping[str, str | None] | None = None
) -> dict[str, str]:
    """article -> the representative of its family: an article, its copies and rewrites,
    and the other articles of its outlet (a newsroom's live blog and its wrap-up, or a
    feed entry and the saved page of the same story, are one source, not two)."""
    families = UnionFind(article_ids)
    for d in derivations:
        families.union(d.source, d.derived)
    first_of: dict[str, str] = {}
    for a in article_ids:
        outlet = ((outlets or {}).get(a) or "").strip().casefold()
        if outlet:
            families.union(first_of.setdefault(outlet, a), a)
    return {a: families.find(a) for a in article_ids}


def texts_to_embed(claims: Sequence[ArticleClaims], unembedded: set[str] | None = None) -> list[str]:
    """The texts `crosscheck_story` asks the embedder for, for a story with these claims:
    its articles' own sentences (derivations), its extractions' sentences, its sentences
    long enough for a stance conflict and the subjects of its dated events, less the
    sentences that share too few words with any other to need a vector
    (`unembedded_sentences`). A run embeds those of all its stories ahead, in large
    batches (`nlp.EmbeddedAhead`); a text left out here is still embedded when asked for."""
    if len(claims) < 2:
        return []  # a story of one article compares nothing
    skipped = unembedded_sentences(claims) if unembedded is None else unembedded
    extractions = [e for c in claims for e in c.extractions]
    subjects = [_event_parts(e)[0] for e in extractions if e.kind == "date" and e.date is not None and e.date.event]
    return [s.text for s in _compared_sentences(claims).all if s.text not in skipped] + [s for s in subjects if s]


@dataclass(frozen=True)
class _ComparedSentences:
    """Every sentence cross-checking compares by embedding, by why it is compared."""

    own: list[CandidateSentence]  # derivations compare every own sentence
    extracted: list[CandidateSentence]  # extraction sentences, compared within their article too
    stance: list[CandidateSentence]  # sentences long enough for a stance conflict

    @property
    def all(self) -> list[CandidateSentence]:
        return self.own + self.extracted + self.stance


def _compared_sentences(claims: Sequence[ArticleClaims]) -> _ComparedSentences:
    return _ComparedSentences(
        own=[CandidateSentence(s, c.article) for c in claims for s in own_sentences(c)],
        extracted=[CandidateSentence(e.sentence.text, c.article, within=True) for c in claims for e in c.extractions],
        stance=[CandidateSentence(s.text, c.article) for c in claims for s in _stance_sentences(c)],
    )


def unembedded_sentences(claims: Sequence[ArticleClaims]) -> set[str]:
    """The story's sentences that need no embedding (candidates.py): an extraction's or a
    stance sentence whose vector no comparison reads, and any sentence that shares too
    few words with every sentence it is compared with to come close."""
    if len(claims) < 2:
        return set()
    compared = _compared_sentences(claims)
    read = {s.text for s in compared.own}
    read |= extraction_sentences_compared([e for c in claims for e in c.extractions])
    read |= stance_sentences_compared(compared.stance, read)
    return ({s.text for s in compared.all} - read) | without_partner(compared.all)


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
    the same thing: the same speaker (a person by surname, since one outlet may name
    'Dana Whitlock' where another names only 'Whitlock'), sentences close in meaning."""
    uf = UnionFind(range(len(items)))
    for i, j in combinations(range(len(items)), 2):
        a, b = items[i], items[j]
        if a.speaker and statement_speaker(a) == statement_speaker(b) and _similar_sentences(a, b, vec):
            uf.union(i, j)
    return [[items[i] for i in g] for g in uf.groups()]


def _align_events(items: list[Extraction], vec: dict[str, np.ndarray]) -> list[list[Extraction]]:
    """One event as several articles tell it: the same doer and action, told the same way
    (a denial, 'did not resign', is its own claim), with targets that share a content
    word, or none, or sentences close in meaning ('hosted the 79th Academy Awards' and
    'hosted the 79th Oscars' share no word of their targets)."""
    uf = UnionFind(range(len(items)))
    for i, j in combinations(range(len(items)), 2):
        a, b = items[i], items[j]
        if event_key(a) != event_key(b):
            continue
        if same_target(a, b) or _similar_sentences(a, b, vec):
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
    return _similarity(a, b, vec) >= SENTENCE_SAME_CLAIM


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
    va, vb = ONSET_VERBS.get(va, va), ONSET_VERBS.get(vb, vb)
    if not va or va != vb or va.split(" ")[0] in SAY_VERBS | LIGHT_VERBS or not sa or not sb:
        return False
    if _granularity_rank(a) != _granularity_rank(b):
        return False
    if a.date.offset != b.date.offset:
        return False  # 'weeks after her election' gives the election's date, not the event's
    return sa == sb or subject_sim.get((sa, sb), 0.0) >= SUBJECT_SIMILAR


def _granularity_rank(e: Extraction) -> str:
    assert e.date is not None
    return "day" if e.date.granularity in DAY_GRANULARITIES else e.date.granularity


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
    if kind == "event":
        ev = lead.event
        assert ev is not None
        value = {"actor": ev.actor, "action": ev.action, "target": ev.target, "negated": ev.negated,
                 "as_printed": sorted({e.mention.text for e in firsts})}
        return Claim(claim_id, "event", lead.sentence.text.strip(), mentions, support, status, value=value)  # type: ignore[arg-type]
    d = lead.date
    assert d is not None
    value = {"date": d.date, "granularity": d.granularity, "part_of_day": d.part_of_day, "event": d.event,
             "as_printed": sorted({e.focus.text for e in firsts if e.focus})}
    if d.anchor:
        value.update(anchor=d.anchor, offset=d.offset)
    return Claim(claim_id, "date", lead.sentence.text.strip(), mentions, support, status, value=value)  # type: ignore[arg-type]


def _fullest_speaker(group: list[Extraction]) -> str | None:
    """The longest canonical name the mentions give ('Dana Whitlock' over 'Whitlock')."""
    speakers = [e.speaker for e in group if e.speaker]
    return max(speakers, key=len) if speakers else None


def _evidence(claim: Claim) -> list[Evidence]:
    return [Evidence(article=m.article, text=m.text, start=m.start, end=m.end) for m in claim.mentions]


def _outlets(claim: Claim, by_id: dict[str, Article]) -> str:
    return outlet_phrase(by_id[m.article] for m in claim.mentions)


def _who(claim: Claim, by_id: dict[str, Article], verb: str) -> str:
    """'Northgate Herald reports', 'Ledger and Wire report': the outlets of a claim with a
    regular verb that agrees with them."""
    one = len({by_id[m.article].label for m in claim.mentions}) == 1
    return f"{_outlets(claim, by_id)} {verb}{'s' if one else ''}"


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
            f"A count of “{_noun(a)}” ({_verb(a)}) differs: {_who(ca, by_id, 'report')} {_printed(ca)}; "
            f"{_who(cb, by_id, 'report')} {_printed(cb)}."
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
            f"On the date of “{a.date.event}”, {_who(ca, by_id, 'say')} {_printed(ca)} ({a.date.date}); "
            f"{_who(cb, by_id, 'say')} {_printed(cb)} ({b.date.date})."
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
    return [TimelineEntry(when=_when(c.value), text=c.text, claims=[c.id]) for c in dated]  # type: ignore[arg-type]


# How much of an ISO date a timeline shows for each granularity ('1911', '2025-05').
WHEN_CHARS = {"year": 4, "month": 7}


def _when(value: dict[str, Any]) -> str:
    """The date as precise as the article gives it ('1911', '2025-05', '2026-11-12'), after
    the offset when the article dates the event only as a vague offset from another
    ('weeks after 2025-05')."""
    when = str(value["date"])[: WHEN_CHARS.get(value["granularity"], 10)]
    return f"{value['offset']} {when}" if value.get("offset") else when


# --- attribution: the same quote given to different people ---


def _split_by_speaker(group: list[Extraction]) -> list[list[Extraction]]:
    """One quote's mentions split by the person they give it to (mentions that give it
    to no named person go with the most common speaker): one group when all agree."""
    families: dict[str, list[Extraction]] = {}
    unnamed = []
    for e in group:
        key = speaker_key(e.speaker)
        if key is None:
            unnamed.append(e)
        else:
            families.setdefault(key, []).append(e)
    if len(families) <= 1:
        return [group]
    parts = sorted(families.values(), key=lambda g: (-len({e.article for e in g}), g[0].article))
    parts[0] = parts[0] + unnamed
    return parts


def _attribution_conflicts(
    splits: list[list[ExtractionGroup]], built: dict[int, Claim], story_id: str, by_id: dict[str, Article], offset: int,
) -> list[Conflict]:
    out = []
    for parts in splits:
        sides = [built[id(p)] for p in parts]
        quote = max((c.quote or "" for c in sides), key=len)
        given = "; ".join(f"{_outlets(c, by_id)} give them to {c.speaker}" for c in sides)
        out.append(Conflict(
            id=f"{story_id}-x{offset + len(out) + 1}", kind="attribution", claims=[c.id for c in sides],
            articles=sorted({m.article for c in sides for m in c.mentions}),
            explanation=f"The same words, “{quote}”, are given to different people: {given}.",
            evidence=[e for c in sides for e in _evidence(c)],
        ))
    return out


# --- measure: the same number attached to different things, or a changed unit ---


def _measure_conflicts(
    groups: list[ExtractionGroup], built: dict[int, Claim], vec: dict[str, np.ndarray], story_id: str,
    by_id: dict[str, Article], offset: int,
) -> list[Conflict]:
    def different_thing(a: Extraction, b: Extraction) -> bool:
        qa, qb = a.quantity, b.quantity
        assert qa is not None and qb is not None
        return (
            qa.number == qb.number and qa.unit == qb.unit and abs(qa.number) >= MEASURE_MIN_VALUE
            and bool(_noun(a)) and bool(_noun(b)) and _noun(a) != _noun(b)
            and not {_noun(a), _noun(b)} & GENERIC_COUNTED
            and _similarity(a, b, vec) >= MEASURE_SAME_SENTENCE
        )

    def unit_changed(a: Extraction, b: Extraction) -> bool:
        qa, qb = a.quantity, b.quantity
        assert qa is not None and qb is not None
        return (
            bool(qa.unit) and bool(qb.unit) and qa.unit != qb.unit and bool(_noun(a)) and _noun(a) == _noun(b)
            and (_verb(a) == _verb(b) or _similarity(a, b, vec) >= MEASURE_SAME_SENTENCE)
        )

    def explain(ca: Claim, cb: Claim, a: Extraction, b: Extraction) -> str:
        qa, qb = a.quantity, b.quantity
        assert qa is not None and qb is not None
        if qa.unit != qb.unit:
            return (f"One measure is given in different units: {_who(ca, by_id, 'report')} {_printed(ca)} ({qa.unit}) "
                    f"of “{_noun(a)}”; {_who(cb, by_id, 'report')} {_printed(cb)} ({qb.unit}).")
        return (f"The same number is attached to different things: {_who(ca, by_id, 'give')} {_printed(ca)} as "
                f"“{qa.of}”; {_who(cb, by_id, 'give')} {_printed(cb)} as “{qb.of}”.")

    return _conflicts(
        "measure", groups, built, lambda a, b: different_thing(a, b) or unit_changed(a, b), explain, story_id, offset + 1
    )


def _similarity(a: Extraction, b: Extraction, vec: dict[str, np.ndarray]) -> float:
    """The cosine of the two mentions' sentences: 1 for one sentence (whose vector may
    have been skipped, candidates.py), 0 when either has no vector."""
    va, vb = vec.get(a.sentence.text), vec.get(b.sentence.text)
    if a.sentence.text == b.sentence.text and va is not None:
        return 1.0
    return float(va @ vb) if va is not None and vb is not None else 0.0


# --- role/title: "former Mayor X" against "Mayor X" ---


def _role_conflicts(
    framing: list[ArticleFraming], story_id: str, by_id: dict[str, Article], roots: dict[str, str], offset: int,
) -> tuple[list[Claim], list[Conflict]]:
    """A person called "former <role>" by some articles and "<role>" by others: one claim
    per side (its mentions the words each article uses), and a role conflict."""
    sides: dict[tuple[str, str], dict[bool, list[tuple[str, int, int, str]]]] = {}
    for f in framing:
        for d in f.descriptors:
            if d.kind not in ("title", "label") or d.name_end is None:
                continue
            former = bool(FORMER.search(d.words))
            role = FORMER.sub("", d.words).strip().lower()
            words = by_id[f.article].text[d.start : d.name_end]  # the title and the name, verbatim
            sides.setdefault((d.entity, role), {}).setdefault(former, []).append((f.article, d.start, d.name_end, words))
    claims: list[Claim] = []
    conflicts: list[Conflict] = []
    for (entity, _role), by_former in sorted(sides.items()):
        if len(by_former) < 2 or {a for a, *_ in by_former[True]} == {a for a, *_ in by_former[False]}:
            continue
        pair = []
        for former in (False, True):
            mentions = list({a: Mention(article=a, text=w, start=s, end=e) for a, s, e, w in by_former[former]}.values())
            arts = {m.article for m in mentions}
            support = Support(articles=len(arts), independent=len({roots.get(a, a) for a in arts}))
            words = sorted({m.text for m in mentions})
            pair.append(Claim(
                f"{story_id}-r{len(claims) + len(pair) + 1}", "event", f"{entity} is {' / '.join(words)}.", mentions,
                support, "conflicting", value={"person": entity, "former": former, "as_printed": words},
            ))
        claims += pair
        now, then = pair
        conflicts.append(Conflict(
            id=f"{story_id}-x{offset + len(conflicts) + 1}", kind="role", claims=[now.id, then.id],
            articles=sorted({m.article for c in pair for m in c.mentions}),
            explanation=(f"{_outlets(then, by_id)} call {entity} {_printed(then)}, a role held in the past; "
                         f"{_outlets(now, by_id)} call {entity} {_printed(now)} as of now."),
            evidence=_evidence(now) + _evidence(then),
        ))
    return claims, conflicts


# --- negation/stance: one article says X did not, another that X did ---


def _denial_conflicts(
    groups: list[ExtractionGroup], built: dict[int, Claim], story_id: str, by_id: dict[str, Article], offset: int,
) -> list[tuple[Conflict, tuple[ExtractionGroup, ExtractionGroup]]]:
    """An event one outlet tells and another denies ('Okafor resigned' / 'Okafor did not
    resign'): the same doer and action, targets that share a word or are not both given,
    told by different articles. Each conflict comes with the two groups it is between."""
    out: list[tuple[Conflict, tuple[ExtractionGroup, ExtractionGroup]]] = []
    for ga, gb in combinations(groups, 2):
        (doer_a, action_a, denied_a), (doer_b, action_b, denied_b) = event_key(ga[0]), event_key(gb[0])
        if (doer_a, action_a) != (doer_b, action_b) or denied_a == denied_b:
            continue
        ta, tb = target_words(ga[0]), target_words(gb[0])
        if ta and tb and not ta & tb:
            continue
        if not {e.article for e in ga} ^ {e.article for e in gb}:
            continue  # every article that tells it also denies it: no disagreement between outlets
        told, denied = (ga, gb) if denied_b else (gb, ga)
        ct, cd = built[id(told)], built[id(denied)]
        out.append((
            Conflict(
                id=f"{story_id}-x{offset + len(out) + 1}", kind="negation", claims=[ct.id, cd.id],
                articles=sorted({m.article for m in ct.mentions + cd.mentions}),
                explanation=f"{_who(ct, by_id, 'say')} “{ct.text}”; {_who(cd, by_id, 'say')} “{cd.text}”.",
                evidence=_evidence(ct) + _evidence(cd),
            ),
            (told, denied),
        ))
    return out


def _stance_conflicts(
    articles: Sequence[Article], claims: Sequence[ArticleClaims], embedder: Embedder, judge: Entailment,
    story_id: str, by_id: dict[str, Article], roots: dict[str, str], offset: int, first_claim: int,
    settled: Collection[str] = (),
) -> tuple[list[Claim], list[Conflict]]:
    """Close sentences of two articles where the judge finds one negating or refuting
    what the other states. Each side becomes an 'event' claim whose mention is the sentence."""
    sents = [(c.article, s) for c in claims for s in _stance_sentences(c)]
    if len({a for a, _ in sents}) < 2:
        return [], []
    vectors = embedder.encode([s.text for _, s in sents])
    sims = vectors @ vectors.T
    out_claims: list[Claim] = []
    out_conflicts: list[Conflict] = []
    seen: set[tuple[str, str]] = set()
    for i, j in zip(*np.nonzero(np.triu(sims, 1) >= STANCE_CANDIDATE), strict=True):
        (aa, sa), (ab, sb) = sents[i], sents[j]
        if aa == ab or not stance_differs(sa.text, sb.text) or (sa.text in settled and sb.text in settled):
            continue
        if (sa.text, sb.text) in seen:
            continue
        judgement = judge.judge(sa.text, sb.text)
        if judgement.stance != "disagree":
            continue
        seen.add((sa.text, sb.text))
        pair = []
        for art, span in ((aa, sa), (ab, sb)):
            pair.append(Claim(
                f"{story_id}-n{first_claim + len(out_claims) + len(pair) + 1}", "event", span.text.strip(),
                [Mention(article=art, text=span.text, start=span.start, end=span.end)],
                Support(articles=1, independent=1), "conflicting",
                value={"negated": negated(span.text), "as_printed": [span.text.strip()]},
            ))
        out_claims += pair
        ca, cb = pair
        out_conflicts.append(Conflict(
            id=f"{story_id}-x{offset + len(out_conflicts) + 1}", kind="negation", claims=[ca.id, cb.id],
            articles=sorted({aa, ab}),
            explanation=(f"{by_id[aa].label} says “{sa.text.strip()}”; {by_id[ab].label} says “{sb.text.strip()}” "
                         f"({judgement.reason})."),
            evidence=_evidence(ca) + _evidence(cb),
        ))
    return out_claims, out_conflicts


def _stance_sentences(claims: ArticleClaims) -> list[Span]:
    return [s for s in claims.sentences if len(s.text.split()) >= STANCE_MIN_WORDS]

