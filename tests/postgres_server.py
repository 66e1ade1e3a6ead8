"""A throwaway PostgreSQL server for the storage tests.

`NEWSPRISM_TEST_POSTGRES` (a postgresql:// URL of a server the tests may create
databases on) wins. Otherwise the server binaries that `make test` installs (Debian's
`postgresql` package, under /usr/lib/postgresql/N/bin) start a server in a temporary
data directory on a free loopback port, and it is stopped and deleted afterwards.
PostgreSQL refuses to run as root, so under root the server runs as the `postgres`
user the Debian package creates.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV_URL = "NEWSPRISM_TEST_POSTGRES"
SERVER_USER = "postgres"


class Unavailable(Exception):
    """No server can be reached or started here; the message says why."""


def _binaries() -> Path:
    for pattern in ("/usr/lib/postgresql/*/bin/pg_ctl",):
        found = sorted(glob.glob(pattern))
        if found:
            return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).resolve().parent
    raise Unavailable("no PostgreSQL server binaries (pg_ctl, initdb); `make test` installs Debian's postgresql package")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError as exc:
        raise Unavailable(f"running as root and there is no '{SERVER_USER}' user to run the server as") from exc
    return ["runuser", "-u", SERVER_USER, "--", *command]


@contextmanager
def server() -> Iterator[str]:
    """The URL of a server to create test databases on, for as long as the block runs."""
    url = os.environ.get(ENV_URL)
    if url:
        yield url
        return
    bin_dir = _binaries()
    # Under /tmp itself: the server user must be able to reach it (pytest's own
    # temporary folders are private to the user running the tests).
    data = Path(tempfile.mkdtemp(prefix="newsprism-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data, SERVER_USER)
    port = _free_port()
    try:
        subprocess.run(
            _as_server_user([str(bin_dir / "initdb"), "-D", str(data / "db"), "-U", "newsprism", "--auth=trust", "-E", "UTF8", "--no-sync"]),
            check=True, capture_output=True,
        )
        options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        subprocess.run(
            _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data / "db"), "-o", options, "-l", str(data / "log"), "-w", "start"]),
            check=True, capture_output=True,
        )
    except subprocess.CalledProcessError as exc:
        log = (data / "log").read_text(errors="replace") if (data / "log").exists() else ""
        shutil.rmtree(data, ignore_errors=True)
        raise Unavailable(f"could not start PostgreSQL: {exc.stderr.decode(errors='replace')}{log}") from exc
    try:
        yield f"postgresql://newsprism@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data / "db"), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


@contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """A new empty database on the server, dropped afterwards."""
    import psycopg

    name = "newsprism_test_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    base = server_url.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
