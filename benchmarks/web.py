"""Latency of `newsprism serve` under a bounded load, beside the same pages served as
static files by the same server in the same run.

    .venv/bin/python benchmarks/web.py --db newsprism.db [--clients 20] [--seconds 20]

The server (uvicorn, one process) runs in a child process on a loopback port; the load
comes from another child process: `--clients` concurrent clients, each asking for its
next page as soon as the last one arrived, for `--seconds` per page kind. Pages: the
story list, the page of the story with the most articles, and the static copies of both
(rendered once, served by the same app through Starlette's StaticFiles). Prints p50 and
p95 latency in milliseconds and requests per second.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from table import format_figure, format_table  # noqa: E402


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(db: str, static: str, port: int) -> None:
    import uvicorn
    from starlette.staticfiles import StaticFiles

    from newsprism.web import create_app

    app = create_app(db)
    app.mount("/static-pages", StaticFiles(directory=static), name="static-pages")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def _load(url: str, clients: int, seconds: float, out: multiprocessing.Queue) -> None:
    import httpx

    async def client(http: httpx.AsyncClient, stop: float, latencies: list[float], errors: list[int]) -> None:
        while time.perf_counter() < stop:
            began = time.perf_counter()
            answer = await http.get(url)
            latencies.append(time.perf_counter() - began)
            if answer.status_code != 200:
                errors.append(answer.status_code)

    async def run() -> tuple[list[float], list[int], float]:
        latencies: list[float] = []
        errors: list[int] = []
        limits = httpx.Limits(max_connections=clients)
        async with httpx.AsyncClient(limits=limits, timeout=60) as http:
            began = time.perf_counter()
            stop = began + seconds
            await asyncio.gather(*(client(http, stop, latencies, errors) for _ in range(clients)))
            return latencies, errors, time.perf_counter() - began

    out.put(asyncio.run(run()))


def _wait_until_up(base: str) -> None:
    import httpx

    for _ in range(600):
        try:
            if httpx.get(base + "/api/stories", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="a newsprism database (SQLite path or postgresql:// URL)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()

    import httpx

    context = multiprocessing.get_context("spawn")
    static = Path(tempfile.mkdtemp(prefix="newsprism-web-bench-"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = context.Process(target=_serve, args=(args.db, str(static), port), daemon=True)
    server.start()
    try:
        _wait_until_up(base)
        stories = httpx.get(base + "/api/stories", timeout=60).json()
        if not stories:
            raise SystemExit("the database holds no story")
        biggest = max(stories, key=lambda s: s["articles"])
        pages = {"story list": "/", f"story page ({biggest['articles']} articles)": f"/stories/{biggest['id']}"}
        for n, path in enumerate(pages.values()):
            (static / f"page{n}.html").write_text(httpx.get(base + path, timeout=60).text, encoding="utf-8")
        targets = [(name, "dynamic", path) for name, path in pages.items()]
        targets += [(name, "static file", f"/static-pages/page{n}.html") for n, name in enumerate(pages)]
        rows = []
        for name, kind, path in targets:
            queue: multiprocessing.Queue = context.Queue()
            load = context.Process(target=_load, args=(base + path, args.clients, args.seconds, queue))
            load.start()
            latencies, errors, elapsed = queue.get()
            load.join()
            cut = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
            rows.append((
                name, kind, format_figure(cut[49] * 1000, rate=True), format_figure(cut[94] * 1000, rate=True),
                format_figure(len(latencies) / elapsed, rate=True), format_figure(len(errors)),
            ))
    finally:
        server.terminate()
        server.join(10)
    print(f"{len(stories)} stories in {args.db}; {args.clients} concurrent clients for {args.seconds:.0f} s per row")
    print(format_table(("page", "served as", "p50 ms", "p95 ms", "requests/s", "errors"), rows))


if __name__ == "__main__":
    main()
