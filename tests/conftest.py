from __future__ import annotations

import json
import re
import zlib
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SCHEMA_PATH = SHARED / "spec" / "report.schema.json"


class BagOfWordsEmbedder:
    """A tiny deterministic embedder for unit tests: hashed word counts, unit length.
    Texts that share words are close; it needs no model."""

    dim = 256

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z0-9]+", text.lower()):
                out[row, zlib.crc32(word.encode()) % self.dim] += 1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out


@pytest.fixture
def bow_embedder() -> BagOfWordsEmbedder:
    return BagOfWordsEmbedder()


@pytest.fixture(scope="session")
def nlp():
    from newsprism.nlp import spacy_pipeline

    return spacy_pipeline()


@pytest.fixture(scope="session")
def embedder():
    from newsprism.nlp import default_embedder

    return default_embedder()


@pytest.fixture(scope="session")
def schema() -> dict:
    if not SCHEMA_PATH.exists():
        pytest.skip(f"the report schema is read from {SCHEMA_PATH}, which is not here (../shared is absent)")
    return json.loads(SCHEMA_PATH.read_text())


@pytest.fixture(scope="session")
def demo(tmp_path_factory, nlp, embedder):
    """The example corpus analysed once per session: (Report, report.json as dict, out dir)."""
    from newsprism import analyze, open_storage, report_to_dict, write_report

    out = tmp_path_factory.mktemp("demo")
    storage = open_storage(out / "newsprism.db")
    report = analyze([EXAMPLES / "corpus", EXAMPLES / "bad-inputs"], storage=storage, nlp=nlp, embedder=embedder)
    storage.close()
    write_report(report, out)
    return report, report_to_dict(report), out


def article_by_outlet(report, outlet: str):
    return next(a for a in report.articles if a.outlet == outlet)


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server URL for the storage suite (see tests/postgres_server.py). Under
    `make test` (NEWSPRISM_TEST_STRICT=1) a missing server fails the run; a plain
    pytest elsewhere skips the PostgreSQL half of the suite and says why."""
    import os

    from postgres_server import Unavailable, server

    try:
        with server() as url:
            yield url
    except Unavailable as exc:
        if os.environ.get("NEWSPRISM_TEST_STRICT"):
            pytest.fail(f"PostgreSQL is required here: {exc}")
        pytest.skip(f"PostgreSQL tests skipped: {exc}")


@pytest.fixture(params=["sqlite", "postgresql"])
def storage_url(request, tmp_path):
    """A fresh database of each back end: the tests that take it run on both."""
    if request.param == "sqlite":
        yield str(tmp_path / "test.db")
        return
    from postgres_server import fresh_database

    with fresh_database(request.getfixturevalue("postgres_server")) as url:
        yield url
