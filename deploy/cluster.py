"""``make cluster``: PostgreSQL, several Streamlit replicas and HAProxy in front, on this machine.

Everything listens on loopback. The balancer is the production example in ``deploy/haproxy.cfg``
with its ``server`` lines and ports replaced; the replicas share one PostgreSQL database, one
cookie secret and one public address, as replicas on several machines would. Ctrl-C stops the
balancer first, then the replicas (SIGTERM, so they finish what they are doing), then PostgreSQL.

    python -m deploy.cluster [--replicas 2] [--port 8500] [--database-url URL]

Without ``--database-url`` a PostgreSQL server is started with its data in ``data/cluster/``,
kept between runs. The tests use :class:`LocalCluster` with a database of their own.
"""

from __future__ import annotations

import argparse
import glob
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "haproxy.cfg"
START_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def haproxy_config(template: str, port: int, replica_ports: list[int]) -> str:
    """The production example with its own ``bind`` port and one ``server`` line per replica."""
    lines: list[str] = []
    for line in template.splitlines():
        stripped = line.strip()
        if stripped.startswith("server app"):
            continue
        if stripped.startswith("bind 127.0.0.1:"):
            line = line.replace(stripped, f"bind 127.0.0.1:{port}")
        lines.append(line)
        if stripped.startswith("default-server"):
            lines.extend(f"    server app{n} 127.0.0.1:{p} check cookie app{n}" for n, p in enumerate(replica_ports, 1))
    return "\n".join(lines) + "\n"


def wait_healthy(url: str, proc: subprocess.Popen | None = None, timeout: float = START_TIMEOUT,
                 what: str = "server") -> None:
    """Wait until ``url`` answers ``ok`` (Streamlit's liveness route)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"{what} did not become healthy at {url} within {timeout:.0f} s")


def stop_process(proc: subprocess.Popen | None, kill: bool = False, timeout: float = 20) -> None:
    if proc is None or proc.poll() is not None:
        return
    if kill:
        proc.kill()
    else:
        proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


class LocalPostgres:
    """A PostgreSQL server with its data in ``folder`` (created on first use, kept afterwards)."""

    def __init__(self, folder: Path, port: int) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            raise RuntimeError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): "
                               "run scripts/system-deps.sh as root")
        self.bin_dir = Path(found[-1]).parent
        self.folder = folder
        self.data = folder / "postgres"
        self.port = port
        self.as_root = os.geteuid() == 0

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_root:  # the server refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=START_TIMEOUT, cwd=self.folder)

    def start(self) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.as_root:
            shutil.chown(self.folder, "postgres", "postgres")
        if not (self.data / "PG_VERSION").exists():
            init = self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                             "--locale=C")
            if init.returncode != 0:
                raise RuntimeError(f"initdb failed: {init.stderr.strip() or init.stdout.strip()}")
        options = f"-k {self.folder} -p {self.port} -c listen_addresses=127.0.0.1 -c max_connections=300"
        started = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "postgres.log"), "-o", options,
                            "-w", "-t", str(int(START_TIMEOUT)), "start")
        if started.returncode != 0:
            raise RuntimeError(f"PostgreSQL did not start: {started.stderr.strip()}; see {self.folder / 'postgres.log'}")
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = 'readiness'").fetchone() is None:
                conn.execute('CREATE DATABASE "readiness"')
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/readiness"

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


class Replica:
    """One server on a loopback port, started as in production: ``python -m readiness.serve``
    (``streamlit run asgi.py`` with uvicorn told to believe only the balancer's X-Forwarded-For)."""

    def __init__(self, name: str, port: int, env: dict[str, str], log: Path) -> None:
        self.name, self.port, self.env, self.log = name, port, env, log
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def launch(self) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "readiness.serve", "--server.port", str(self.port),
                 "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
                 "--server.fileWatcherType", "none"],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait(self) -> None:
        wait_healthy(f"{self.url}/_stcore/health", self.proc, what=f"replica {self.name} (log: {self.log})")

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, kill: bool = False) -> None:
        stop_process(self.proc, kill=kill)


class LocalCluster:
    """HAProxy on ``port`` in front of ``replicas`` Streamlit processes on one database."""

    def __init__(self, database_url: str, replicas: int = 2, port: int = 0, folder: Path | None = None,
                 env: dict[str, str] | None = None) -> None:
        self.folder = folder or ROOT / "data" / "cluster"
        self.port = port or free_port()
        self.database_url = database_url
        base = {k: v for k, v in os.environ.items() if not k.startswith(("READINESS_", "DATABASE_URL"))}
        base.update({
            "DATABASE_URL": database_url,
            # the balancer is on loopback: believe its X-Forwarded-For, and nobody else's
            "READINESS_TRUSTED_PROXIES": "127.0.0.1",
            "READINESS_PUBLIC_URL": os.environ.get("READINESS_PUBLIC_URL", f"http://127.0.0.1:{self.port}"),
            "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_urlsafe(32),
            **(env or {}),
        })
        self.replicas = [Replica(f"app{n}", free_port(), dict(base), self.folder / "logs" / f"app{n}.log")
                         for n in range(1, replicas + 1)]
        self.haproxy: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        if shutil.which("haproxy") is None:
            raise RuntimeError("HAProxy is not installed: run scripts/system-deps.sh as root (Debian's haproxy)")
        if port_in_use(self.port):
            raise RuntimeError(f"port {self.port} is in use: choose another with --port")
        for replica in self.replicas:  # all at once: the first start on an empty database migrates under a lock
            replica.launch()
        for replica in self.replicas:
            replica.wait()
        config = self.folder / "haproxy.cfg"
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(haproxy_config(TEMPLATE.read_text(encoding="utf-8"), self.port,
                                         [r.port for r in self.replicas]), encoding="utf-8")
        with (self.folder / "logs" / "haproxy.log").open("ab") as log:
            self.haproxy = subprocess.Popen(["haproxy", "-db", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        wait_healthy(f"{self.url}/_stcore/health", self.haproxy, timeout=30, what="HAProxy")

    def replica_for(self, cookie_value: str) -> Replica:
        return next(r for r in self.replicas if r.name == cookie_value)

    def stop(self) -> None:
        stop_process(self.haproxy)
        threads = [threading.Thread(target=r.stop) for r in self.replicas]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make cluster", description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2, help="Streamlit replicas (default 2)")
    parser.add_argument("--port", type=int, default=8500, help="the balancer's port (default 8500)")
    parser.add_argument("--database-url", help="an existing PostgreSQL database (default: a local server in data/cluster/)")
    args = parser.parse_args(argv)
    if not 1 <= args.replicas <= 16:
        parser.error("--replicas: choose 1 to 16")
    folder = ROOT / "data" / "cluster"
    postgres = None if args.database_url else LocalPostgres(folder, free_port())
    cluster: LocalCluster | None = None
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        url = args.database_url or postgres.start()  # type: ignore[union-attr]
        cluster = LocalCluster(url, args.replicas, args.port, folder)
        cluster.start()
        print(f"cluster: {args.replicas} replicas on PostgreSQL behind HAProxy at {cluster.url}  (Ctrl-C stops it)")
        for replica in cluster.replicas:
            print(f"  {replica.name}: {replica.url}  log: {replica.log.relative_to(ROOT)}")
        reported: set[str] = set()
        while not stop.wait(1.0):
            for replica in cluster.replicas:
                if not replica.alive() and replica.name not in reported:
                    reported.add(replica.name)
                    print(f"cluster: replica {replica.name} stopped (exit {replica.proc.returncode}); "  # type: ignore[union-attr]
                          "HAProxy sends its browsers to the others", flush=True)
    except KeyboardInterrupt:
        pass
    except RuntimeError as exc:
        print(f"cluster: {exc}", file=sys.stderr)
        return 1
    finally:
        print("cluster: stopping", flush=True)
        if cluster is not None:
            cluster.stop()
        if postgres is not None:
            postgres.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
