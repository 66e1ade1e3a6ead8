"""`newsprism serve`: the web app over a newsprism database.

Server-rendered pages (Jinja2, autoescaped: article text is always escaped) and a JSON
API that mirrors report.json, both thin layers over `browse.py` and the runner. The
story page is report.html for that one story, so whatever the report shows, the app
shows. Uploads are size-limited, type-checked by name, written under a folder the
server made, and analysed by one background worker.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from ..browse import count_stories, list_stories, story_report
from ..errors import NotFoundError
from ..models import StorySummary
from ..report import _spans_by_article, marked_text, render_html, report_to_dict
from ..runner import analyze
from ..serialize import to_dict
from ..storage import Storage, StoryFilter, open_storage
from .jobs import Job, JobQueue

# What the browser may send: the formats `analyze` reads, by file name.
UPLOAD_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".warc", ".warc.gz")
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UPLOAD_BYTES = 100 * 1024 * 1024
RENDERED_PAGES = 64
# Stories per page of the list: a crawl makes thousands.
LIST_PAGE = 100
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def create_app(db: str, *, analyze_run: Any = None, max_file_bytes: int = MAX_FILE_BYTES) -> FastAPI:
    """The app over the database at `db` (a SQLite path or a postgresql:// URL).
    `analyze_run(folder, progress) -> Report` replaces the real analysis in tests."""
    pages = Environment(loader=PackageLoader("newsprism", "templates/web"), autoescape=select_autoescape(["html"]))

    @contextmanager
    def storage() -> Iterator[Storage]:
        # one connection per request: SQLite connections belong to the thread that made them
        store = open_storage(db)
        try:
            yield store
        finally:
            store.close()

    def run_analysis(folder: Path, progress: Any) -> Any:
        with storage() as store:
            return analyze([folder], storage=store, progress=progress)

    jobs = JobQueue(analyze_run or run_analysis)
    # A story page is rendered once per stored version of the story: a run that changes
    # the story changes its stored record, hence the key, whoever wrote it.
    rendered = PageCache(RENDERED_PAGES)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.shutdown()

    # No /docs or /redoc: their pages load scripts from a CDN, and the app must work
    # offline. The OpenAPI description itself is served at /openapi.json.
    app = FastAPI(
        title="newsprism", summary="Stories, claims and their evidence, from a newsprism database.",
        docs_url=None, redoc_url=None, lifespan=lifespan,
    )

    def where(q: str | None, since: str | None, until: str | None, outlet: str | None) -> StoryFilter:
        return StoryFilter(since=since or None, until=until or None, outlet=outlet or None, text=q or None)

    # -- pages -----------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def story_list_page(
        request: Request, q: str | None = None, since: str | None = None, until: str | None = None,
        outlet: str | None = None, page: int = 1,
    ) -> HTMLResponse:
        page = max(1, page)
        with storage() as store:
            total = count_stories(store, where(q, since, until, outlet))
            shown = list_stories(store, where(q, since, until, outlet), limit=LIST_PAGE, offset=(page - 1) * LIST_PAGE)
        more = request.url.include_query_params(page=page + 1) if page * LIST_PAGE < total else None
        html = pages.get_template("stories.html").render(
            rows=shown, total=total, first=(page - 1) * LIST_PAGE + 1, more=more,
            q=q or "", since=since or "", until=until or "", outlet=outlet or "",
            accept=",".join(UPLOAD_SUFFIXES), max_mb=max_file_bytes // (1024 * 1024),
        )
        return HTMLResponse(html)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: str) -> HTMLResponse:
        with storage() as store:
            version = store.story_version(story_id)
            if version is None:
                raise HTTPException(404, f"no story '{story_id}'")
            page = rendered.get((story_id, version))
            if page is None:
                page = render_html(story_report(store, story_id), home="/")
                rendered.put((story_id, version), page)
        return HTMLResponse(page)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str) -> HTMLResponse:
        with storage() as store:
            found = store.articles([article_id])
            if not found:
                raise HTTPException(404, f"no article '{article_id}'")
            stories = [s for s in map(store.story, store.stories_holding(article_id)) if s is not None]
        article = found[0]
        spans = _spans_by_article(stories, [article]).get(article_id, [])
        page = pages.get_template("article.html").render(article=article, marked=marked_text(article, spans), stories=stories)
        return HTMLResponse(page)

    @app.get("/static/app.css", include_in_schema=False)
    def stylesheet() -> Response:
        return Response(_asset("report.css") + _asset("web/app.css"), media_type="text/css")

    @app.get("/static/app.js", include_in_schema=False)
    def script() -> Response:
        return Response(_asset("web/app.js"), media_type="text/javascript")

    # -- JSON API (mirrors report.json) -------------------------------------------------------

    @app.get("/api/stories", response_model=list[StorySummary], tags=["stories"])
    def api_stories(
        q: Annotated[str | None, Query(description="words in a headline or an article")] = None,
        since: Annotated[str | None, Query(description="stories running on or after this date")] = None,
        until: Annotated[str | None, Query(description="stories begun on or before this date")] = None,
        outlet: Annotated[str | None, Query(description="part of an outlet's name")] = None,
        limit: Annotated[int | None, Query(ge=1, description="at most this many stories (all when absent)")] = None,
        offset: Annotated[int, Query(ge=0, description="skip this many stories first")] = 0,
    ) -> list[StorySummary]:
        """Stories newest first; `limit` and `offset` page through them."""
        with storage() as store:
            return list_stories(store, where(q, since, until, outlet), limit=limit, offset=offset)

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def api_story(story_id: str) -> dict[str, Any]:
        """The story as report.json holds it: inputs, articles and the one story."""
        with storage() as store:
            return report_to_dict(story_report(store, story_id))

    @app.get("/api/stories/{story_id}/claims", tags=["stories"])
    def api_claims(story_id: str) -> list[dict[str, Any]]:
        with storage() as store:
            story = store.story(story_id)
        if story is None:
            raise HTTPException(404, f"no story '{story_id}'")
        return [to_dict(c) for c in story.claims]

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str) -> dict[str, Any]:
        with storage() as store:
            found = store.articles([article_id])
        if not found:
            raise HTTPException(404, f"no article '{article_id}'")
        return to_dict(found[0])

    @app.post("/api/analyze", status_code=202, tags=["analysis"])
    async def api_analyze(files: Annotated[list[UploadFile], File(description="text, HTML, JSONL or WARC files")]) -> dict[str, Any]:
        """Start analysing the uploaded files; poll /api/jobs/{id}."""
        folder = Path(tempfile.mkdtemp(prefix="newsprism-upload-"))
        names, total = [], 0
        try:
            for upload in files:
                name = _safe_name(upload.filename or "")
                data = await upload.read(max_file_bytes + 1)
                total += len(data)
                if len(data) > max_file_bytes:
                    raise HTTPException(413, f"{name} is larger than the {max_file_bytes // (1024 * 1024)} MB limit per file")
                if total > MAX_UPLOAD_BYTES:
                    raise HTTPException(413, f"the upload is larger than the {MAX_UPLOAD_BYTES // (1024 * 1024)} MB limit")
                name = _unused(folder, name)
                (folder / name).write_bytes(data)
                names.append(name)
        except HTTPException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        if not names:
            raise HTTPException(400, "no file was uploaded")
        return to_dict(jobs.submit(folder, names))

    @app.get("/api/jobs/{job_id}", tags=["analysis"])
    def api_job(job_id: str) -> dict[str, Any]:
        job: Job | None = jobs.get(job_id)
        if job is None:
            raise HTTPException(404, f"no analysis '{job_id}'")
        return to_dict(job)

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    return app


class PageCache:
    """A small thread-safe LRU of rendered pages (requests run in a thread pool)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._pages: OrderedDict[tuple[str, str], str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> str | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: tuple[str, str], page: str) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self._size:
                self._pages.popitem(last=False)


def _asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def _unused(folder: Path, name: str) -> str:
    """Two uploads of the same name are two inputs: the second becomes name-2 and so on."""
    stem, dot, suffix = name.partition(".")
    candidate, n = name, 1
    while (folder / candidate).exists():
        n += 1
        candidate = f"{stem}-{n}{dot}{suffix}"
    return candidate


def _safe_name(filename: str) -> str:
    """The upload's own name, reduced to a plain file name in our folder: no directories,
    no path tricks; refused unless it names a format `analyze` reads."""
    base = _SAFE_NAME.sub("_", Path(filename.replace("\\", "/")).name).lstrip(".") or "upload"
    if not base.lower().endswith(UPLOAD_SUFFIXES):
        raise HTTPException(415, f"'{filename}' is not a text, HTML, JSONL or WARC file ({', '.join(UPLOAD_SUFFIXES)})")
    return base
