"""Incremental runs against a database: new articles join the stories they belong to,
stories keep their ids, and inputs already analysed change nothing."""

from __future__ import annotations

import shutil
from dataclasses import replace

import numpy as np
import pytest
from conftest import EXAMPLES

from newsprism import analyze, open_storage
from newsprism.models import Report
from newsprism.stories import FEATURES_VERSION

pytestmark = pytest.mark.models

FIRST_RUN = ["coastline-daily.txt", "kestrel-valley-gazette.txt", "meridian-wire.txt"]


def _split_corpus(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for path in sorted((EXAMPLES / "corpus").iterdir()):
        target = first if path.name in FIRST_RUN else second
        target.mkdir(exist_ok=True)
        shutil.copy(path, target / path.name)
    return first, second


def _snapshot(storage):
    return storage.inputs(), storage.articles(), storage.stories(), storage.story_features()


def test_a_second_run_extends_the_stories_of_the_first(tmp_path, nlp, embedder, demo):
    from_scratch, _, _ = demo
    first, second = _split_corpus(tmp_path)
    storage = open_storage(tmp_path / "n.db")
    earlier = analyze([first], storage=storage, nlp=nlp, embedder=embedder)
    later = analyze([second], storage=storage, nlp=nlp, embedder=embedder)
    stored = storage.stories()
    storage.close()

    assert sorted(sorted(s.articles) for s in stored) == sorted(sorted(s.articles) for s in from_scratch.stories)
    fire_before = next(s for s in earlier.stories if len(s.articles) > 1)
    fire_after = next(s for s in stored if set(fire_before.articles) < set(s.articles))
    assert fire_after.id == fire_before.id
    # the grown story was cross-checked again over all its articles, old and new
    assert {m.article for c in fire_after.claims for m in c.mentions} - set(fire_before.articles)
    assert fire_after.conflicts
    # the second run reports the stories it changed, with every article they hold
    assert {s.id for s in later.stories} == {fire_before.id}
    assert {a.id for a in later.articles} == set(fire_after.articles)


class _CountingEmbedder:
    """The session's embedder under a name (so a run keeps its vectors), noting every text
    it is asked to embed."""

    name = "counting test embedder"

    def __init__(self, inner):
        self._inner = inner
        self.asked: list[str] = []

    def encode(self, texts):
        self.asked += texts
        return self._inner.encode(texts)


def test_a_grown_story_reads_its_old_sentence_vectors_back(tmp_path, nlp, embedder):
    first, second = _split_corpus(tmp_path)
    storage = open_storage(tmp_path / "n.db")
    earlier_embedder, later_embedder = _CountingEmbedder(embedder), _CountingEmbedder(embedder)
    analyze([first], storage=storage, nlp=nlp, embedder=earlier_embedder)
    later = analyze([second], storage=storage, nlp=nlp, embedder=later_embedder)
    old_ids = {r.article for r in storage.inputs() if r.source.endswith(tuple(FIRST_RUN))}
    grown = next(s for s in later.stories if old_ids & set(s.articles))
    stored = storage.text_vectors(later_embedder.name, earlier_embedder.asked)
    storage.close()

    assert stored  # the first run kept the vectors it computed
    # the second run cross-checked the grown story over old and new articles, but asked
    # the model only for sentences it had not embedded before
    assert grown.conflicts
    assert later_embedder.asked
    assert not set(later_embedder.asked) & set(stored)


def test_story_features_an_older_version_stored_are_computed_again(tmp_path, nlp, embedder, demo):
    from_scratch, _, _ = demo
    first, second = _split_corpus(tmp_path)
    storage = open_storage(tmp_path / "n.db")
    analyze([first], storage=storage, nlp=nlp, embedder=embedder)
    current = storage.story_features()
    # as an older newsprism stored them: no version, and a lead vector made another way
    old_kind = [replace(f, version=0, vector=[-x for x in f.vector]) for f in current]
    storage.save(Report(inputs=[], articles=[], stories=[], generated_at="2026-11-23T00:00:00+00:00"), features=old_kind)
    assert {f.version for f in storage.story_features()} == {0}

    analyze([second], storage=storage, nlp=nlp, embedder=embedder)
    stored = {f.article: f for f in storage.story_features()}
    grouped = storage.stories()
    storage.close()

    assert {f.version for f in stored.values()} == {FEATURES_VERSION}
    assert all(np.allclose(stored[f.article].vector, f.vector, atol=1e-5) for f in current)
    assert sorted(sorted(s.articles) for s in grouped) == sorted(sorted(s.articles) for s in from_scratch.stories)


def test_running_again_on_the_same_inputs_changes_nothing(tmp_path, nlp, embedder, storage_url):
    first, _ = _split_corpus(tmp_path)
    storage = open_storage(storage_url)
    report = analyze([first], storage=storage, nlp=nlp, embedder=embedder)
    before = _snapshot(storage)
    again = analyze([first], storage=storage, nlp=nlp, embedder=embedder)
    assert _snapshot(storage) == before
    assert [r.status for r in again.inputs] == ["duplicate"] * len(FIRST_RUN)
    assert all(r.reason.startswith("duplicate_content:") for r in again.inputs)
    # ... and the report is the same stories as the first time
    assert sorted(s.id for s in again.stories) == sorted(s.id for s in report.stories)
    assert "claims" not in again.timings

    moved = tmp_path / "elsewhere" / "copy-of-coastline.txt"
    moved.parent.mkdir()
    shutil.copy(first / "coastline-daily.txt", moved)
    third = analyze([moved], storage=storage, nlp=nlp, embedder=embedder)
    original = next(r for r in report.inputs if r.source.endswith("coastline-daily.txt"))
    assert [(r.status, r.article) for r in third.inputs] == [("duplicate", original.article)]
    assert len(storage.articles()) == len(before[1])
    storage.close()
