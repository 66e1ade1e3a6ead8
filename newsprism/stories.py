"""Stories stage: articles about the same event grouped into one Story.

Two articles are linked when their text is close (sentence embeddings of headline and
lead), they share named people, places and organisations, and they were published
within a few days of each other; stories are the connected groups. Text similarity
alone would merge two fires in two cities; entities and dates keep them apart.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date

import numpy as np

from .dates import parse_iso
from .grouping import UnionFind
from .models import Article, ArticleClaims, Story
from .nlp import Embedder

LEAD_SENTENCES = 5
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


def group_stories(articles: Sequence[Article], claims: Sequence[ArticleClaims], embedder: Embedder) -> list[Story]:
    if not articles:
        return []
    vectors = embedder.encode([lead_text(a, c) for a, c in zip(articles, claims, strict=True)])
    similarity = vectors @ vectors.T
    entities = [entity_set(c) for c in claims]
    days = [parse_iso(a.published) for a in articles]
    links = UnionFind(range(len(articles)))
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            if linked(float(similarity[i, j]), _jaccard(entities[i], entities[j]), days[i], days[j]):
                links.union(i, j)
    stories = []
    for members in links.groups():
        group = [articles[i] for i in members]
        centre = members[int(np.argmax(similarity[np.ix_(members, members)].sum(axis=1)))]
        published = sorted(a.published for a in group if a.published)
        stories.append(
            Story(
                id=story_id([a.id for a in group]),
                headline=articles[centre].title or lead_text(articles[centre], claims[centre])[:120],
                articles=[a.id for a in group],
                start=published[0] if published else None,
                end=published[-1] if published else None,
            )
        )
    return stories


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
