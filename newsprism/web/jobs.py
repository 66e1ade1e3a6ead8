"""Analyses started from the browser: one background worker runs them in turn, each
over the files of one upload, and keeps what a page polls for (stage, progress, the
stories it opened or changed, or why it failed)."""

from __future__ import annotations

import shutil
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..errors import NewsprismError
from ..models import Report

JobState = Literal["queued", "running", "done", "failed"]


@dataclass
class Job:
    id: str
    files: list[str]
    state: JobState = "queued"
    stage: str = ""
    done: int = 0
    total: int = 0
    stories: list[str] = field(default_factory=list)
    inputs: dict[str, int] = field(default_factory=dict)  # status -> count
    error: str | None = None


class _JobProgress:
    """The runner's Progress protocol, written into the job a page polls."""

    def __init__(self, job: Job) -> None:
        self._job = job

    def start(self, stage: str, total: int) -> None:
        self._job.stage, self._job.done, self._job.total = stage, 0, total

    def advance(self, stage: str, amount: int = 1) -> None:
        self._job.done += amount


class JobQueue:
    """One analysis at a time: the models are loaded once and the database sees one
    writer from this server."""

    def __init__(self, run: Callable[[Path, _JobProgress], Report]) -> None:
        self._run = run
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsprism-analyze")

    def submit(self, folder: Path, files: list[str]) -> Job:
        job = Job(id=uuid.uuid4().hex[:12], files=files)
        with self._lock:
            self._jobs[job.id] = job
        self._pool.submit(self._work, job, folder)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _work(self, job: Job, folder: Path) -> None:
        job.state = "running"
        try:
            report = self._run(folder, _JobProgress(job))
            job.stories = [s.id for s in report.stories]
            job.inputs = {k: v for k, v in report.counts().items() if k in ("ok", "duplicate", "skipped", "failed")}
            job.state = "done"
        except NewsprismError as exc:
            job.error, job.state = str(exc), "failed"
        except Exception as exc:  # noqa: BLE001 - the page must hear of any failure, not wait forever
            job.error, job.state = f"analysis failed: {exc!r}", "failed"
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
