"""A throwaway PostgreSQL server for the tests: one cluster per test process, one database per test.

Use the ``pg_cluster`` fixture (import it into a test module: ``from tests.pg import pg_cluster``)
and ask it for a fresh database with :meth:`Cluster.new_database`. The cluster lives in a
``mkdtemp`` folder owned by ``postgres`` (pytest's own temporary folders are not reachable by that
user, and the server refuses to run as root), listens on 127.0.0.1 on a free port with its
socket in that folder, and runs with ``fsync=off``: it is thrown away after the session.

Without a PostgreSQL server installed the tests that need it skip loudly, and fail when
``READINESS_REQUIRE_SERVICES=1`` (as in CI): see ``tests.conftest.skip_or_fail``.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import uuid
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail

START_TIMEOUT = 60


def _binaries() -> Path | None:
    """The newest installed server's bin folder (Debian: /usr/lib/postgresql/<version>/bin)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name)
                   if Path(p).parent.parent.name.isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """A running throwaway cluster; :meth:`url` gives SQLAlchemy URLs for its databases."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.as_root = os.geteuid() == 0
        self.folder = Path(tempfile.mkdtemp(prefix="readiness-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.running = False
        self._lock = threading.Lock()

    def _run(self, *args: str, timeout: float = START_TIMEOUT) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.folder)

    def start(self) -> None:
        if self.as_root:
            shutil.chown(self.folder, "postgres", "postgres")
        init = self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                         "--locale=C", "--no-sync")
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed: {init.stderr.strip() or init.stdout.strip()}")
        self._start_server()

    def _start_server(self) -> None:
        options = (f"-k {self.folder} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300")
        # -l: the server must not inherit our pipes, or subprocess.run would wait for it forever
        start = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-o", options,
                          "-w", "-t", str(START_TIMEOUT), "start")
        if start.returncode != 0:
            log = (self.folder / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"pg_ctl start failed: {start.stderr.strip()} {log}")
        self.running = True

    def pause(self) -> None:
        """Stop the server, keeping its data: an outage. :meth:`resume` starts it again on the same port."""
        with self._lock:
            if self.running:
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", timeout=30)
                self.running = False

    def resume(self) -> None:
        with self._lock:
            if not self.running:
                self._start_server()

    def stop(self) -> None:
        with self._lock:
            if self.running:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", timeout=30)
                self.running = False
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self) -> str:
        """A fresh, empty database; its SQLAlchemy URL."""
        name = "t_" + uuid.uuid4().hex[:12]
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_cluster: Cluster | None = None
_cluster_error: str | None = None
_cluster_lock = threading.Lock()


def cluster() -> Cluster:
    """The process's cluster, started on first use (skips, or fails in CI, when there is none)."""
    global _cluster, _cluster_error
    with _cluster_lock:
        if _cluster is None and _cluster_error is None:
            bin_dir = _binaries()
            if bin_dir is None:
                _cluster_error = ("PostgreSQL server not installed (no /usr/lib/postgresql/*/bin/initdb); "
                                  "run scripts/system-deps.sh")
            elif os.geteuid() == 0 and shutil.which("runuser") is None:
                _cluster_error = "running as root but runuser is missing (the server refuses to run as root)"
            else:
                candidate = Cluster(bin_dir)
                atexit.register(candidate.stop)  # in case the session ends without its finalizer
                try:
                    candidate.start()
                    _cluster = candidate
                except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
                    candidate.stop()
                    _cluster_error = f"could not start a throwaway PostgreSQL server: {exc}"
    if _cluster is None:
        skip_or_fail(_cluster_error or "PostgreSQL unavailable")
    assert _cluster is not None
    return _cluster


@pytest.fixture(scope="session")
def pg_cluster():
    """A running throwaway PostgreSQL cluster for the session; stopped and removed afterwards."""
    running = cluster()
    yield running
    running.stop()
