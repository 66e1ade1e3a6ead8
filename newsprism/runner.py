"""The runner: wires the stages, owns progress reporting, timing and per-stage errors.

Each stage is a pure function over a batch; the runner only passes their outputs on.
A stage that raises on the whole batch becomes a StageError naming the stage; a
problem with one input item never raises (it is a record with a reason).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

from . import brief, claims, clean, crosscheck, ingest, stories
from .errors import NewsprismError, StageError
from .models import Anomaly, Article, InputRecord, Report, Story
from .nlp import EmbeddedAhead, Embedder, default_embedder, spacy_pipeline
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
    """Analyse every input under `paths` and return the Report (also saved to `storage`)."""
    progress = progress or _Silent()
    timings: dict[str, float] = {}
    articles, records = clean_inputs(paths, progress, timings)
    story_list: list[Story] = []
    if articles:
        with _stage("claims", timings):
            progress.start("claims", len(articles))
            found_claims = claims.extract_batch(articles, nlp or spacy_pipeline(), on_item=lambda: progress.advance("claims"))
        by_id = {a.id: a for a in articles}
        for failed in (c for c in found_claims if c.error):
            by_id[failed.article].anomalies.append(
                Anomaly(kind="claims_failed", text="", explanation=f"claims could not be read from this article: {failed.error}")
            )
        embedder = embedder or default_embedder()
        with _stage("stories", timings):
            progress.start("stories", 1)
            story_list = stories.group_stories(stories.story_features(articles, found_claims, embedder))
            progress.advance("stories")
        claims_by_id = {c.article: c for c in found_claims}
        with _stage("crosscheck", timings):
            # every story's sentences embedded first, in large batches (nlp.EmbeddedAhead)
            ahead = list(dict.fromkeys(t for s in story_list for t in crosscheck.texts_to_embed([claims_by_id[a] for a in s.articles])))
            progress.start("embed", len(ahead))
            story_embedder = EmbeddedAhead(embedder, ahead, on_chunk=lambda n: progress.advance("embed", n))
            progress.start("crosscheck", len(story_list))
            story_list = [
                crosscheck.crosscheck_story(
                    story, [by_id[a] for a in story.articles], [claims_by_id[a] for a in story.articles], story_embedder
                )
                for story in _tracked(story_list, "crosscheck", progress)
            ]
        with _stage("brief", timings):
            progress.start("brief", len(story_list))
            story_list = [brief.write_brief(story, by_id) for story in _tracked(story_list, "brief", progress)]
        story_list.sort(key=lambda s: (-len(s.articles), s.start or "", s.id))
    report = Report(
        inputs=records,
        articles=articles,
        stories=story_list,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        timings=timings,
    )
    if storage is not None:
        with _stage("store", timings):
            storage.save(report)
    return report

