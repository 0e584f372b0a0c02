"""A replica asked to stop (SIGTERM) lets a running save commit, and its readiness route reports the database.

The server is started as in production (``python -m readiness.serve``, which runs asgi.py) on a
real PostgreSQL. To catch a save in flight the test holds the workshop's row lock, which every
participant write takes: the tap's save waits on it, the server gets SIGTERM, then the lock is
let go, and the answer must be in the database after the process has exited.
"""

from __future__ import annotations

import asyncio
import json
import signal
import time
import urllib.error
import urllib.request

import sqlalchemy as sa

from bench.wire import Server, Session, free_port, run_async
from readiness import serve
from readiness.store import Store
from tests.pg import pg_cluster  # noqa: F401 - a fixture

PREFIX = "w.ws."


class Replica(Server):
    """``python -m readiness.serve`` (asgi.py) on a free loopback port."""

    def command(self) -> list[str]:
        return serve.command(["--server.port", str(self.port), "--server.headless", "true",
                              "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
                              "--server.address", "127.0.0.1"])


def _get(port: int, path: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=15) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_sigterm_lets_a_running_save_commit(pg_cluster, tmp_path):  # noqa: F811
    url = pg_cluster.new_database()
    store = Store(url)
    workshop, _host = store.create_workshop("Fjordhavn Rådgivning A/S", "Kick-off", "da", anonymous=True)
    token = store.join_workshop(workshop.code)
    replica = Replica("asgi.py", env={"DATABASE_URL": url, "READINESS_PUBLIC_URL": ""}, log=tmp_path / "server.log")
    replica.start()
    holder = sa.create_engine(url)
    try:
        assert _get(replica.port, "/_readiness") == (200, {"database": "ok"})

        async def tap_while_locked() -> str:
            session = Session(replica.ws_url, "join", f"p={token}")
            await session.open()
            radio = sorted(session.find("radio", PREFIX), key=lambda w: w.user_key)[0]
            with holder.connect() as conn, conn.begin():
                conn.execute(sa.text("SELECT id FROM workshops WHERE id = :id FOR UPDATE"), {"id": workshop.id})
                tap = asyncio.create_task(session.rerun([Session.choose(radio, 2)]))
                deadline = time.monotonic() + 15
                while not conn.execute(sa.text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                               "AND pid <> pg_backend_pid()")).scalar():
                    assert time.monotonic() < deadline, "the save never reached the database"
                    await asyncio.sleep(0.05)
                replica.proc.send_signal(signal.SIGTERM)
                await asyncio.sleep(1.5)
                assert replica.proc.poll() is None, "the server exited with a save still running"
            tap.cancel()  # the lock is let go here; the stopping server has closed the client's connection
            await session.close()
            return radio.user_key[len(PREFIX):].split(".", 1)[1]

        question_id = run_async(tap_while_locked())
        replica.proc.wait(40)
        assert question_id in store.participant(token).answers, (tmp_path / "server.log").read_text()[-2000:]
    finally:
        holder.dispose()
        replica.stop()
        store.dispose()


def test_the_readiness_route_reports_an_unreachable_database(tmp_path):
    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/nowhere"  # nothing listens there
    with Replica("asgi.py", env={"DATABASE_URL": url, "READINESS_PUBLIC_URL": ""}, log=tmp_path / "server.log") as replica:
        assert _get(replica.port, "/_readiness") == (503, {"database": "unavailable"})
        with urllib.request.urlopen(f"http://127.0.0.1:{replica.port}/_stcore/health", timeout=10) as response:
            assert response.status == 200  # liveness stays up: the balancer keeps the replica


def test_the_readiness_route_answers_ok_and_is_not_cached(tmp_path):
    url = f"sqlite:///{tmp_path}/r.db"
    replica = Replica("asgi.py", env={"DATABASE_URL": url, "READINESS_PUBLIC_URL": ""}, log=tmp_path / "server.log")
    with replica, urllib.request.urlopen(f"http://127.0.0.1:{replica.port}/_readiness", timeout=15) as response:
        assert response.headers["Cache-Control"] == "no-store"
        assert json.loads(response.read()) == {"database": "ok"}
