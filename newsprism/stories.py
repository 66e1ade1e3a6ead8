"""Stories stage: articles about the same event grouped into one Story.

Two articles are linked when their text is close (sentence embeddings of headline and
lead), they share named people, places and organisations, and they were published
within a few days of each other; stories are the connected groups. Text similarity
alone would merge two fires in two cities; entities and dates keep them apart.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np

from .dates import parse_iso
from .grouping import UnionFind
from .models import Article, ArticleClaims, Story, StoryFeatures
from .nlp import Embedder

LEAD_SENTENCES = 5
HEADLINE_CHARS = 120
STORY_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "FAC", "LOC", "NORP", "EVENT"}
# cosine of lead embeddings above which two articles can be one story ...
LINK_SIMILARITY = 0.55
# ... if they also share at least this share of their named entities,
LINK_ENTITY_OVERLAP = 0.10
# ... unless the texts are so close that entities do not matter.
LINK_SIMILARITY_ALONE = 0.80
# Articles published further apart than this are different events.
MAX_DAYS_APART = 7


def lead_text(article: Article, claims: ArticleClaims) -> str:
    lead = " ".join(s.text for s in claims.sentences[:LEAD_SENTENCES])
    return f"{article.title or ''}. {lead}".strip(". ")


def entity_set(claims: ArticleClaims) -> set[str]:
    return {e.text.lower() for e in claims.entities if e.label in STORY_ENTITY_LABELS}


def story_features(articles: Sequence[Article], claims: Sequence[ArticleClaims], embedder: Embedder) -> list[StoryFeatures]:
    """What grouping compares, one record per article (kept in storage for later runs)."""
    leads = [lead_text(a, c) for a, c in zip(articles, claims, strict=True)]
    vectors = embedder.encode(leads) if leads else np.zeros((0, 0))
    return [
        StoryFeatures(
            article=a.id,
            headline=a.title or lead[:HEADLINE_CHARS],
            vector=[float(x) for x in vector],
            entities=sorted(entity_set(c)),
            published=a.published,
        )
        for a, c, lead, vector in zip(articles, claims, leads, vectors, strict=True)
    ]


def group_stories(features: Sequence[StoryFeatures], existing: Sequence[Story] = ()) -> list[Story]:
    """The stories over `features` (which must cover the articles of `existing` too).

    Articles of an existing story stay together: a run adds new articles to the stories
    they link to, opens new stories, or merges stories that a new article links; a story
    that grows keeps its id. Only pairs with at least one new article are compared, so
    the cost of a run grows with its new articles, not with the size of the database.
    """
    if not features:
        return []
    index = {f.article: n for n, f in enumerate(features)}
    vectors = np.asarray([f.vector for f in features], dtype=np.float32)
    entities = [set(f.entities) for f in features]
    days = [parse_iso(f.published) for f in features]
    links = UnionFind(range(len(features)))
    owner: dict[int, Story] = {}
    for story in existing:
        members = [index[a] for a in story.articles if a in index]
        for n in members:
            owner[n] = story
            links.union(members[0], n)
    new = np.asarray([n for n in range(len(features)) if n not in owner], dtype=np.int64)
    if len(new):
        similarity = vectors[new] @ vectors.T
        for row, col in zip(*np.nonzero(similarity >= LINK_SIMILARITY), strict=True):
            i, j = int(new[row]), int(col)
            if i != j and linked(float(similarity[row, col]), _jaccard(entities[i], entities[j]), days[i], days[j]):
                links.union(i, j)
    stories = []
    for members in links.groups():
        group = [features[n] for n in members]
        block = vectors[members]
        centre = group[int(np.argmax((block @ block.T).sum(axis=1)))]
        published = sorted(f.published for f in group if f.published)
        article_ids = [f.article for f in group]
        stories.append(
            Story(
                id=_kept_id({owner[n].id: owner[n] for n in members if n in owner}.values()) or story_id(article_ids),
                headline=centre.headline,
                articles=article_ids,
                start=published[0] if published else None,
                end=published[-1] if published else None,
            )
        )
    return stories


def _kept_id(merged: Iterable[Story]) -> str | None:
    """The id a grown or merged story keeps: that of its largest earlier story (then the
    earliest, then the smallest id), so that links to a story survive later runs."""
    ranked = sorted(merged, key=lambda s: (-len(s.articles), s.start or "9999", s.id))
    return ranked[0].id if ranked else None


def linked(similarity: float, entity_overlap: float, day_a: date | None, day_b: date | None) -> bool:
    if day_a and day_b and abs((day_a - day_b).days) > MAX_DAYS_APART:
        return False
    if similarity >= LINK_SIMILARITY_ALONE:
        return True
    return similarity >= LINK_SIMILARITY and entity_overlap >= LINK_ENTITY_OVERLAP


def story_id(article_ids: list[str]) -> str:
    """Stable for the same set of articles: the same inputs give the same ids."""
    return "s-" + hashlib.sha256("|".join(sorted(article_ids)).encode()).hexdigest()[:10]


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0
