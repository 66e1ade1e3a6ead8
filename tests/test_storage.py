"""The storage interface. Both back ends, SQLite and PostgreSQL, run this same suite."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import time
from dataclasses import asdict

import numpy as np
import pytest

from newsprism.errors import StorageError
from newsprism.models import (
    Anomaly,
    Article,
    ArticleClaims,
    BriefSentence,
    Claim,
    DateValue,
    Entity,
    Extraction,
    InputRecord,
    Mention,
    Removed,
    Report,
    Span,
    Story,
    StoryFeatures,
    StorySummary,
    Support,
)
from newsprism.storage import MAX_SQL_PARAMS, SCHEMA_VERSION, SQLiteStorage, StoryFilter, open_storage, without_password


def _report(text="A fire broke out late Thursday.", story_articles=("a-1",)):
    art = Article(
        id="a-1", source="x.txt", text=text, format="text", title="Fire", outlet="Ledger", authors=["Ann Lee"],
        published="2026-11-13", removed=[Removed("Advertisement", "ad")], anomalies=[Anomaly("k", "t", "e")],
        content_hash="h1",
    )
    claim = Claim(
        id="s-1-c1", kind="quote", text="x", mentions=[Mention("a-1", "A fire", 0, 6, "she")],
        support=Support(1, 1), status="single_source", speaker="Dana Whitlock", quote="q",
    )
    story = Story(id="s-1", headline="Fire", articles=list(story_articles), claims=[claim],
                  brief=[BriefSentence("A fire broke out.", ["s-1-c1"], ["a-1"])], start="2026-11-13")
    return Report(
        inputs=[InputRecord("x.txt", "ok", None, "a-1"), InputRecord("bad.bin", "failed", "binary: no", None)],
        articles=[art], stories=[story], generated_at="2026-11-22T00:00:00+00:00",
    )


@pytest.fixture
def storage(storage_url):
    store = open_storage(storage_url)
    yield store
    store.close()


def test_round_trip_keeps_every_field(storage):
    report = _report()
    storage.save(report)
    assert storage.articles() == report.articles
    assert storage.stories() == report.stories
    assert storage.inputs() == sorted(report.inputs, key=lambda r: r.source)
    (row,) = storage.story_summaries()
    assert (row.id, row.articles, row.outlets, row.claims, row.corroborated, row.conflicts) == ("s-1", 1, ["Ledger"], 1, 0, 0)


def test_saving_the_same_run_twice_changes_nothing(storage):
    storage.save(_report())
    first = (storage.inputs(), storage.articles(), storage.stories())
    storage.save(_report())
    assert (storage.inputs(), storage.articles(), storage.stories()) == first


def test_a_failed_write_leaves_the_database_as_it_was(storage):
    storage.save(_report())
    before = (storage.inputs(), storage.articles(), storage.stories())
    broken = _report(story_articles=("a-1", "a-missing"))  # foreign key to an unknown article
    with pytest.raises(StorageError):
        storage.save(broken)
    assert (storage.inputs(), storage.articles(), storage.stories()) == before


def test_schema_version_is_recorded(tmp_path):
    SQLiteStorage(tmp_path / "v.db").close()
    assert sqlite3.connect(tmp_path / "v.db").execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4


def test_a_database_of_the_first_schema_is_migrated(tmp_path):
    from newsprism.storage import MIGRATIONS

    old = sqlite3.connect(tmp_path / "old.db")
    for statement in MIGRATIONS[0]:
        old.execute(statement)
    old.execute("PRAGMA user_version = 1")
    story = _report().stories[0]
    old.execute('INSERT INTO stories (id, headline, start, "end", data) VALUES (?, ?, ?, ?, ?)',
                (story.id, story.headline, story.start, story.end, json.dumps(asdict(story))))
    old.commit()
    old.close()
    store = open_storage(tmp_path / "old.db")
    # the story list's counts are filled in for the stories saved before they had columns
    assert [(s.id, s.claims, s.corroborated, s.conflicts) for s in store.story_summaries()] == [("s-1", 1, 0, 0)]
    store.save(_report(), features=[_features("a-1")])
    assert [f.article for f in store.story_features()] == ["a-1"]
    store.save_text_vectors("model-a", {"A fire": np.ones(3, dtype=np.float32)})
    assert list(store.text_vectors("model-a", ["A fire"])) == ["A fire"]
    store.close()


def test_an_unreachable_postgres_server_is_a_storage_error_without_the_password():
    with pytest.raises(StorageError) as caught:
        open_storage("postgresql://newsprism:secret@127.0.0.1:1/newsprism?connect_timeout=2")
    assert "secret" not in str(caught.value) and "127.0.0.1" in str(caught.value)


def test_an_unopenable_path_is_a_storage_error(tmp_path):
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(StorageError):
        open_storage(tmp_path / "dir.db")


def _features(article, headline="Fire"):
    return StoryFeatures(article=article, headline=headline, vector=[0.6, 0.8], entities=["port merrow"], published="2026-11-13")


def _claims(article):
    return ArticleClaims(
        article=article, sentences=[Span(0, 6, "A fire")], entities=[Entity(2, 6, "fire", label="EVENT")],
        extractions=[Extraction(article=article, kind="date", mention=Span(0, 6, "A fire"), sentence=Span(0, 6, "A fire"),
                                date=DateValue(date="2026-11-12", granularity="part_of_day", part_of_day="night"))],
    )


def test_claims_and_story_features_are_kept_for_later_runs(storage):
    storage.save(_report(), claims=[_claims("a-1")], features=[_features("a-1")])
    assert storage.article_claims(["a-1", "a-unknown"]) == [_claims("a-1")]
    assert storage.story_features() == [_features("a-1")]
    assert storage.known_articles(["h1", "h-unknown"]) == {"h1": "a-1"}
    assert [(s.id, s.articles, s.start) for s in storage.story_outlines()] == [("s-1", ["a-1"], "2026-11-13")]


def test_sentence_vectors_are_kept_by_model_and_text(storage):
    # more texts than one IN (...) list holds, so the lookup has to go in chunks
    texts = [f"Sentence number {n} about the warehouse fire." for n in range(MAX_SQL_PARAMS + 20)]
    vectors = {t: np.full(4, n / 7, dtype=np.float32) for n, t in enumerate(texts)}
    storage.save_text_vectors("model-a", vectors)
    storage.save_text_vectors("model-a", {texts[0]: np.zeros(4, dtype=np.float32)})  # kept already: not replaced

    found = storage.text_vectors("model-a", [*texts, "A sentence nobody embedded."])
    assert set(found) == set(texts)
    assert all(np.array_equal(found[t], vectors[t]) for t in texts)
    assert storage.text_vectors("model-b", texts[:3]) == {}


def _article(aid, outlet, text, published):
    return Article(id=aid, source=f"{aid}.txt", text=text, format="text", title=text[:20], outlet=outlet,
                   published=published, content_hash="h-" + aid)


def _run(stories, articles, inputs=()):
    return Report(inputs=list(inputs), articles=articles, stories=stories, generated_at="2026-11-22T00:00:00+00:00")


def test_a_grown_or_merged_story_replaces_the_stories_it_absorbed(storage):
    a, b, c = (_article(x, "Ledger", f"Text {x}", "2026-11-13") for x in ("a", "b", "c"))
    storage.save(_run([Story(id="s-a", headline="A", articles=["a"]), Story(id="s-b", headline="B", articles=["b"])], [a, b]))
    storage.save(_run([Story(id="s-a", headline="A grown", articles=["a", "b", "c"])], [a, b, c]))
    assert [(s.id, s.headline, s.articles) for s in storage.stories()] == [("s-a", "A grown", ["a", "b", "c"])]


def test_stories_are_listed_newest_first_and_filtered(storage):
    fire = _article("f", "Coastline Daily", "A warehouse fire in Port Merrow.", "2026-11-13T07:00:00")
    library = _article("l", "Valley Voice", "The library reopened on Monday.", "2026-11-09")
    storage.save(_run([
        Story(id="s-fire", headline="Warehouse fire", articles=["f"], start=fire.published, end=fire.published),
        Story(id="s-lib", headline="Library reopens", articles=["l"], start=library.published, end=library.published),
    ], [fire, library]))
    ids = lambda where=None: [s.id for s in storage.stories(where)]  # noqa: E731
    assert ids() == ["s-fire", "s-lib"]
    assert ids(StoryFilter(since="2026-11-10")) == ["s-fire"]
    assert ids(StoryFilter(until="2026-11-13")) == ["s-fire", "s-lib"]
    assert ids(StoryFilter(until="2026-11-12")) == ["s-lib"]
    assert ids(StoryFilter(outlet="coastline")) == ["s-fire"]
    assert ids(StoryFilter(text="REOPENED")) == ["s-lib"]
    assert ids(StoryFilter(text="100% sure")) == []
    assert storage.story("s-lib").headline == "Library reopens"
    assert storage.story_summaries(StoryFilter(outlet="coastline")) == [
        StorySummary(id="s-fire", headline="Warehouse fire", start=fire.published, end=fire.published, articles=1,
                     outlets=["Coastline Daily"], claims=0, corroborated=0, conflicts=0)
    ]
    assert [s.claims for s in storage.story_summaries()] == [0, 0]
    assert storage.story("s-none") is None
    version = storage.story_version("s-lib")
    assert version and storage.story_version("s-none") is None
    storage.save(_run([Story(id="s-lib", headline="Library reopens at last", articles=["l"])], [library]))
    assert storage.story_version("s-lib") not in (None, version)


def test_the_story_list_comes_in_pages_with_their_own_outlets(storage):
    articles = [_article(f"a{n}", f"Outlet {n % 3}", f"Story {n} text.", f"2026-11-{10 + n:02d}") for n in range(7)]
    storage.save(_run(
        [Story(id=f"s-{n}", headline=f"Story {n}", articles=[f"a{n}"], start=a.published, end=a.published)
         for n, a in enumerate(articles)],
        articles,
        [InputRecord(f"a{n}.txt", "ok", None, f"a{n}") for n in range(7)],
    ))
    everything = storage.story_summaries()
    assert [s.id for s in everything] == [f"s-{n}" for n in range(6, -1, -1)]
    pages = [storage.story_summaries(limit=3, offset=start) for start in (0, 3, 6, 9)]
    assert [[s.id for s in page] for page in pages] == [["s-6", "s-5", "s-4"], ["s-3", "s-2", "s-1"], ["s-0"], []]
    assert [s for page in pages for s in page] == everything  # same rows, outlets and counts as the whole list
    assert storage.story_count() == 7
    assert storage.story_count(StoryFilter(outlet="outlet 1")) == 2
    assert [s.id for s in storage.story_summaries(StoryFilter(outlet="outlet 1"), limit=1, offset=1)] == ["s-1"]
    assert storage.stories_holding("a3") == ["s-3"] and storage.stories_holding("a-none") == []
    assert storage.inputs(["a2", "a5", "a-none"]) == [InputRecord("a2.txt", "ok", None, "a2"), InputRecord("a5.txt", "ok", None, "a5")]


def test_an_input_seen_again_as_a_duplicate_keeps_its_first_record(storage):
    storage.save(_report())
    again = _report()
    again.inputs = [InputRecord("x.txt", "duplicate", "duplicate_content: already stored", "a-1")]
    storage.save(again)
    assert storage.inputs()[1] == InputRecord("x.txt", "ok", None, "a-1")


def _writer(url, worker, count, ready):
    store = open_storage(url)
    ready.wait(60)  # both writers start together
    for n in range(count):
        aid = f"w{worker}-{n}"
        art = _article(aid, "Ledger", f"Article {aid}", "2026-11-13")
        with store.transaction():
            # what an incremental run does: read the stories, then write one that extends
            # the shared story with this article
            shared = next((s for s in store.story_outlines() if s.id == "s-shared"), None)
            members = (shared.articles if shared else []) + [aid]
            time.sleep(0.02)  # the grouping and cross-checking a real run does here
            store.save(_run([Story(id="s-shared", headline="Shared", articles=members)], [art],
                            [InputRecord(f"{aid}.txt", "ok", None, aid)]), features=[_features(aid)])
    store.close()


def test_two_processes_writing_at_once_lose_nothing(storage_url):
    open_storage(storage_url).close()  # the schema first, so both writers start on it
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(2)
    workers = [context.Process(target=_writer, args=(storage_url, w, 15, ready)) for w in (1, 2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0, 0]
    store = open_storage(storage_url)
    expected = sorted(f"w{w}-{n}" for w in (1, 2) for n in range(15))
    assert sorted(a.id for a in store.articles()) == expected
    assert sorted(store.story("s-shared").articles) == expected
    assert len(store.inputs()) == len(store.story_features()) == 30
    store.close()


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("postgresql://ann:s3cret@db.example:5432/news", "postgresql://ann:***@db.example:5432/news"),
        ("postgresql://ann@db.example/news", "postgresql://ann@db.example/news"),
        ("out/newsprism.db", "out/newsprism.db"),
    ],
)
def test_a_database_url_is_shown_without_its_password(given, shown):
    assert without_password(given) == shown
