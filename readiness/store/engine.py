"""The database connection: SQLite or PostgreSQL, short transactions, migrations, and outages named.

Every dialect difference lives here: SQLite's WAL mode, busy timeout and ``BEGIN IMMEDIATE``
for writers, PostgreSQL's pool, advisory lock and catalog look-ups, and the upsert statement.
Driver errors that mean the database cannot be reached or written (a server that is down, a
full disk, a read-only or corrupt file, a pool that timed out) are raised as
:class:`~readiness.store.errors.StoreUnavailable`; every other error (a bug, a constraint) goes
through unchanged.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Connection, Engine, make_url

from .. import settings
from .errors import SchemaError, StoreError, StoreUnavailable
from .inflight import WRITES
from .schema import SCHEMA_REVISION

log = logging.getLogger("readiness.store")

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
BUSY_TIMEOUT_SECONDS = 30
_ADVISORY_LOCK_KEY = 0x5EAD1_2E55  # the schema-migration lock on PostgreSQL

_sqlite_write_locks: dict[str, threading.Lock] = {}
_sqlite_write_locks_lock = threading.Lock()
_migrate_lock = threading.Lock()

#: SQLite errors that are outages, not bugs (by the start of sqlite3's message).
_SQLITE_OUTAGES = ("disk i/o error", "database or disk is full", "readonly database", "unable to open database",
                   "database is locked", "database disk image is malformed", "file is not a database")


def resolve_url(url: str | None = None) -> str:
    """The database URL: ``url``, else the ``DATABASE_URL`` setting (default: the SQLite file ``data/readiness.db``)."""
    return settings.database_url(url) if url else settings.get().database_url


def is_outage(exc: BaseException) -> bool:
    """Whether a SQLAlchemy/driver error means the database is unreachable or cannot be written.

    SQLite reports outages and mistakes with the same exception class, so its messages decide
    ("no such table" or "already exists" are not outages); PostgreSQL's driver reports lost or
    refused connections, shutdowns and a full disk as operational errors.
    """
    orig = getattr(exc, "orig", None) or exc
    if isinstance(orig, sqlite3.Error):
        message = str(orig).lower()
        return any(m in message for m in _SQLITE_OUTAGES)
    if isinstance(exc, (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError,
                        sa_exc.DisconnectionError)):
        return True
    return isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated


@contextmanager
def outages_named(what: str) -> Iterator[None]:
    """Turn driver errors that are outages into :class:`StoreUnavailable` (no token, no SQL in the message)."""
    try:
        yield
    except (sa_exc.SQLAlchemyError, sqlite3.Error) as exc:
        if not is_outage(exc):
            raise
        detail = str(getattr(exc, "orig", None) or exc.__class__.__name__).splitlines()[0][:200]
        raise StoreUnavailable(f"the database is unavailable ({what}: {detail})") from exc


def _ensure_wal(cursor: Any) -> None:
    """Put the database in WAL mode. WAL is stored in the file, so this only changes anything once;
    that one change needs an exclusive lock, and SQLite does not wait for it through the busy
    timeout, so several processes starting at once retry briefly instead of failing."""
    for attempt in range(100):
        if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
            return
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError:
            if attempt == 99:
                raise
            time.sleep(0.05)


class Database:
    """One SQLAlchemy engine with short read and write transactions, and the schema kept current."""

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        parsed = make_url(self.url)
        self.dialect = parsed.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise ValueError(f"DATABASE_URL: only sqlite and postgresql are supported, got {self.dialect!r}")
        self.migrated = False  # True when this instance brought the schema up to date
        self._write_lock: threading.Lock | None = None
        if self.dialect == "sqlite":
            self.engine = self._sqlite_engine(parsed)
        else:
            self.engine = sa.create_engine(self.url, pool_size=10, max_overflow=20, pool_pre_ping=True,
                                           pool_recycle=1800, hide_parameters=True)
        self._ensure_schema()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({make_url(self.url).render_as_string(hide_password=True)!r})"

    def dispose(self) -> None:
        """Close every pooled connection (tests; the app keeps its store for the process' life)."""
        self.engine.dispose()

    # -- engine and transactions ------------------------------------------------------------

    def _sqlite_engine(self, parsed: sa.URL) -> Engine:
        if sqlite3.sqlite_version_info < (3, 35):
            raise StoreError(f"SQLite {sqlite3.sqlite_version} is too old: the store needs 3.35 or newer "
                             "(for UPDATE ... RETURNING); use a newer Python or PostgreSQL")
        database = parsed.database or ""
        memory = database in ("", ":memory:") or "mode=memory" in self.url
        kwargs: dict[str, Any] = {"hide_parameters": True,
                                  "connect_args": {"check_same_thread": False, "timeout": BUSY_TIMEOUT_SECONDS}}
        if memory:
            kwargs["poolclass"] = sa.StaticPool  # one shared in-memory database (single-threaded use)
            lock_key = f"memory:{id(self)}"
        else:
            if not database.startswith("file:"):
                path = Path(database).expanduser().resolve()
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise StoreUnavailable(f"the database is unavailable (cannot create its folder: "
                                           f"{exc.strerror})") from exc
                lock_key = str(path)
            else:
                lock_key = database
            kwargs.update(pool_size=8, max_overflow=16, pool_timeout=60)
        engine = sa.create_engine(self.url, **kwargs)
        # One writer at a time in this process: SQLite allows only one anyway, and waiting on a
        # lock here beats the busy handler's sleep-and-retry when many threads write at once.
        with _sqlite_write_locks_lock:
            self._write_lock = _sqlite_write_locks.setdefault(lock_key, threading.Lock())

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
            cursor = dbapi_connection.cursor()
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
            cursor.execute("PRAGMA foreign_keys = ON")
            _ensure_wal(cursor)
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            # A write transaction takes the write lock at once: in WAL mode a transaction that
            # reads first and writes later can fail with "database is locked" whatever the timeout.
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("readiness_write") else "BEGIN")

        return engine

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A short write transaction (``BEGIN IMMEDIATE`` on SQLite), counted in :data:`WRITES`."""
        with WRITES.running(), outages_named("writing"), self._write_lock or nullcontext(), \
                self.engine.connect() as conn:
            conn.execution_options(readiness_write=True)
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self, consistent: bool = False) -> Iterator[Connection]:
        """A read transaction; ``consistent`` gives several statements one snapshot on PostgreSQL."""
        with outages_named("reading"), self.engine.connect() as conn:
            if consistent and self.dialect == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    def ping(self) -> None:
        """One trivial query; :class:`StoreUnavailable` when the database does not answer it."""
        with self._read() as conn:
            conn.exec_driver_sql("SELECT 1")

    def _insert(self, table: sa.Table) -> Any:
        return (pg_dialect.insert if self.dialect == "postgresql" else sqlite_dialect.insert)(table)

    def _write_answer_rows(self, conn: Connection, table: sa.Table, owner: str, owner_id: int,
                           upserts: list[dict[str, Any]], deletes: list[str]) -> None:
        """Delete and upsert one owner's answer rows (an assessment's or a participant's)."""
        if deletes:
            conn.execute(table.delete().where(table.c[owner] == owner_id, table.c.question_id.in_(deletes)))
        if not upserts:
            return
        for row in upserts:
            row[owner] = owner_id
        stmt = self._insert(table)
        stmt = stmt.on_conflict_do_update(index_elements=[owner, "question_id"],
                                          set_={"value": stmt.excluded.value, "updated_at": stmt.excluded.updated_at})
        conn.execute(stmt, upserts)

    # -- schema -----------------------------------------------------------------------------

    def _revision(self, conn: Connection) -> str | None:
        """The stored schema revision, by a plain query (None for an empty database)."""
        if self.dialect == "postgresql":
            # A plain catalog query (not to_regclass, whose cached lookup can miss a table another
            # process created while we waited for the migration lock).
            exists = conn.exec_driver_sql("SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
                                          "AND tablename = 'alembic_version'").scalar()
        else:
            exists = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").scalar()
        if not exists:
            return None
        rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
        return rows[0] if len(rows) == 1 else ",".join(sorted(rows)) or None

    def schema_revision(self) -> str | None:
        with self._read() as conn:
            return self._revision(conn)

    def _ensure_schema(self) -> None:
        if self.schema_revision() == SCHEMA_REVISION:
            return
        for attempt in range(3):
            try:
                self._migrate()
                return
            except sa_exc.DBAPIError as exc:  # another process created the tables between our check and lock
                if "already exists" not in str(exc.orig) or attempt == 2:
                    raise
                log.info("schema: lost a race with another process creating the tables; checking again")
                if self.schema_revision() == SCHEMA_REVISION:
                    return

    def _migrate(self) -> None:
        """Bring the schema to head under a lock, so that concurrent first starts take turns."""
        with _migrate_lock, self._write() as conn:
            if self.dialect == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK_KEY})
            before = self._revision(conn)
            if before == SCHEMA_REVISION:
                return  # another process finished first
            from alembic import command  # lazily: Alembic is only needed when the schema changes
            from alembic.config import Config
            from alembic.util import CommandError

            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
            config.attributes["connection"] = conn
            try:
                command.upgrade(config, "head")
            except CommandError as exc:
                raise SchemaError(f"database schema is at revision {before!r}, which this version of the app "
                                  f"cannot upgrade to {SCHEMA_REVISION!r}: {exc}") from None
            after = self._revision(conn)
            if after != SCHEMA_REVISION:
                raise SchemaError(f"migrations ended at revision {after!r}, expected {SCHEMA_REVISION!r}")
            log.info("schema: migrated from %s to %s", before or "an empty database", after)
        self.migrated = True
