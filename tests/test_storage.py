"""The storage interface. Every implementation runs this same suite (SQLite now)."""

from __future__ import annotations

import sqlite3

import pytest

from newsprism.errors import StorageError
from newsprism.models import (
    Anomaly,
    Article,
    BriefSentence,
    Claim,
    InputRecord,
    Mention,
    Removed,
    Report,
    Story,
    Support,
)
from newsprism.storage import SQLiteStorage, open_storage


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


@pytest.fixture(params=["sqlite"])
def storage(request, tmp_path):
    store = open_storage(tmp_path / "test.db")
    yield store
    store.close()


def test_round_trip_keeps_every_field(storage):
    report = _report()
    storage.save(report)
    assert storage.articles() == report.articles
    assert storage.stories() == report.stories
    assert storage.inputs() == sorted(report.inputs, key=lambda r: r.source)


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
    assert sqlite3.connect(tmp_path / "v.db").execute("PRAGMA user_version").fetchone()[0] == 1


def test_postgres_urls_are_refused_until_implemented():
    with pytest.raises(StorageError):
        open_storage("postgresql://localhost/newsprism")


def test_an_unopenable_path_is_a_storage_error(tmp_path):
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(StorageError):
        open_storage(tmp_path / "dir.db")
