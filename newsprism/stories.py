"""Stories stage: articles about the same event grouped into one Story.

Each pair of articles gets a score: the closeness of their text (sentence embeddings of
headline and lead) plus the overlap of the names they mention (people, places,
organisations, weighted by how rare each name is) and of the dates they name. Two articles
that share no name are not linked however alike their words, and articles published far
apart lose score: text alone would merge two fires in two cities, two earthquakes or two
acquisitions told in the same words. Stories are built by average linkage: a story takes an
article, or two stories merge, when the mean score over all their pairs is high enough, so
one close pair cannot chain two events together.

Scores are read relative to each article's neighbourhood (local scaling): a pair's score is
divided by the geometric mean of the two articles' NEIGHBOUR_RANK-th best scores. Two events
of one kind told with the same central names (two fights of one boxer, two launches of one
laptop) score well above the bar across events, yet each article's own event scores higher
still; the relative score tells them apart where no single absolute bar does.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse  # comes with sentence-transformers (scikit-learn needs it)

from .dates import parse_iso
from .grouping import average_linkage
from .models import Article, ArticleClaims, Story, StoryFeatures
from .nlp import Embedder

LEAD_SENTENCES = 5
HEADLINE_CHARS = 120
STORY_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "FAC", "LOC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT"}
# Words of a name that say nothing about which name it is.
NAME_STOPWORDS = frozenset("the a an of and in on at for to de la mr mrs ms dr".split())
_WORD = re.compile(r"\w+")
# A date the text names counts only with its year ("March 11, 2005", "June 2010"): a bare
# weekday or "last month" is resolved against a publication date that may be missing.
_YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")
# The score of a pair: these weights on the cosine of the lead embeddings and on the cosine
# of the rarity-weighted names and dates the two articles share.
TEXT_WEIGHT = 0.5
NAME_WEIGHT = 0.5
# Pairs whose names overlap less than this are not linked at all, however alike their text
# (two articles that name things and share none of them are about different things).
MIN_NAME_OVERLAP = 0.02
# Articles published further apart than this lose DATE_PENALTY from their score: news of one
# event comes out within days; a follow-up weeks later can still join on strong evidence.
MAX_DAYS_APART = 7
DATE_PENALTY = 0.25
# A story takes an article, or two stories merge, when the mean scaled score over all their
# pairs is at least SCALED_LINK. A pair's scaled score is its score over the geometric mean of
# the two articles' neighbourhood scales: an article's scale is its NEIGHBOUR_RANK-th best
# score with any other article (the self-tuning local scaling of Zelnik-Manor & Perona 2004),
# and at least LINK_SCORE / SCALED_LINK, so that an article with few close neighbours (a small
# batch, a story of two articles) links as it would on the absolute bar LINK_SCORE. The
# neighbourhood is what separates two events of one kind that share their central names: in
# ECB+ their articles score 0.4-0.47 across events, above any absolute bar that keeps events
# whole, but each article's five closest are of its own event. Chosen on ECB+ topics 1-22
# (benchmarks/stories.py): B-cubed F1 0.93-0.95 for NEIGHBOUR_RANK 4-6 and SCALED_LINK
# 0.70-0.75; without scaling the best was 0.913 (LINK_SCORE 0.33, flat from 0.32 to 0.36).
# Topics 23-45 did not choose them.
LINK_SCORE = 0.33
SCALED_LINK = 0.72
NEIGHBOUR_RANK = 5
MIN_SCALE = LINK_SCORE / SCALED_LINK
# Pairs scoring below this are not kept as candidates (they count as 0 in the means).
CANDIDATE_SCORE = 0.10
# New articles are scored against all articles in blocks of this many rows (a block is a
# few dense BLOCK_ROWS x all-articles matrices, 12 MB each per 3,000 articles).
BLOCK_ROWS = 1024


# Only the first words of a lead are embedded: the sentence model's cost grows with the
# tokens it reads (a whole lead is ~140 tokens, the costliest text of a run), and the
# opening words already name the event. Chosen on ECB+ topics 1-22 (B-cubed F1 against the
# events): 0.915 at 48 words, 0.906 at 64, 0.904 at 80, 0.912 for the whole lead.
LEAD_EMBEDDED_WORDS = 48
# Bumped whenever StoryFeatures would come out differently for the same article, so a run
# recomputes stored features made the old way instead of comparing vectors of two kinds.
# 1: the lead vector embeds the lead's first LEAD_EMBEDDED_WORDS words (before: all of it).
FEATURES_VERSION = 1
_LEAD_EMBEDDED = re.compile(rf"\s*(?:\S+\s+){{{LEAD_EMBEDDED_WORDS}}}")


def embedded_lead(lead: str) -> str:
    """The part of a lead whose embedding stands for the article: its first words."""
    first = _LEAD_EMBEDDED.match(lead)
    return lead[: first.end()].rstrip() if first else lead


def lead_text(article: Article, claims: ArticleClaims) -> str:
    lead = " ".join(s.text for s in claims.sentences[:LEAD_SENTENCES])
    return f"{article.title or ''}. {lead}".strip(". ")


def entity_set(claims: ArticleClaims) -> set[str]:
    return {e.text.lower() for e in claims.entities if e.label in STORY_ENTITY_LABELS}


def named_dates(claims: ArticleClaims) -> list[str]:
    """The calendar dates the text names with a year, ISO at day or month precision, in text
    order, each once (from the claims stage's date extractions)."""
    found: list[str] = []
    for x in sorted((x for x in claims.extractions if x.kind == "date" and x.date), key=lambda x: x.mention.start):
        assert x.date is not None
        if x.date.granularity == "year" or not _YEAR.search((x.focus or x.mention).text):
            continue
        value = x.date.date[:7] if x.date.granularity == "month" else x.date.date[:10]
        if value not in found:
            found.append(value)
    return found


def lead_vectors(articles: Sequence[Article], claims: Sequence[ArticleClaims], embedder: Embedder) -> dict[str, np.ndarray]:
    """The vectors `story_features` asks the embedder for, by text, so that a caller can
    make them ahead (the runner does, beside the parse: `claims.extract_batch`'s `beside`)
    and give them back through `nlp.EmbeddedAhead`."""
    leads = [embedded_lead(lead_text(a, c)) for a, c in zip(articles, claims, strict=True)]
    return dict(zip(leads, embedder.encode(leads), strict=True)) if leads else {}


def story_features(articles: Sequence[Article], claims: Sequence[ArticleClaims], embedder: Embedder) -> list[StoryFeatures]:
    """What grouping compares, one record per article (kept in storage for later runs)."""
    leads = [lead_text(a, c) for a, c in zip(articles, claims, strict=True)]
    vectors = embedder.encode([embedded_lead(lead) for lead in leads]) if leads else np.zeros((0, 0))
    return [
        StoryFeatures(
            article=a.id,
            headline=a.title or lead[:HEADLINE_CHARS],
            vector=[float(x) for x in vector],
            entities=sorted(entity_set(c)),
            published=a.published,
            dates=named_dates(c),
            version=FEATURES_VERSION,
        )
        for a, c, lead, vector in zip(articles, claims, leads, vectors, strict=True)
    ]


def group_stories(features: Sequence[StoryFeatures], existing: Sequence[Story] = ()) -> list[Story]:
    """The stories over `features` (which must cover the articles of `existing` too).

    Articles of an existing story stay together: a run adds new articles to the stories
    they link to, opens new stories, or merges stories that new articles link; a story
    that grows keeps its id. Only pairs with at least one new article are scored (a matrix
    product per block of new articles), so the cost of a run grows with its new articles,
    not with the size of the database.
    """
    if not features:
        return []
    index = {f.article: n for n, f in enumerate(features)}
    owner: dict[int, Story] = {}
    groups = []
    for story in existing:
        members = [index[a] for a in story.articles if a in index]
        owner.update(dict.fromkeys(members, story))
        groups.append(members)
    new = np.asarray([n for n in range(len(features)) if n not in owner], dtype=np.int64)
    scorer = PairScorer(features)
    edges, scale, best_with_new = candidate_pairs(new, scorer)

    story_of = {n: k for k, members in enumerate(groups) for n in members}

    def scale_stories(stories: Iterable[list[int]]) -> None:
        missing = {id(g): g for g in stories if g and g[0] not in scale}
        scale.update(scorer.earlier_scales(list(missing.values()), best_with_new))

    # only the earlier stories that new articles link to are read
    linked = {n for i, j, _ in edges for n in (i, j)}
    scale_stories(g for g in groups if not linked.isdisjoint(g))
    edges = [(i, j, w / float(np.sqrt(scale[i] * scale[j]))) for i, j, w in edges]
    vectors, names = scorer.vectors, scorer.names

    sums: dict[tuple[int, ...], tuple[np.ndarray, dict[int, float]]] = {}

    def summed(items: list[int]) -> tuple[np.ndarray, dict[int, float]]:
        """A story's summed lead vectors and name rows, each article's divided by the square
        root of its scale."""
        key = tuple(items)
        if key not in sums:
            scale_stories([groups[story_of[n]] for n in dict.fromkeys(n for n in items if n not in scale)])
            root = np.sqrt(np.asarray([scale[n] for n in items], dtype=np.float32))
            words: dict[int, float] = {}
            for n, r in zip(items, root.tolist(), strict=True):
                start, end = names.indptr[n], names.indptr[n + 1]
                for word, weight in zip(names.indices[start:end].tolist(), names.data[start:end].tolist(), strict=True):
                    words[word] = words.get(word, 0.0) + weight / r
            sums[key] = ((vectors[items] / root[:, None]).sum(axis=0), words)
        return sums[key]

    def between_stories(a: list[int], b: list[int]) -> float:
        """The summed scaled score of the pairs across two earlier stories, which were never
        compared: the score is linear in both vectors, so it is the product of the stories'
        summed vectors, each article's divided by the root of its scale (the name and date
        rules are left out of this estimate)."""
        (text_a, names_a), (text_b, names_b) = summed(a), summed(b)
        if len(names_a) > len(names_b):
            names_a, names_b = names_b, names_a
        shared = sum(weight * names_b.get(word, 0.0) for word, weight in names_a.items())
        return TEXT_WEIGHT * float(text_a @ text_b) + NAME_WEIGHT * shared

    clusters = average_linkage(len(features), edges, SCALED_LINK, groups=groups, between_groups=between_stories)
    unchanged = {frozenset(s.articles): s for s in existing}
    stories = []
    for members in clusters:
        group = [features[n] for n in members]
        article_ids = [f.article for f in group]
        kept = unchanged.get(frozenset(article_ids))
        if kept is not None:  # nothing new joined it: as it was
            stories.append(Story(id=kept.id, headline=kept.headline, articles=article_ids, start=kept.start, end=kept.end))
            continue
        block = vectors[members]
        # the article closest to all others (sum of cosines = dot with the summed vectors)
        centre = group[int(np.argmax(block @ block.sum(axis=0)))]
        start, end = time_span(group)
        stories.append(
            Story(
                id=_kept_id({owner[n].id: owner[n] for n in members if n in owner}.values()) or story_id(article_ids),
                headline=centre.headline,
                articles=article_ids,
                start=start,
                end=end,
            )
        )
    return stories


class PairScorer:
    """The score of an article with every article of `features`, for blocks of rows, and the
    articles' neighbourhood scales."""

    def __init__(self, features: Sequence[StoryFeatures]) -> None:
        self.vectors = np.asarray([f.vector for f in features], dtype=np.float32)
        self.names = name_matrix(features)
        days = [parse_iso(f.published) for f in features]
        self.ordinal = np.asarray([d.toordinal() if d else 0 for d in days], dtype=np.int64)
        self.named = np.asarray(self.names.getnnz(axis=1) > 0)

    def block(self, rows: np.ndarray, columns: np.ndarray | None = None) -> np.ndarray:
        """Scores of `rows` with `columns` (all articles when None), the name and date rules
        applied."""
        cols = np.arange(len(self.vectors)) if columns is None else columns
        shared = (self.names[rows] @ self.names[cols].T).toarray()
        score = TEXT_WEIGHT * (self.vectors[rows] @ self.vectors[cols].T) + NAME_WEIGHT * shared
        # names on both sides and none of them shared: different things
        score[(shared < MIN_NAME_OVERLAP) & self.named[rows][:, None] & self.named[cols][None, :]] = 0.0
        ordinal = self.ordinal
        dated = (ordinal[rows][:, None] > 0) & (ordinal[cols][None, :] > 0)
        score[dated & (np.abs(ordinal[rows][:, None] - ordinal[cols][None, :]) > MAX_DAYS_APART)] -= DATE_PENALTY
        return score

    def block_scales(self, rows: np.ndarray, score: np.ndarray) -> dict[int, float]:
        """Each row's scale from its block of scores with all articles."""
        others = score.copy()
        others[np.arange(len(rows)), rows] = -np.inf  # not with itself
        return dict(zip(rows.tolist(), _scale(others).tolist(), strict=True))

    def earlier_scales(self, groups: Sequence[list[int]], best_with_new: np.ndarray) -> dict[int, float]:
        """The scales of the articles of earlier stories (`groups`), read from their scores
        with the other articles of their story and their NEIGHBOUR_RANK best with the new
        articles. Their scores with the rest of the earlier articles are not computed again
        (that would cost as much as grouping from scratch): an article's closest earlier
        articles are those of its own story, which it joined by them. Stories are scored
        together in blocks of about BLOCK_ROWS articles, pairs across stories masked out."""
        found: dict[int, float] = {}
        chunk: list[list[int]] = []
        for n, members in enumerate(groups):
            chunk.append(members)
            if n + 1 == len(groups) or sum(map(len, chunk)) + len(groups[n + 1]) > BLOCK_ROWS:
                rows = np.asarray([m for group in chunk for m in group], dtype=np.int64)
                story = np.repeat(np.arange(len(chunk)), [len(group) for group in chunk])
                mates = self.block(rows, rows)
                mates[(story[:, None] != story[None, :]) | np.eye(len(rows), dtype=bool)] = -np.inf
                found.update(zip(rows.tolist(), _scale(np.hstack([mates, best_with_new[rows]])).tolist(), strict=True))
                chunk = []
        return found


def _scale(others: np.ndarray) -> np.ndarray:
    """Per row of scores with other articles: the NEIGHBOUR_RANK-th best, at least MIN_SCALE
    (MIN_SCALE when the row has fewer scores than that)."""
    if others.shape[1] < NEIGHBOUR_RANK:
        return np.full(len(others), MIN_SCALE)
    ranked = -np.partition(-others, NEIGHBOUR_RANK - 1, axis=1)[:, NEIGHBOUR_RANK - 1]
    return np.maximum(ranked, MIN_SCALE)


def candidate_pairs(
    new: np.ndarray, scorer: PairScorer
) -> tuple[list[tuple[int, int, float]], dict[int, float], np.ndarray]:
    """(i, j, score) for every pair with a new article that scores at least CANDIDATE_SCORE,
    each pair once (unscaled); the scales of the new articles; and for every article its
    NEIGHBOUR_RANK best scores with new articles (-inf where there are fewer)."""
    is_new = np.zeros(len(scorer.vectors), dtype=bool)
    is_new[new] = True
    columns = np.arange(len(scorer.vectors))
    edges: list[tuple[int, int, float]] = []
    scale: dict[int, float] = {}
    best_with_new = np.full((len(columns), NEIGHBOUR_RANK), -np.inf, dtype=np.float32)
    for begin in range(0, len(new), BLOCK_ROWS):
        rows = new[begin : begin + BLOCK_ROWS]
        score = scorer.block(rows)
        scale.update(scorer.block_scales(rows, score))
        both = np.vstack([best_with_new.T, score])
        both[NEIGHBOUR_RANK + np.arange(len(rows)), rows] = -np.inf  # not with itself
        best_with_new = -np.partition(-both, NEIGHBOUR_RANK - 1, axis=0)[:NEIGHBOUR_RANK].T
        # each pair once: a new-new pair from the row of its smaller index, a new-old pair
        # from the new article's row
        keep = (score >= CANDIDATE_SCORE) & ((columns[None, :] > rows[:, None]) | ~is_new[None, :])
        r, j = np.nonzero(keep)
        edges.extend(zip(rows[r].tolist(), j.tolist(), score[r, j].tolist(), strict=True))
    return edges, scale, best_with_new


def name_matrix(features: Sequence[StoryFeatures]) -> sparse.csr_matrix:
    """One row per article: the words of the names it mentions and the years and days of the
    dates it names, each weighted by its rarity among `features` (inverse document frequency),
    rows of unit length. Words rather than whole names, so "Reid" meets "Tara Reid"."""
    column: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for r, f in enumerate(features):
        for word in name_words(f):
            rows.append(r)
            cols.append(column.setdefault(word, len(column)))
    row, col = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
    frequency = np.bincount(col, minlength=len(column))
    weight = np.log(len(features) / np.maximum(frequency[col], 1))
    norm = np.sqrt(np.bincount(row, weights=weight * weight, minlength=len(features)))
    value = np.divide(weight, norm[row], out=np.zeros_like(weight), where=norm[row] > 0)
    keep = value > 0  # a word every article names tells none apart
    return sparse.csr_matrix((value[keep].astype(np.float32), (row[keep], col[keep])), shape=(len(features), len(column)))


def name_words(f: StoryFeatures) -> set[str]:
    words = set(_WORD.findall(" ".join(f.entities).lower())) - NAME_STOPWORDS
    for value in f.dates:
        words.add("year:" + value[:4])
        if len(value) == 10:
            words.add("day:" + value)
    return words


def time_span(group: Sequence[StoryFeatures]) -> tuple[str | None, str | None]:
    """First and last publication date of a story's articles; when none has one, the first
    and last of the days its articles name first (a dateline, the day of the event)."""
    days = sorted(f.published for f in group if f.published)
    if not days:
        days = sorted(d for d in (next((d for d in f.dates if len(d) == 10), None) for f in group) if d)
    return (days[0], days[-1]) if days else (None, None)


def _kept_id(merged: Iterable[Story]) -> str | None:
    """The id a grown or merged story keeps: that of its largest earlier story (then the
    earliest, then the smallest id), so that links to a story survive later runs."""
    ranked = sorted(merged, key=lambda s: (-len(s.articles), s.start or "9999", s.id))
    return ranked[0].id if ranked else None


def story_id(article_ids: list[str]) -> str:
    """Stable for the same set of articles: the same inputs give the same ids."""
    return "s-" + hashlib.sha256("|".join(sorted(article_ids)).encode()).hexdigest()[:10]
