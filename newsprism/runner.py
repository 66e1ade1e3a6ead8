"""The runner: wires the stages, owns progress reporting, timing and per-stage errors.

Each stage is a pure function over a batch; the runner only passes their outputs on.
A stage that raises on the whole batch becomes a StageError naming the stage; a
problem with one input item never raises (it is a record with a reason).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np

from . import brief, claims, clean, crosscheck, ingest, stories
from .errors import NewsprismError, StageError
from .models import Anomaly, Article, ArticleClaims, InputRecord, Reason, Report, Story, StoryFeatures
from .nlp import EmbeddedAhead, Embedder, default_embedder, spacy_pipeline, vectors_name
from .storage import Storage

T = TypeVar("T")


class Progress(Protocol):
    def start(self, stage: str, total: int) -> None: ...

    def advance(self, stage: str, amount: int = 1) -> None: ...


class _Silent:
    def start(self, stage: str, total: int) -> None:
        pass

    def advance(self, stage: str, amount: int = 1) -> None:
        pass


@contextmanager
def _stage(name: str, timings: dict[str, float]) -> Iterator[None]:
    began = time.perf_counter()
    try:
        yield
    except NewsprismError:
        raise
    except Exception as exc:
        raise StageError(name, exc) from exc
    finally:
        timings[name] = round(timings.get(name, 0.0) + time.perf_counter() - began, 3)


def _tracked(items: Iterable[T], stage: str, progress: Progress) -> Iterator[T]:
    for item in items:
        yield item
        progress.advance(stage)


def clean_inputs(paths: Iterable[str | Path], progress: Progress | None = None, timings: dict[str, float] | None = None) -> tuple[list[Article], list[InputRecord]]:
    """Ingest and clean: the articles, and one record per input item."""
    progress = progress or _Silent()
    timings = {} if timings is None else timings
    with _stage("ingest", timings):
        progress.start("ingest", 1)
        found = ingest.read_inputs(paths)
        progress.advance("ingest")
    with _stage("clean", timings):
        progress.start("clean", len(found.items))
        batch = clean.clean_batch(found.items, on_item=lambda: progress.advance("clean"))
    records = _in_input_order(found.rejected + batch.records, found)
    return batch.articles, records


def _in_input_order(records: list[InputRecord], found: ingest.IngestResult) -> list[InputRecord]:
    order = {item.source: n for n, item in enumerate(found.items)}
    order.update({rec.source: n for n, rec in enumerate(found.rejected, start=len(order))})
    return sorted(records, key=lambda r: (r.source.split("#")[0], _record_number(r.source), order.get(r.source, 0)))


def _record_number(source: str) -> int:
    tail = source.rsplit("#", 1)[-1] if "#" in source else "0"
    return int(tail) if tail.isdigit() else 0


def analyze(
    paths: Iterable[str | Path],
    *,
    storage: Storage | None = None,
    progress: Progress | None = None,
    embedder: Embedder | None = None,
    nlp: Any = None,
) -> Report:
    """Analyse every input under `paths` and return the Report.

    With a `storage`, the run is incremental: texts already in the database are
    duplicates and are not analysed again; new articles join the stored stories they
    belong to (which keep their ids) or open new ones. The report then holds this run's
    inputs and the stories it opened or changed, and everything is saved in one
    transaction.
    """
    progress = progress or _Silent()
    timings: dict[str, float] = {}
    articles, records = clean_inputs(paths, progress, timings)
    if storage is not None:
        articles, records = _without_stored(articles, records, storage)
    found_claims: list[ArticleClaims] = []
    features: list[StoryFeatures] = []
    if articles:
        embedder = embedder or default_embedder()
        # the leads' vectors are made beside the parse, on the core it leaves idle
        leads: dict[str, np.ndarray] = {}

        def embed_leads(chunk: Sequence[Article], chunk_claims: Sequence[ArticleClaims]) -> None:
            leads.update(stories.lead_vectors(chunk, chunk_claims, embedder))

        with _stage("claims", timings):
            progress.start("claims", len(articles))
            found_claims = claims.extract_batch(
                articles, nlp or spacy_pipeline(), on_item=lambda: progress.advance("claims"), beside=embed_leads
            )
        _note_claims_not_read(articles, found_claims)
        with _stage("stories", timings):
            features = stories.story_features(articles, found_claims, EmbeddedAhead(embedder, (), known=leads))
    with storage.transaction() if storage is not None else nullcontext():
        stored_features: list[StoryFeatures] = []
        recomputed: list[StoryFeatures] = []
        if storage is not None and articles:
            assert embedder is not None
            with _stage("stories", timings):
                stored_features, recomputed = _stored_features(storage, embedder, {a.id for a in articles})
        story_list, story_articles = _changed_stories(
            articles, found_claims, features, stored_features, storage, embedder, progress, timings
        )
        if storage is not None:
            story_list, story_articles = _with_stored_stories_of_duplicates(records, story_list, story_articles, storage)
        report = Report(
            inputs=records,
            articles=story_articles,
            stories=story_list,
            generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
            timings=timings,
        )
        if storage is not None:
            with _stage("store", timings):
                storage.save(report, found_claims, [*features, *recomputed])
    return report


def _stored_features(
    storage: Storage, embedder: Embedder, new_ids: set[str]
) -> tuple[list[StoryFeatures], list[StoryFeatures]]:
    """The story features of every stored article (not this run's), and those among them
    that had to be computed again from the stored article and claims because an older
    newsprism made them another way (`stories.FEATURES_VERSION`)."""
    stored = [f for f in storage.story_features() if f.article not in new_ids]
    stale = [f.article for f in stored if f.version != stories.FEATURES_VERSION]
    if not stale:
        return stored, []
    claims_by_id = {c.article: c for c in storage.article_claims(stale)}
    old_articles = [a for a in storage.articles(stale) if a.id in claims_by_id]
    recomputed = stories.story_features(old_articles, [claims_by_id[a.id] for a in old_articles], embedder)
    by_id = {f.article: f for f in recomputed}
    return [by_id.get(f.article, f) for f in stored], recomputed


def _without_stored(articles: list[Article], records: list[InputRecord], storage: Storage) -> tuple[list[Article], list[InputRecord]]:
    """Articles whose text the database already holds become duplicates of the stored ones."""
    stored = storage.known_articles(a.content_hash for a in articles)
    if not stored:
        return articles, records
    by_id = {a.id: a for a in articles}
    kept = [a for a in articles if a.content_hash not in stored]
    marked = []
    for rec in records:
        article = by_id.get(rec.article or "") if rec.status == "ok" else None
        if article is not None and article.content_hash in stored:
            rec = InputRecord(
                source=rec.source,
                status="duplicate",
                reason=f"{Reason.DUPLICATE.value}: the same text is already in the database as article {stored[article.content_hash]}",
                article=stored[article.content_hash],
            )
        marked.append(rec)
    return kept, marked


def _with_stored_stories_of_duplicates(
    records: list[InputRecord], story_list: list[Story], story_articles: list[Article], storage: Storage
) -> tuple[list[Story], list[Article]]:
    """The stored stories of this run's duplicates join the report as they are, so that a
    run over inputs already analysed reports on them again instead of on nothing."""
    seen = {aid for s in story_list for aid in s.articles}
    wanted = {r.article for r in records if r.status == "duplicate" and r.article and r.article not in seen}
    if not wanted:
        return story_list, story_articles
    stored = [storage.story(o.id) for o in storage.story_outlines() if wanted & set(o.articles)]
    extra = [s for s in stored if s is not None]
    extra.sort(key=lambda s: (-len(s.articles), s.start or "", s.id))
    ids = [aid for s in extra for aid in s.articles]
    return story_list + extra, story_articles + storage.articles(ids)


def _note_claims_not_read(articles: list[Article], found_claims: list[ArticleClaims]) -> None:
    """An anomaly on each article whose claims failed or were not read (another language)."""
    by_id = {a.id: a for a in articles}
    for failed in (c for c in found_claims if c.error):
        by_id[failed.article].anomalies.append(
            Anomaly(kind="claims_failed", text="", explanation=f"claims could not be read from this article: {failed.error}")
        )
    for unread in (c for c in found_claims if c.unread_language):
        by_id[unread.article].anomalies.append(
            Anomaly(kind="claims_not_read", text="",
                    explanation=f"no claims were read from this article: it is in '{unread.unread_language}', and claims are read from English only")
        )


def _changed_stories(
    articles: list[Article],
    found_claims: list[ArticleClaims],
    features: list[StoryFeatures],
    stored_features: list[StoryFeatures],
    storage: Storage | None,
    embedder: Embedder | None,
    progress: Progress,
    timings: dict[str, float],
) -> tuple[list[Story], list[Article]]:
    """Group the new articles with the stored ones and cross-check every story that a new
    article joined: the stories this run opened or changed, and all their articles."""
    if not articles:
        return [], []
    new_ids = {a.id for a in articles}
    with _stage("stories", timings):
        progress.start("stories", 1)
        earlier: list[Story] = []
        every_feature = features
        if storage is not None:
            earlier = storage.story_outlines()
            every_feature = stored_features + features
        changed = [s for s in stories.group_stories(every_feature, existing=earlier) if new_ids & set(s.articles)]
        progress.advance("stories")
    by_id = {a.id: a for a in articles}
    claims_by_id = {c.article: c for c in found_claims}
    old_ids = [aid for s in changed for aid in s.articles if aid not in new_ids]
    if old_ids and storage is not None:
        by_id.update((a.id, a) for a in storage.articles(old_ids))
        claims_by_id.update((c.article, c) for c in storage.article_claims(old_ids))
    assert embedder is not None
    with _stage("crosscheck", timings):
        story_claims = {s.id: [claims_by_id[a] for a in s.articles] for s in changed}
        unembedded = {s.id: crosscheck.unembedded_sentences(story_claims[s.id]) for s in changed}
        # every story's sentences embedded first, in large batches (nlp.EmbeddedAhead)
        ahead = list(dict.fromkeys(t for s in changed for t in crosscheck.texts_to_embed(story_claims[s.id], unembedded[s.id])))
        # the vectors of sentences an earlier run embedded (a grown story's old articles) are read back
        vectors_model = vectors_name(embedder) if storage is not None else None
        stored = storage.text_vectors(vectors_model, ahead) if storage is not None and vectors_model else {}
        progress.start("embed", len(ahead) - len(stored))
        story_embedder = EmbeddedAhead(embedder, ahead, on_chunk=lambda n: progress.advance("embed", n), known=stored)
        progress.start("crosscheck", len(changed))
        changed = [
            crosscheck.crosscheck_story(
                story, [by_id[a] for a in story.articles], story_claims[story.id], story_embedder,
                unembedded=unembedded[story.id],
            )
            for story in _tracked(changed, "crosscheck", progress)
        ]
        if storage is not None and vectors_model:
            storage.save_text_vectors(vectors_model, story_embedder.computed)
    with _stage("brief", timings):
        progress.start("brief", len(changed))
        changed = [brief.write_brief(story, by_id) for story in _tracked(changed, "brief", progress)]
    changed.sort(key=lambda s: (-len(s.articles), s.start or "", s.id))
    involved = {aid for s in changed for aid in s.articles}
    return changed, sorted((a for a in by_id.values() if a.id in involved), key=lambda a: (a.published or "", a.id))
