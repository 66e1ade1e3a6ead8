"""Storage behind one small interface. SQLite now (the embedded default); PostgreSQL
will implement the same interface and pass the same test suite.

Every write of a run happens in one transaction, and writes are upserts keyed by
content (article ids are content hashes, story ids hash their article ids), so running
again on the same inputs leaves the database as it was.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from pathlib import Path
from typing import Protocol

from .errors import StorageError
from .models import Article, InputRecord, Report, Story
from .serialize import from_dict

SCHEMA_VERSION = 1

MIGRATIONS: list[str] = [
    # version 1
    """
    CREATE TABLE IF NOT EXISTS articles (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        outlet TEXT,
        published TEXT,
        data TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS inputs (
        source TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('ok', 'duplicate', 'skipped', 'failed')),
        reason TEXT,
        article TEXT,
        seen_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS stories (
        id TEXT PRIMARY KEY,
        headline TEXT NOT NULL,
        start TEXT,
        "end" TEXT,
        data TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS story_articles (
        story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        article TEXT NOT NULL REFERENCES articles(id),
        PRIMARY KEY (story, article)
    );
    """,
]


class Storage(Protocol):
    def save(self, report: Report) -> None:
        """Write one run's inputs, articles and stories, all or nothing."""
        ...

    def inputs(self) -> list[InputRecord]: ...

    def articles(self) -> list[Article]: ...

    def stories(self) -> list[Story]: ...

    def close(self) -> None: ...


class SQLiteStorage:
    def __init__(self, path: str | Path) -> None:
        try:
            if str(path) != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), timeout=30, isolation_level=None)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.Error as exc:
            raise StorageError(f"cannot open SQLite database {path}: {exc}") from exc

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS, start=1):
            if number > version:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    for statement in filter(str.strip, script.split(";")):
                        self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version = {number}")
                    self._db.execute("COMMIT")
                except sqlite3.Error:
                    self._db.execute("ROLLBACK")
                    raise

    def save(self, report: Report) -> None:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            for rec in report.inputs:
                self._db.execute(
                    "INSERT INTO inputs (source, status, reason, article, seen_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(source) DO UPDATE SET status=excluded.status, reason=excluded.reason, "
                    "article=excluded.article, seen_at=excluded.seen_at",
                    (rec.source, rec.status, rec.reason, rec.article, report.generated_at),
                )
            for art in report.articles:
                self._db.execute(
                    "INSERT INTO articles (id, content_hash, source, outlet, published, data) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT(id) DO UPDATE SET source=excluded.source, outlet=excluded.outlet, "
                    "published=excluded.published, data=excluded.data",
                    (art.id, art.content_hash, art.source, art.outlet, art.published, json.dumps(asdict(art))),
                )
            touched = {a.id for a in report.articles}
            # a story is replaced by this run's view of it when they share an article
            stale = {
                row[0]
                for aid in touched
                for row in self._db.execute("SELECT story FROM story_articles WHERE article = ?", (aid,))
            }
            for sid in stale:
                self._db.execute("DELETE FROM stories WHERE id = ?", (sid,))
            for story in report.stories:
                self._db.execute(
                    'INSERT INTO stories (id, headline, start, "end", data) VALUES (?, ?, ?, ?, ?)',
                    (story.id, story.headline, story.start, story.end, json.dumps(asdict(story))),
                )
                self._db.executemany(
                    "INSERT INTO story_articles (story, article) VALUES (?, ?)", [(story.id, a) for a in story.articles]
                )
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._db.execute("ROLLBACK")
            raise StorageError(f"could not save the run: {exc}") from exc

    def inputs(self) -> list[InputRecord]:
        rows = self._db.execute("SELECT source, status, reason, article FROM inputs ORDER BY source")
        return [InputRecord(*row) for row in rows]

    def articles(self) -> list[Article]:
        rows = self._db.execute("SELECT data FROM articles ORDER BY published, id")
        return [from_dict(Article, json.loads(row[0])) for row in rows]

    def stories(self) -> list[Story]:
        rows = self._db.execute("SELECT data FROM stories ORDER BY start DESC, id")
        return [from_dict(Story, json.loads(row[0])) for row in rows]

    def close(self) -> None:
        self._db.close()


def open_storage(url: str | Path) -> Storage:
    """A storage for a path (SQLite) or, later, a postgresql:// URL."""
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        raise StorageError("PostgreSQL storage is not implemented yet; use a SQLite path")
    return SQLiteStorage(text)
