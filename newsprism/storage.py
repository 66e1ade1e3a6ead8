"""Storage behind one small interface, with two back ends that run the same SQL: SQLite
(the embedded default, a file path) and PostgreSQL (a `postgresql://` URL, through
psycopg 3) for a database several people share.

Writes are upserts keyed by content (article ids are content hashes; a story keeps its
id as it grows), so running again on the same inputs leaves the database as it was.
`transaction()` is one exclusive write transaction: a run reads the stories it extends
and writes them back inside it, so two processes adding articles at once are serialised
instead of overwriting each other's stories.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .errors import StorageError
from .models import Article, ArticleClaims, InputRecord, Report, Story, StoryFeatures, StorySummary
from .serialize import from_dict, to_dict


def _count_story_claims(storage: SQLStorage) -> None:
    """Fill the story list's counts for stories saved before they had columns."""
    for sid, data in storage._run("SELECT id, data FROM stories"):
        story = from_dict(Story, json.loads(data))
        storage._run(
            "UPDATE stories SET claims = ?, corroborated = ?, conflicts = ? WHERE id = ?",
            (*_story_counts(story), sid),
        )


def _create_text_vectors(storage: SQLStorage) -> None:
    """A cache of the sentence vectors runs computed, by embedding model and text: a later
    run that re-checks a grown story reads its old articles' vectors instead of running
    the sentence model over them again (most of what re-checking cost)."""
    storage._run(
        f"""CREATE TABLE IF NOT EXISTS text_vectors (
            model TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            vector {storage._bytes_type} NOT NULL,
            PRIMARY KEY (model, text_hash)
        )"""
    )


# Each migration is a list of statements that both back ends accept (or a function
# over the storage, for what SQL alone cannot do in both dialects).
MIGRATIONS: list[list[Any]] = [
    [  # 1: the first schema
        """CREATE TABLE IF NOT EXISTS articles (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            outlet TEXT,
            published TEXT,
            data TEXT NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS inputs (
            source TEXT PRIMARY KEY,
            status TEXT NOT NULL CHECK (status IN ('ok', 'duplicate', 'skipped', 'failed')),
            reason TEXT,
            article TEXT,
            seen_at TEXT NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS stories (
            id TEXT PRIMARY KEY,
            headline TEXT NOT NULL,
            start TEXT,
            "end" TEXT,
            data TEXT NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS story_articles (
            story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            article TEXT NOT NULL REFERENCES articles(id),
            PRIMARY KEY (story, article)
        )""",
    ],
    [  # 2: what a later run needs to extend a story without reading its old articles again
        """CREATE TABLE IF NOT EXISTS article_claims (
            article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            data TEXT NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS story_features (
            article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            data TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS story_articles_article ON story_articles (article)",
        "CREATE INDEX IF NOT EXISTS stories_start ON stories (start)",
    ],
    [  # 3: the story list's counts, so that listing stories does not read every claim
        "ALTER TABLE stories ADD COLUMN claims INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE stories ADD COLUMN corroborated INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE stories ADD COLUMN conflicts INTEGER NOT NULL DEFAULT 0",
        _count_story_claims,
    ],
    [_create_text_vectors],  # 4: sentence vectors kept for later runs
]
SCHEMA_VERSION = len(MIGRATIONS)
# Stored vectors are little-endian float32, as the sentence model gives them.
VECTOR_DTYPE = np.dtype("<f4")
# Ids per `IN (...)` list: well under SQLite's oldest limit on bound parameters (999).
MAX_SQL_PARAMS = 500


@dataclass
class StoryFilter:
    """What `newsprism stories` narrows the list by; every field is optional."""

    since: str | None = None  # ISO date: stories that end on or after it
    until: str | None = None  # ISO date: stories that start on or before it
    outlet: str | None = None  # part of an outlet's name, any case
    text: str | None = None  # part of the headline or of an article's text, any case


class Storage(Protocol):
    def transaction(self) -> Any:
        """A context manager: one exclusive write transaction, all or nothing. Calls made
        inside it (save included) join it."""
        ...

    def save(self, report: Report, claims: Sequence[ArticleClaims] = (), features: Sequence[StoryFeatures] = ()) -> None:
        """Write one run's inputs, articles (with their claims and story features) and
        stories; a saved story replaces every stored story it shares an article with."""
        ...

    def known_articles(self, content_hashes: Iterable[str]) -> dict[str, str]:
        """content hash -> id of the stored article with that text."""
        ...

    def inputs(self, articles: Iterable[str] | None = None) -> list[InputRecord]:
        """Every input record, or only those that made one of `articles`."""
        ...

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]: ...

    def article_claims(self, ids: Iterable[str]) -> list[ArticleClaims]: ...

    def story_features(self) -> list[StoryFeatures]: ...

    def story_outlines(self) -> list[Story]:
        """Every story's id, headline, articles and time span, without its claims."""
        ...

    def stories(self, where: StoryFilter | None = None) -> list[Story]: ...

    def story_summaries(self, where: StoryFilter | None = None, limit: int | None = None, offset: int = 0) -> list[StorySummary]:
        """The rows of a story list, newest first, without reading any story's claims:
        all of them, or `limit` rows after the first `offset`."""
        ...

    def story_count(self, where: StoryFilter | None = None) -> int: ...

    def story(self, story_id: str) -> Story | None: ...

    def stories_holding(self, article_id: str) -> list[str]:
        """The ids of the stories an article belongs to."""
        ...

    def text_vectors(self, model: str, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """The stored vectors that the embedding `model` gave `texts` (a text never stored
        is left out)."""
        ...

    def save_text_vectors(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Keep the vectors `model` gave these texts for later runs."""
        ...

    def story_version(self, story_id: str) -> str | None:
        """An opaque token that changes whenever the stored story is rewritten (None when
        there is no such story): what a cache of rendered story pages is keyed by."""
        ...

    def close(self) -> None: ...


class SQLStorage:
    """The queries both back ends share. Subclasses say how to connect, begin an exclusive
    transaction and keep the schema version; queries are written with `?` parameters."""

    _errors: tuple[type[Exception], ...] = ()
    _bytes_type = "BLOB"

    def __init__(self, connection: Any, where: str) -> None:
        self._db = connection
        self._where = where
        self._depth = 0
        with self.transaction():
            self._migrate()

    # -- what each back end provides -------------------------------------------------

    def _begin(self) -> Any:
        raise NotImplementedError

    def _version(self) -> int:
        raise NotImplementedError

    def _set_version(self, version: int) -> None:
        raise NotImplementedError

    def _sql(self, query: str) -> str:
        return query

    # -- shared --------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            with self._begin():
                self._depth = 1
                try:
                    yield
                finally:
                    self._depth = 0
        except self._errors as exc:
            raise StorageError(f"could not write to {self._where}: {exc}") from exc

    def _run(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            cursor = self._db.execute(self._sql(query), tuple(params))
            return list(cursor.fetchall()) if cursor.description else []
        except self._errors as exc:
            raise StorageError(f"{self._where}: {exc}") from exc

    def _run_many(self, query: str, rows: Sequence[Sequence[Any]]) -> None:
        """`_run` for one statement over many rows, in one call to the driver."""
        try:
            self._db.cursor().executemany(self._sql(query), rows)
        except self._errors as exc:
            raise StorageError(f"{self._where}: {exc}") from exc

    def _migrate(self) -> None:
        version = self._version()
        for number, statements in enumerate(MIGRATIONS, start=1):
            if number > version:
                for statement in statements:
                    if callable(statement):
                        statement(self)
                    else:
                        self._run(statement)
                self._set_version(number)

    def save(self, report: Report, claims: Sequence[ArticleClaims] = (), features: Sequence[StoryFeatures] = ()) -> None:
        with self.transaction():
            for rec in report.inputs:
                # An input seen again as a duplicate of the article it already made keeps
                # its first record: re-running on the same inputs changes nothing.
                self._run(
                    "INSERT INTO inputs (source, status, reason, article, seen_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (source) DO UPDATE SET status = excluded.status, reason = excluded.reason, "
                    "article = excluded.article, seen_at = excluded.seen_at "
                    "WHERE NOT (inputs.status = 'ok' AND excluded.status = 'duplicate' AND inputs.article = excluded.article)",
                    (rec.source, rec.status, rec.reason, rec.article, report.generated_at),
                )
            for art in report.articles:
                self._run(
                    "INSERT INTO articles (id, content_hash, source, outlet, published, data) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (id) DO UPDATE SET source = excluded.source, outlet = excluded.outlet, "
                    "published = excluded.published, data = excluded.data",
                    (art.id, art.content_hash, art.source, art.outlet, art.published, _json(art)),
                )
            for table, records in (("article_claims", claims), ("story_features", features)):
                for record in records:
                    self._run(
                        f"INSERT INTO {table} (article, data) VALUES (?, ?) "
                        "ON CONFLICT (article) DO UPDATE SET data = excluded.data",
                        (record.article, _json(record)),
                    )
            for story in report.stories:
                replaced = {story.id} | {
                    row[0]
                    for aid in story.articles
                    for row in self._run("SELECT story FROM story_articles WHERE article = ?", (aid,))
                }
                for sid in sorted(replaced):
                    self._run("DELETE FROM stories WHERE id = ?", (sid,))
                self._run(
                    'INSERT INTO stories (id, headline, start, "end", data, claims, corroborated, conflicts) '
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (story.id, story.headline, story.start, story.end, _json(story), *_story_counts(story)),
                )
                for aid in story.articles:
                    self._run("INSERT INTO story_articles (story, article) VALUES (?, ?)", (story.id, aid))

    def known_articles(self, content_hashes: Iterable[str]) -> dict[str, str]:
        found = {}
        for digest in set(content_hashes):
            for row in self._run("SELECT content_hash, id FROM articles WHERE content_hash = ?", (digest,)):
                found[row[0]] = row[1]
        return found

    def inputs(self, articles: Iterable[str] | None = None) -> list[InputRecord]:
        if articles is None:
            rows = self._run("SELECT source, status, reason, article FROM inputs ORDER BY source")
        else:
            rows = sorted(
                row for aid in dict.fromkeys(articles)
                for row in self._run("SELECT source, status, reason, article FROM inputs WHERE article = ?", (aid,))
            )
        return [InputRecord(*row) for row in rows]

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        if ids is None:
            rows = self._run("SELECT data FROM articles ORDER BY COALESCE(published, ''), id")
        else:
            rows = [row for aid in dict.fromkeys(ids) for row in self._run("SELECT data FROM articles WHERE id = ?", (aid,))]
        return [from_dict(Article, json.loads(row[0])) for row in rows]

    def article_claims(self, ids: Iterable[str]) -> list[ArticleClaims]:
        rows = [row for aid in dict.fromkeys(ids) for row in self._run("SELECT data FROM article_claims WHERE article = ?", (aid,))]
        return [from_dict(ArticleClaims, json.loads(row[0])) for row in rows]

    def story_features(self) -> list[StoryFeatures]:
        rows = self._run("SELECT data FROM story_features ORDER BY article")
        return [from_dict(StoryFeatures, json.loads(row[0])) for row in rows]

    def story_outlines(self) -> list[Story]:
        members: dict[str, list[str]] = {}
        for story, article in self._run("SELECT story, article FROM story_articles ORDER BY story, article"):
            members.setdefault(story, []).append(article)
        rows = self._run('SELECT id, headline, start, "end" FROM stories ORDER BY id')
        return [Story(id=sid, headline=headline, articles=members.get(sid, []), start=start, end=end) for sid, headline, start, end in rows]

    def stories(self, where: StoryFilter | None = None) -> list[Story]:
        clauses, params = _where_sql(where or StoryFilter())
        rows = self._run(f"SELECT s.data FROM stories s{clauses} ORDER BY COALESCE(s.start, '') DESC, s.id", params)
        return [from_dict(Story, json.loads(row[0])) for row in rows]

    def story_summaries(self, where: StoryFilter | None = None, limit: int | None = None, offset: int = 0) -> list[StorySummary]:
        clauses, params = _where_sql(where or StoryFilter())
        page = ""
        if limit is not None:
            page = " LIMIT ? OFFSET ?"
            params += [max(0, limit), max(0, offset)]
        rows = self._run(
            f'SELECT s.id, s.headline, s.start, s."end", s.claims, s.corroborated, s.conflicts FROM stories s{clauses} '
            f"ORDER BY COALESCE(s.start, '') DESC, s.id{page}",
            params,
        )
        # Only the listed stories' outlets are joined: a page of 100 rows costs the same
        # whatever the size of the database.
        members: dict[str, list[str]] = {}
        for story, outlet, source in self._members_of([row[0] for row in rows], whole=limit is None):
            members.setdefault(story, []).append(outlet or source.rsplit("/", 1)[-1])  # as Article.label names it
        return [
            StorySummary(
                id=sid, headline=headline, start=start, end=end, articles=len(members.get(sid, [])),
                outlets=sorted(set(members.get(sid, []))), claims=claims, corroborated=corroborated, conflicts=conflicts,
            )
            for sid, headline, start, end, claims, corroborated, conflicts in rows
        ]

    def _members_of(self, story_ids: list[str], whole: bool) -> list[tuple[Any, ...]]:
        query = "SELECT sa.story, a.outlet, a.source FROM story_articles sa JOIN articles a ON a.id = sa.article"
        if whole:
            return self._run(query)
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(story_ids), MAX_SQL_PARAMS):
            chunk = story_ids[start : start + MAX_SQL_PARAMS]
            rows += self._run(f"{query} WHERE sa.story IN ({', '.join('?' * len(chunk))})", chunk)
        return rows

    def story_count(self, where: StoryFilter | None = None) -> int:
        clauses, params = _where_sql(where or StoryFilter())
        return int(self._run(f"SELECT COUNT(*) FROM stories s{clauses}", params)[0][0])

    def story(self, story_id: str) -> Story | None:
        rows = self._run("SELECT data FROM stories WHERE id = ?", (story_id,))
        return from_dict(Story, json.loads(rows[0][0])) if rows else None

    def stories_holding(self, article_id: str) -> list[str]:
        return [row[0] for row in self._run("SELECT story FROM story_articles WHERE article = ? ORDER BY story", (article_id,))]

    def text_vectors(self, model: str, texts: Iterable[str]) -> dict[str, np.ndarray]:
        by_hash = {_text_hash(t): t for t in texts}
        hashes = list(by_hash)
        found = {}
        for begin in range(0, len(hashes), MAX_SQL_PARAMS):
            chunk = hashes[begin : begin + MAX_SQL_PARAMS]
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT text_hash, vector FROM text_vectors WHERE model = ? AND text_hash IN ({marks})"
            for digest, blob in self._run(query, (model, *chunk)):
                found[by_hash[digest]] = np.frombuffer(bytes(blob), dtype=VECTOR_DTYPE)
        return found

    def save_text_vectors(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        rows = [(model, _text_hash(t), np.asarray(v, dtype=VECTOR_DTYPE).tobytes()) for t, v in vectors.items()]
        with self.transaction():
            self._run_many(
                "INSERT INTO text_vectors (model, text_hash, vector) VALUES (?, ?, ?) ON CONFLICT (model, text_hash) DO NOTHING",
                rows,
            )

    def story_version(self, story_id: str) -> str | None:
        rows = self._run("SELECT data FROM stories WHERE id = ?", (story_id,))
        return hashlib.sha256(rows[0][0].encode()).hexdigest() if rows else None

    def close(self) -> None:
        self._db.close()


class SQLiteStorage(SQLStorage):
    _errors = (sqlite3.Error,)

    def __init__(self, path: str | Path) -> None:
        try:
            if str(path) != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(str(path), timeout=60, isolation_level=None)
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA journal_mode = WAL")
        except (sqlite3.Error, OSError) as exc:
            raise StorageError(f"cannot open SQLite database {path}: {exc}") from exc
        super().__init__(connection, f"SQLite database {path}")

    @contextmanager
    def _begin(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock at the start, so a run's read of the stories it
        # extends and its write of them cannot interleave with another writer's.
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _set_version(self, version: int) -> None:
        self._db.execute(f"PRAGMA user_version = {int(version)}")


# Any constant works; it names newsprism's lock among other users of the same server.
POSTGRES_LOCK_KEY = 0x6E657773


class PostgresStorage(SQLStorage):
    _bytes_type = "BYTEA"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise StorageError("PostgreSQL storage needs psycopg 3: pip install 'newsprism[postgres]'") from exc
        self._errors = (psycopg.Error,)
        shown = without_password(url)
        try:
            connection = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StorageError(f"cannot connect to PostgreSQL at {shown}: {exc}") from exc
        super().__init__(connection, f"PostgreSQL database {shown}")

    @contextmanager
    def _begin(self) -> Iterator[None]:
        with self._db.transaction():
            # One writer at a time, like SQLite's write lock; readers are not blocked.
            self._db.execute("SELECT pg_advisory_xact_lock(%s)", (POSTGRES_LOCK_KEY,))
            yield

    def _version(self) -> int:
        self._db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = self._db.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _set_version(self, version: int) -> None:
        self._db.execute("DELETE FROM schema_version")
        self._db.execute("INSERT INTO schema_version (version) VALUES (%s)", (version,))

    def _sql(self, query: str) -> str:
        return query.replace("%", "%%").replace("?", "%s")


def open_storage(url: str | Path) -> Storage:
    """A storage for a file path (SQLite) or a postgresql:// URL."""
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        return PostgresStorage(text)
    return SQLiteStorage(text)


def _where_sql(where: StoryFilter) -> tuple[str, list[str]]:
    """The WHERE clause (with its leading space) and parameters of a story filter."""
    clauses, params = [], []
    if where.since:
        clauses.append('COALESCE(s."end", s.start) >= ?')
        params.append(where.since)
    if where.until:
        clauses.append("s.start <= ?")
        params.append(where.until + "\uffff")  # the whole of that day, whatever the time
    if where.outlet:
        clauses.append(
            "EXISTS (SELECT 1 FROM story_articles sa JOIN articles a ON a.id = sa.article "
            "WHERE sa.story = s.id AND LOWER(a.outlet) LIKE ?)"
        )
        params.append(f"%{where.outlet.lower()}%")
    if where.text:
        clauses.append(
            "(LOWER(s.headline) LIKE ? OR EXISTS (SELECT 1 FROM story_articles sa JOIN articles a ON a.id = sa.article "
            "WHERE sa.story = s.id AND LOWER(a.data) LIKE ?))"
        )
        params += [f"%{where.text.lower()}%"] * 2
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _story_counts(story: Story) -> tuple[int, int, int]:
    return len(story.claims), sum(1 for c in story.claims if c.status == "corroborated"), len(story.conflicts)


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _json(record: Any) -> str:
    return json.dumps(to_dict(record), ensure_ascii=False)


def without_password(url: str) -> str:
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, user = head.partition("//")
    return f"{scheme}//{user.split(':', 1)[0]}:***@{tail}"
