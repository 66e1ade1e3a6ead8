"""Reading the store without analysing anything: the story list, one story's report,
and a dump of everything. The CLI's `stories`, `show` and `export` (and the web app)
are thin layers over these functions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from .errors import NotFoundError
from .models import Report, StorySummary
from .serialize import to_dict
from .storage import Storage, StoryFilter


def list_stories(
    storage: Storage, where: StoryFilter | None = None, limit: int | None = None, offset: int = 0
) -> list[StorySummary]:
    """The stories that match `where`, newest first: all, or a page of `limit` after `offset`."""
    return storage.story_summaries(where, limit=limit, offset=offset)


def count_stories(storage: Storage, where: StoryFilter | None = None) -> int:
    """How many stories match `where` (what a paged list says it shows a part of)."""
    return storage.story_count(where)


def story_report(storage: Storage, story_id: str) -> Report:
    """One stored story as a Report (its articles and the inputs that made them), ready
    for report.json and report.html, without analysing anything again."""
    story = storage.story(story_id)
    if story is None:
        raise NotFoundError(f"the database holds no story '{story_id}'; `newsprism stories` lists them")
    return Report(
        inputs=storage.inputs(story.articles),
        articles=storage.articles(story.articles),
        stories=[story],
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def export_records(storage: Storage) -> Iterator[dict[str, Any]]:
    """Everything the database holds, one JSON-ready record each, tagged by `type`:
    inputs, articles, their claims and story features, then stories."""
    for record in storage.inputs():
        yield {"type": "input", **to_dict(record)}
    articles = storage.articles()
    for article in articles:
        yield {"type": "article", **to_dict(article)}
    ids = [a.id for a in articles]
    for found in storage.article_claims(ids):
        yield {"type": "article_claims", **to_dict(found)}
    for features in storage.story_features():
        yield {"type": "story_features", **to_dict(features)}
    for story in storage.stories():
        yield {"type": "story", **to_dict(story)}
