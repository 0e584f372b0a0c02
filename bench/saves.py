"""Saves: the latency of one autosave, with 1 and with 50 concurrent writers, on SQLite and PostgreSQL.

An autosave is ``Store.save_answer(token, question_id, value)``, what ``ui.persist`` calls for
every answer: one short transaction that bumps the assessment's ``updated_at`` and upserts one
answer row. Writers are threads of this one process (as Streamlit's sessions are), each with
its own assessment, started together at a barrier. The baseline runs the same two statements
through the plain driver (``sqlite3`` / ``psycopg``) with one connection per thread and nothing
else; on SQLite it takes a process-wide lock around each write, as the store does. Store and
baseline rounds alternate.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from .common import Result, Stats, ms, percentile, profile_text, prose, quick_or, ratio

KEY = "saves"
WRITERS = (1, 50)
QUESTION = "ownership.sponsor"
VALUES = ("none", "started", "partly", "largely", "fully")


@contextlib.contextmanager
def postgres_cluster() -> Iterator[tuple[str | None, str]]:
    """A throwaway PostgreSQL server (tests/pg.py's cluster): its URL, or None and why not."""
    import os

    try:
        from tests.pg import Cluster, _binaries
    except ImportError as exc:  # pragma: no cover
        yield None, f"tests/pg.py could not be imported ({exc})"
        return
    bin_dir = _binaries()
    if bin_dir is None:
        yield None, "PostgreSQL is not installed (scripts/system-deps.sh installs it)"
        return
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        yield None, "running as root without runuser"
        return
    cluster = Cluster(bin_dir)
    try:
        cluster.start()
    except Exception as exc:
        cluster.stop()
        yield None, f"could not start a throwaway PostgreSQL server: {exc}"
        return
    try:
        yield cluster.new_database(), ""
    finally:
        cluster.stop()


# -- the two writers ------------------------------------------------------------------------


def store_writer(store: Any) -> Callable[[str, int], None]:
    def save(token: str, i: int) -> None:
        store.save_answer(token, QUESTION, VALUES[i % len(VALUES)])

    return save


def raw_writer(store: Any) -> tuple[Callable[[str, int], None], Callable[[], None]]:
    """The same statements through the plain driver, one connection per thread."""
    import hashlib
    import json

    local = threading.local()
    connections: list[Any] = []
    lock = threading.Lock() if store.dialect == "sqlite" else contextlib.nullcontext()
    if store.dialect == "sqlite":
        import sqlite3

        path = store.engine.url.database

        def connect() -> Any:
            connection = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA busy_timeout = 30000")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            return connection

        begin, mark = "BEGIN IMMEDIATE", "?"
    else:
        import psycopg

        url = store.engine.url

        def connect() -> Any:
            return psycopg.connect(host=url.host, port=url.port, user=url.username, dbname=url.database,
                                   autocommit=True)

        begin, mark = "BEGIN", "%s"
    touch = f"UPDATE assessments SET updated_at = {mark} WHERE token_hash = {mark} RETURNING id"
    upsert = (f"INSERT INTO answers (assessment_id, question_id, value, updated_at) VALUES ({mark}, {mark}, {mark}, {mark}) "
              "ON CONFLICT (assessment_id, question_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")

    def save(token: str, i: int) -> None:
        connection = getattr(local, "connection", None)
        if connection is None:
            connection = local.connection = connect()
            connections.append(connection)
        now = dt.datetime.now(dt.UTC)
        token_hash = hashlib.sha256(token.encode("ascii")).hexdigest()
        value = json.dumps(VALUES[i % len(VALUES)])
        with lock:
            cursor = connection.cursor()
            cursor.execute(begin)
            assessment_id = cursor.execute(touch, (now, token_hash)).fetchone()[0]
            cursor.execute(upsert, (assessment_id, QUESTION, value, now))
            cursor.execute("COMMIT")

    def close() -> None:
        for connection in connections:
            connection.close()

    return save, close


def round_of(save: Callable[[str, int], None], tokens: list[str], per_writer: int) -> list[float]:
    """Every token's writer saves ``per_writer`` times, all starting together; each save's latency."""
    barrier = threading.Barrier(len(tokens))
    latencies: list[list[float]] = [[] for _ in tokens]
    errors: list[BaseException] = []

    def work(index: int, token: str) -> None:
        try:
            barrier.wait(timeout=60)
            for i in range(per_writer):
                start = time.perf_counter()
                save(token, i + index)
                latencies[index].append(time.perf_counter() - start)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i, token), daemon=True) for i, token in enumerate(tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    if errors:
        raise errors[0]
    if any(thread.is_alive() for thread in threads):
        raise RuntimeError("a writer did not finish in 300 s")
    return [x for chunk in latencies for x in chunk]


def measure(url: str, writers: int, per_writer: int, rounds: int) -> dict[str, list[float]]:
    from readiness.store import Store

    store = Store(url)
    tokens = [store.create_assessment("da") for _ in range(writers)]
    raw, close = raw_writer(store)
    ours = store_writer(store)
    samples: dict[str, list[float]] = {"store": [], "raw": []}
    try:
        round_of(ours, tokens, 2)  # warm the pool and the pages
        round_of(raw, tokens, 2)
        for r in range(rounds):
            order = (("store", ours), ("raw", raw)) if r % 2 == 0 else (("raw", raw), ("store", ours))
            for name, save in order:
                samples[name] += round_of(save, tokens, per_writer)
    finally:
        close()
        store.dispose()
    return samples


def profile_saves(url: str, count: int = 500) -> str:
    from pyinstrument import Profiler

    from readiness.store import Store

    store = Store(url)
    token = store.create_assessment("da")
    save = store_writer(store)
    for i in range(20):
        save(token, i)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for i in range(count):
        save(token, i)
    profiler.stop()
    store.dispose()
    return profile_text(profiler, max_lines=24, min_share=0.04)


def run(quick: bool = False) -> Result:
    """On SQLite and on a throwaway PostgreSQL server (if one can be started)."""
    with postgres_cluster() as (url, problem):
        return run_with(quick, pg_url=url, pg_problem=problem)


def run_with(quick: bool = False, pg_url: str | None = None, pg_problem: str = "") -> Result:
    """On SQLite, and on PostgreSQL at ``pg_url`` if given (else ``pg_problem`` says why not)."""
    started = time.perf_counter()
    folder = tempfile.mkdtemp(prefix="bench-saves-")
    backends = [("SQLite", f"sqlite:///{folder}/saves.db")]
    if pg_url:
        backends.append(("PostgreSQL", pg_url))
    writer_counts = quick_or(quick, (1, 3), WRITERS)
    rows = []
    numbers: dict[str, Any] = {}
    for name, url in backends:
        for writers in writer_counts:
            per_writer = quick_or(quick, 2, 200 if writers == 1 else 10)
            rounds = quick_or(quick, 1, 4)
            samples = measure(url, writers, per_writer, rounds)
            s, b = Stats.of(samples["store"]), Stats.of(samples["raw"])
            r = ratio(s.median, b.median)
            rows.append([name, str(writers), f"{len(samples['store']):,}", ms(s.median), ms(s.p95), ms(b.median),
                         ms(b.p95), f"**{r:.2f}**", f"{ratio(s.p95, b.p95):.2f}"])
            numbers[f"{name}/{writers}"] = {"store": s.to_json(), "raw": b.to_json(), "ratio": r,
                                           "p99": percentile(samples["store"], 99)}
    r = numbers[f"SQLite/{writer_counts[0]}"]["ratio"]
    result = Result(
        key=KEY, title="Saves: one autosave, 1 and 50 concurrent writers, SQLite and PostgreSQL",
        command="python -m bench --only saves",
        what=prose(KEY, "what", alone=quick_or(quick, 2, 200), crowd=quick_or(quick, 2, 10), writers=writer_counts[-1],
                   rounds=quick_or(quick, 1, 4)),
        columns=["database", "writers", "saves", "store p50 ms", "store p95 ms", "baseline p50 ms", "baseline p95 ms",
                 "ratio p50", "ratio p95"],
        rows=rows, budget="none set in the issue (a save is part of the room's click → saved budget, under 1 s)",
        ratio=r, ratio_label="store / plain driver, p50, one writer on SQLite", met=None, numbers=numbers)
    alone = numbers[f"SQLite/{writer_counts[0]}"]
    crowd = numbers[f"SQLite/{writer_counts[-1]}"]
    result.notes.append(prose(KEY, "findings", alone_ms=ms(alone["store"]["median"]), alone_ratio=f"{alone['ratio']:.0f}",
                              writers=writer_counts[-1], crowd_p50=ms(crowd["store"]["median"]),
                              crowd_p95=ms(crowd["store"]["p95"])))
    if not pg_url:
        result.notes.append(f"**PostgreSQL was not measured:** {pg_problem or 'no server'}.")
    if not quick:
        result.profile_title = "pyinstrument, 500 autosaves by one writer on SQLite"
        result.profile = profile_saves(f"sqlite:///{folder}/profile.db")
    shutil.rmtree(folder, ignore_errors=True)
    result.seconds = time.perf_counter() - started
    return result
