"""Persistence: assessments and workshops in SQLite (one machine) or PostgreSQL (several).

The :class:`Store` is SQLAlchemy Core with short transactions. Answers are stored one row per
answer and written with an upsert, so concurrent saves never overwrite each other. The schema is
versioned with Alembic (``readiness/migrations``); a store whose schema is current starts with one
plain query and never imports Alembic.

Access is by capability: whoever holds a token (from :func:`new_token`, 256 bits) may read and
change what it opens. Tokens are stored only as SHA-256 digests and never logged; no method lists
other people's assessments. Validating answers against the question bank is the caller's job:
the store accepts any question id and any JSON value.

Errors the pages turn into friendly messages are :class:`StoreError` subclasses:
:class:`BadToken` (malformed, rejected before any query), :class:`UnknownToken` (well formed but
unknown or deleted), :class:`UnknownCode`, :class:`UnknownWorkshop` and :class:`WorkshopClosed`.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError

from .answers import Assessment, RoadmapEdits

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "readiness.db"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: The newest migration in ``migrations/versions`` (a test keeps the two in step).
SCHEMA_REVISION = "0001"

RETENTION_DAYS = 180
PURGE_INTERVAL_SECONDS = 3600
BUSY_TIMEOUT_SECONDS = 30

TOKEN_BYTES = 32
TOKEN_LENGTH = 43  # len(secrets.token_urlsafe(32))
_TOKEN_RE = re.compile(rf"[A-Za-z0-9_-]{{{TOKEN_LENGTH}}}")

CODE_ALPHABET = "ACDEFHJKMNPQRTUVWXY3479"
CODE_LENGTH = 6
_CODE_RE = re.compile(f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")
_CODE_IGNORED = re.compile(r"[\s\-\u2010-\u2015\u2212]")
CODE_ATTEMPTS = 20
PRESENTER_KEY_LENGTH = 22
_PRESENTER_KEY_RE = re.compile(rf"[A-Za-z0-9_-]{{{PRESENTER_KEY_LENGTH}}}")

MAX_QUESTION_ID = 200
MAX_VALUE_CHARS = 65_536
MAX_DISPLAY_NAME = 60
MAX_LANGUAGE = 8
MAX_BANK_VERSION = 64
WORKSHOP_STATUSES = ("open", "closed")
_ADVISORY_LOCK_KEY = 0x5EAD1_2E55  # the schema-migration lock on PostgreSQL


# -- errors ---------------------------------------------------------------------------------


class StoreError(Exception):
    """Something the user did or has (a link, a code) the store cannot serve. Never holds a token."""


class BadToken(StoreError):
    """The token is malformed (empty, too long, wrong characters); no query was made."""


class UnknownToken(StoreError):
    """The token is well formed but opens nothing (never existed, deleted or purged)."""


class UnknownCode(UnknownToken):
    """No workshop has this join code (or the code is malformed)."""


class UnknownWorkshop(StoreError):
    """No workshop has this id (it was deleted or purged)."""


class WorkshopClosed(StoreError):
    """The workshop is closed: nobody can join, and answers can no longer change."""


class SchemaError(StoreError):
    """The database schema cannot be brought to this version of the app."""


# -- tokens and codes -----------------------------------------------------------------------


def new_token() -> str:
    """A fresh 256-bit token, URL-safe (43 characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def valid_token(token: object) -> bool:
    """Whether ``token`` has the shape of one of our tokens (checked before any query)."""
    return isinstance(token, str) and len(token) == TOKEN_LENGTH and _TOKEN_RE.fullmatch(token) is not None


def hash_token(token: object) -> str:
    """The SHA-256 hex digest stored in place of a token; :class:`BadToken` when malformed."""
    if not valid_token(token):
        raise BadToken("this link is not valid (it may have been copied incompletely)")
    assert isinstance(token, str)
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def new_code() -> str:
    """A random join code: 6 characters without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """A join code as typed (any case, spaces or dashes) in its stored form: ``" ab-c d3 4"`` → ``ABCD34``."""
    return _CODE_IGNORED.sub("", str(code)).upper()


def valid_code(code: str) -> bool:
    return _CODE_RE.fullmatch(normalise_code(code)) is not None


def _presenter_key_from_hash(host_token_hash: str) -> str:
    digest = hmac.new(bytes.fromhex(host_token_hash), b"readiness: presenter view", hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:PRESENTER_KEY_LENGTH]


def presenter_key(host_token: str) -> str:
    """The key of a workshop's presenter view (for the projector's address), from the host's token.

    It is derived one way from the token's stored digest: it opens the presenter view (the code,
    the QR and the live aggregates) and nothing else, and the host token cannot be read from it.
    :class:`BadToken` when the host token is malformed.
    """
    return _presenter_key_from_hash(hash_token(host_token))


# -- configuration --------------------------------------------------------------------------


def resolve_url(url: str | None = None) -> str:
    """The database URL: ``url``, else env ``DATABASE_URL``, else the SQLite file ``data/readiness.db``.

    ``postgres://`` and ``postgresql://`` mean the psycopg (3) driver, the one we install.
    """
    url = url or os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DB}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def retention_days() -> int:
    """Days an untouched assessment or workshop is kept: env ``READINESS_RETENTION_DAYS`` or 180."""
    raw = os.environ.get("READINESS_RETENTION_DAYS", "").strip()
    if not raw:
        return RETENTION_DAYS
    try:
        days = int(raw)
    except ValueError:
        days = 0
    if days < 1:
        log.warning("READINESS_RETENTION_DAYS=%r is not a whole number of days >= 1; using %d", raw, RETENTION_DAYS)
        return RETENTION_DAYS
    return days


def _now() -> dt.datetime:
    """The current time in UTC (one place, so tests can move the clock)."""
    return dt.datetime.now(dt.UTC)


def _utc(value: dt.datetime) -> dt.datetime:
    """Datetimes from SQLite come back naive; everything we store is UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


# -- schema (the current shape; migrations/versions hold how it got here) ----------------------

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = sa.MetaData(naming_convention=NAMING)
_TS = sa.DateTime(timezone=True)

assessments = sa.Table(
    "assessments", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("language", sa.String(MAX_LANGUAGE), nullable=False),
    sa.Column("organisation", sa.Text, nullable=False),
    sa.Column("roadmap_start", sa.Date, nullable=True),
    sa.Column("edits", sa.Text, nullable=False),
    sa.Column("notes", sa.Text, nullable=False),
    sa.Column("bank_version", sa.String(MAX_BANK_VERSION), nullable=False),
    sa.Column("created_at", _TS, nullable=False),
    sa.Column("updated_at", _TS, nullable=False, index=True),
)

answers = sa.Table(
    "answers", metadata,
    sa.Column("assessment_id", sa.Integer, sa.ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("question_id", sa.String(MAX_QUESTION_ID), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("updated_at", _TS, nullable=False),
)

workshops = sa.Table(
    "workshops", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(CODE_LENGTH), nullable=False, unique=True),
    sa.Column("host_token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("organisation", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("language", sa.String(MAX_LANGUAGE), nullable=False),
    sa.Column("anonymous", sa.Boolean, nullable=False),
    sa.Column("show_results", sa.Boolean, nullable=False),
    sa.Column("status", sa.String(8), nullable=False),
    sa.Column("created_at", _TS, nullable=False),
    sa.Column("updated_at", _TS, nullable=False, index=True),
    sa.Column("agreed", sa.Text, nullable=False),
    sa.Column("notes", sa.Text, nullable=False),
    sa.CheckConstraint("status IN ('open', 'closed')", name="status"),
)

participants = sa.Table(
    "participants", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("workshop_id", sa.Integer, sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("display_name", sa.String(MAX_DISPLAY_NAME), nullable=True),
    sa.Column("finished", sa.Boolean, nullable=False),
    sa.Column("joined_at", _TS, nullable=False),
    sa.Column("updated_at", _TS, nullable=False),
)

participant_answers = sa.Table(
    "participant_answers", metadata,
    sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("question_id", sa.String(MAX_QUESTION_ID), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("updated_at", _TS, nullable=False),
)


# -- value objects --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Workshop:
    id: int
    code: str
    organisation: str
    title: str
    language: str
    anonymous: bool
    show_results: bool
    status: str
    created_at: dt.datetime
    agreed: dict[str, Any]
    notes: dict[str, str]

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclasses.dataclass(frozen=True)
class Response:
    """One participant's answers, as the host sees them (no name in anonymous workshops)."""

    participant_id: int
    display_name: str | None
    finished: bool
    answers: dict[str, Any]


class ParticipantView(NamedTuple):
    """What a participant's token opens; unpacks as ``workshop, participant_id, answers, finished``."""

    workshop: Workshop
    participant_id: int
    answers: dict[str, Any]
    finished: bool


_UNSET: Any = object()
_EMPTY_EDITS = RoadmapEdits()


# -- encoding helpers -----------------------------------------------------------------------


def _is_empty(value: Any) -> bool:
    return value is None or value == [] or value == ""


def _dumps(value: Any, what: str) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        text.encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{what}: cannot be stored as JSON ({exc.__class__.__name__})") from None
    return text


def _encode_value(value: Any) -> str:
    text = _dumps(value, "answer")
    if len(text) > MAX_VALUE_CHARS:
        raise ValueError(f"answer: {len(text):,} characters, the limit is {MAX_VALUE_CHARS:,}")
    return text


def _question_id(question_id: Any) -> str:
    if not isinstance(question_id, str) or not 0 < len(question_id) <= MAX_QUESTION_ID:
        raise ValueError(f"question id: expected 1 to {MAX_QUESTION_ID} characters of text")
    _text(question_id, "question id")
    return question_id


def _text(value: Any, what: str, limit: int | None = None) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what}: expected text, got {type(value).__name__}")
    if "\x00" in value:
        raise ValueError(f"{what}: contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{what}: contains a lone surrogate (broken Unicode)") from None
    if limit is not None and len(value) > limit:
        raise ValueError(f"{what}: {len(value)} characters, the limit is {limit}")
    return value


def _clean_name(name: str | None) -> str | None:
    if name is None:
        return None
    if not isinstance(name, str):
        raise ValueError("display name: expected text")
    cleaned = " ".join(name.split())  # tabs, newlines and runs of spaces become one space
    cleaned = "".join(ch for ch in cleaned if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF)
    return cleaned[:MAX_DISPLAY_NAME].strip() or None


def _loads(text: str | None, default: Any) -> Any:
    if not text:
        return default
    return json.loads(text)


def _edits_json(edits: RoadmapEdits) -> str:
    if not isinstance(edits, RoadmapEdits):
        raise ValueError("edits: expected a RoadmapEdits")
    return "{}" if edits.empty else _dumps(edits.to_json(), "edits")


def _edits_from(text: str) -> RoadmapEdits:
    raw = _loads(text, {})
    if not raw:
        return RoadmapEdits()
    return RoadmapEdits(changed={k: dict(v) for k, v in (raw.get("changed") or {}).items()},
                        added=tuple(dict(a) for a in raw.get("added") or ()),
                        removed=tuple(raw.get("removed") or ()))


def _notes_json(notes: Mapping[str, Any]) -> str:
    if not isinstance(notes, Mapping):
        raise ValueError("notes: expected a mapping")
    return _dumps(dict(notes), "notes")


# -- the store ------------------------------------------------------------------------------

_stores: dict[str, Store] = {}
_stores_lock = threading.Lock()  # held while get_store() builds a Store
_sqlite_write_locks: dict[str, threading.Lock] = {}
_sqlite_write_locks_lock = threading.Lock()  # a separate lock: Store() runs inside get_store()'s
_migrate_lock = threading.Lock()
_purge_lock = threading.Lock()
_last_purge: dict[str, float] = {}


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


def get_store(url: str | None = None) -> Store:
    """The process's one :class:`Store` for ``url`` (or ``DATABASE_URL``), created on first use."""
    key = resolve_url(url)
    store = _stores.get(key)
    if store is not None:
        return store
    with _stores_lock:
        store = _stores.get(key)
        if store is None:
            store = _stores[key] = Store(key)
        return store


class Store:
    """Assessments and workshops in one database. Thread-safe; share one per process (:func:`get_store`)."""

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
        return f"Store({make_url(self.url).render_as_string(hide_password=True)!r})"

    def dispose(self) -> None:
        """Close every pooled connection (tests; the app keeps its store for the process' life)."""
        self.engine.dispose()

    # -- engine and transactions ------------------------------------------------------------

    def _sqlite_engine(self, parsed: sa.URL) -> Engine:
        import sqlite3

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
                path.parent.mkdir(parents=True, exist_ok=True)
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
        """A short write transaction (``BEGIN IMMEDIATE`` on SQLite)."""
        with self._write_lock or nullcontext(), self.engine.connect() as conn:
            conn.execution_options(readiness_write=True)
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self, consistent: bool = False) -> Iterator[Connection]:
        """A read transaction; ``consistent`` gives several statements one snapshot on PostgreSQL."""
        with self.engine.connect() as conn:
            if consistent and self.dialect == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    def _insert(self, table: sa.Table) -> Any:
        return (pg_dialect.insert if self.dialect == "postgresql" else sqlite_dialect.insert)(table)

    def _upsert(self, conn: Connection, table: sa.Table, owner: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        stmt = self._insert(table)
        stmt = stmt.on_conflict_do_update(index_elements=[owner, "question_id"],
                                          set_={"value": stmt.excluded.value, "updated_at": stmt.excluded.updated_at})
        conn.execute(stmt, rows)

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
            except DBAPIError as exc:  # another process created the tables between our check and lock
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

    # -- assessments ------------------------------------------------------------------------

    def create_assessment(self, language: str = "da", bank_version: str = "") -> str:
        """A new, empty assessment; returns its token (the only way to open it again)."""
        token = new_token()
        now = _now()
        with self._write() as conn:
            conn.execute(assessments.insert().values(
                token_hash=hash_token(token), language=_text(language, "language", MAX_LANGUAGE), organisation="",
                roadmap_start=None, edits="{}", notes="{}",
                bank_version=_text(bank_version, "bank version", MAX_BANK_VERSION), created_at=now, updated_at=now))
        return token

    def _touch_assessment(self, conn: Connection, token_hash: str, now: dt.datetime, **values: Any) -> int:
        """Bump ``updated_at`` (and set ``values``) of the assessment; its id. Also locks the row."""
        assessment_id = conn.execute(
            assessments.update().where(assessments.c.token_hash == token_hash)
            .values(updated_at=now, **values).returning(assessments.c.id)).scalar()
        if assessment_id is None:
            raise UnknownToken("this assessment no longer exists (it may have been deleted)")
        return assessment_id

    def load_assessment(self, token: str) -> Assessment:
        """The assessment the token opens; ``saved_at`` is when it was last saved (UTC, ISO 8601)."""
        token_hash = hash_token(token)
        with self._read(consistent=True) as conn:
            row = conn.execute(sa.select(assessments).where(assessments.c.token_hash == token_hash)).first()
            if row is None:
                raise UnknownToken("this assessment no longer exists (it may have been deleted)")
            rows = conn.execute(sa.select(answers.c.question_id, answers.c.value)
                                .where(answers.c.assessment_id == row.id)).all()
        return Assessment(
            answers={qid: json.loads(value) for qid, value in rows}, language=row.language,
            organisation=row.organisation, roadmap_start=row.roadmap_start, edits=_edits_from(row.edits),
            notes=_loads(row.notes, {}), bank_version=row.bank_version,
            saved_at=_utc(row.updated_at).replace(microsecond=0).isoformat())

    def save_answer(self, token: str, question_id: str, value: Any) -> None:
        """Set one answer (upsert); ``None``, ``[]`` or ``""`` removes it."""
        self.save_answers(token, {question_id: value})

    def save_answers(self, token: str, values: Mapping[str, Any]) -> None:
        """Set several answers in one transaction; empty values (None, [], "") remove theirs."""
        token_hash = hash_token(token)
        now = _now()
        upserts, deletes = self._answer_rows(values, now)
        with self._write() as conn:
            assessment_id = self._touch_assessment(conn, token_hash, now)
            self._write_answers(conn, assessment_id, upserts, deletes)

    @staticmethod
    def _answer_rows(values: Mapping[str, Any], now: dt.datetime) -> tuple[list[dict[str, Any]], list[str]]:
        upserts: list[dict[str, Any]] = []
        deletes: list[str] = []
        for question_id, value in values.items():
            _question_id(question_id)
            if _is_empty(value):
                deletes.append(question_id)
            else:
                upserts.append({"question_id": question_id, "value": _encode_value(value), "updated_at": now})
        return upserts, deletes

    def _write_answers(self, conn: Connection, assessment_id: int, upserts: list[dict[str, Any]],
                       deletes: list[str]) -> None:
        if deletes:
            conn.execute(answers.delete().where(answers.c.assessment_id == assessment_id,
                                                answers.c.question_id.in_(deletes)))
        for row in upserts:
            row["assessment_id"] = assessment_id
        self._upsert(conn, answers, "assessment_id", upserts)

    def save_meta(self, token: str, *, language: str = _UNSET, organisation: str = _UNSET,
                  roadmap_start: dt.date | None = _UNSET, edits: RoadmapEdits = _UNSET,
                  notes: Mapping[str, str] = _UNSET, bank_version: str = _UNSET) -> None:
        """Set the given fields (only those) of the assessment."""
        token_hash = hash_token(token)
        values = self._meta_values(language=language, organisation=organisation, roadmap_start=roadmap_start,
                                   edits=edits, notes=notes, bank_version=bank_version)
        with self._write() as conn:
            self._touch_assessment(conn, token_hash, _now(), **values)

    @staticmethod
    def _meta_values(**fields: Any) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, value in fields.items():
            if value is _UNSET:
                continue
            if key == "language":
                values[key] = _text(value, "language", MAX_LANGUAGE)
            elif key == "organisation":
                values[key] = _text(value, "organisation")
            elif key == "bank_version":
                values[key] = _text(value, "bank version", MAX_BANK_VERSION)
            elif key == "roadmap_start":
                if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
                    raise ValueError("roadmap_start: expected a date or None")
                values[key] = value
            elif key == "edits":
                values[key] = _edits_json(value)
            elif key == "notes":
                values[key] = _notes_json(value)
        return values

    def replace_assessment(self, token: str, assessment: Assessment) -> None:
        """Replace everything (answers and meta) with ``assessment`` at once, e.g. after an import."""
        token_hash = hash_token(token)
        now = _now()
        values = self._meta_values(language=assessment.language, organisation=assessment.organisation,
                                   roadmap_start=assessment.roadmap_start, edits=assessment.edits,
                                   notes=assessment.notes, bank_version=assessment.bank_version)
        upserts, _ = self._answer_rows(assessment.answers, now)
        with self._write() as conn:
            assessment_id = self._touch_assessment(conn, token_hash, now, **values)
            conn.execute(answers.delete().where(answers.c.assessment_id == assessment_id))
            self._write_answers(conn, assessment_id, upserts, [])

    def delete_assessment(self, token: str) -> bool:
        """Delete the assessment and all its answers for good; False when there was nothing to delete."""
        token_hash = hash_token(token)
        with self._write() as conn:
            result = conn.execute(assessments.delete().where(assessments.c.token_hash == token_hash))
        return result.rowcount > 0

    # -- retention --------------------------------------------------------------------------

    def purge_untouched(self, days: int, now: dt.datetime | None = None) -> int:
        """Delete assessments and workshops nobody has changed for ``days`` days; how many went.

        A workshop counts as touched when the host changed it or a participant joined or
        answered. Deleting cascades to answers, participants and their answers.
        """
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise ValueError("days: expected a whole number >= 1")
        cutoff = _utc(now or _now()) - dt.timedelta(days=days)
        recent_activity = (sa.select(participants.c.id)
                           .where(participants.c.workshop_id == workshops.c.id, participants.c.updated_at >= cutoff)
                           .exists())
        with self._write() as conn:
            gone = conn.execute(assessments.delete().where(assessments.c.updated_at < cutoff)).rowcount
            gone += conn.execute(workshops.delete().where(workshops.c.updated_at < cutoff, ~recent_activity)).rowcount
        if gone:
            log.info("retention: deleted %d assessments and workshops untouched for %d days", gone, days)
        return gone

    def maybe_purge(self, interval: float = PURGE_INTERVAL_SECONDS) -> int | None:
        """Purge by :func:`retention_days` at most once per ``interval`` seconds in this process.

        Returns how many were deleted, or None when it was not time yet (or the purge failed: it
        is housekeeping, so a failure is logged and never raised into a page).
        """
        key = self.url
        with _purge_lock:
            last = _last_purge.get(key)
            clock = time.monotonic()
            if last is not None and clock - last < interval:
                return None
            _last_purge[key] = clock
        try:
            return self.purge_untouched(retention_days())
        except SQLAlchemyError:
            log.warning("retention: purge failed; trying again in %d s", interval, exc_info=True)
            return None

    # -- workshops: the host ----------------------------------------------------------------

    @staticmethod
    def _workshop(row: Any) -> Workshop:
        return Workshop(id=row.id, code=row.code, organisation=row.organisation, title=row.title,
                        language=row.language, anonymous=bool(row.anonymous), show_results=bool(row.show_results),
                        status=row.status, created_at=_utc(row.created_at), agreed=_loads(row.agreed, {}),
                        notes=_loads(row.notes, {}))

    def create_workshop(self, organisation: str, title: str, language: str, anonymous: bool = True,
                        show_results: bool = False) -> tuple[Workshop, str]:
        """A new open workshop with a fresh join code; returns it and the host's token."""
        host_token = new_token()
        now = _now()
        values = {"host_token_hash": hash_token(host_token), "organisation": _text(organisation, "organisation"),
                  "title": _text(title, "title"), "language": _text(language, "language", MAX_LANGUAGE),
                  "anonymous": bool(anonymous), "show_results": bool(show_results), "status": "open",
                  "created_at": now, "updated_at": now, "agreed": "{}", "notes": "{}"}
        for _ in range(CODE_ATTEMPTS):
            code = new_code()
            try:
                with self._write() as conn:
                    taken = conn.execute(sa.select(workshops.c.id).where(workshops.c.code == code)).first()
                    if taken is not None:
                        continue
                    workshop_id = conn.execute(workshops.insert().values(code=code, **values)
                                               .returning(workshops.c.id)).scalar_one()
            except IntegrityError:  # a concurrent host drew the same code
                continue
            return self.workshop(workshop_id), host_token
        raise StoreError("could not find a free join code; try again")  # pragma: no cover (1 in 10^7 per try)

    def _workshop_where(self, condition: Any, missing: StoreError) -> Workshop:
        with self._read() as conn:
            row = conn.execute(sa.select(workshops).where(condition)).first()
        if row is None:
            raise missing
        return self._workshop(row)

    def workshop(self, workshop_id: int) -> Workshop:
        """The workshop with this id (for a host who already proved their token)."""
        return self._workshop_where(workshops.c.id == workshop_id, UnknownWorkshop("this workshop no longer exists"))

    def workshop_by_code(self, code: str) -> Workshop:
        """The workshop a join code opens (any case, spaces and dashes ignored); :class:`UnknownCode` if none."""
        code = normalise_code(code)
        if _CODE_RE.fullmatch(code) is None:
            raise UnknownCode("no workshop has this code")
        return self._workshop_where(workshops.c.code == code, UnknownCode("no workshop has this code"))

    def workshop_by_host_token(self, token: str) -> Workshop:
        return self._workshop_where(workshops.c.host_token_hash == hash_token(token),
                                    UnknownToken("this workshop no longer exists (it may have been deleted)"))

    def workshop_for_presenter(self, code: str, key: str) -> Workshop:
        """The workshop whose presenter view ``code`` and ``key`` (from :func:`presenter_key`) open.

        :class:`UnknownCode` when the code opens no workshop, :class:`BadToken` when the key does
        not belong to it (the join code alone never opens the presenter view).
        """
        if not isinstance(key, str) or _PRESENTER_KEY_RE.fullmatch(key) is None:
            raise BadToken("this presenter link is not valid (it may have been copied incompletely)")
        code = normalise_code(code)
        if _CODE_RE.fullmatch(code) is None:
            raise UnknownCode("no workshop has this code")
        with self._read() as conn:
            row = conn.execute(sa.select(workshops).where(workshops.c.code == code)).first()
        if row is None:
            raise UnknownCode("no workshop has this code")
        if not hmac.compare_digest(_presenter_key_from_hash(row.host_token_hash), key):
            raise BadToken("this presenter link is not valid (it may have been copied incompletely)")
        return self._workshop(row)

    def _touch_workshop(self, conn: Connection, workshop_id: int, **values: Any) -> None:
        done = conn.execute(workshops.update().where(workshops.c.id == workshop_id)
                            .values(updated_at=_now(), **values)).rowcount
        if not done:
            raise UnknownWorkshop("this workshop no longer exists")

    def set_workshop_status(self, workshop_id: int, status: str) -> None:
        """Open or close the workshop (closed: no joining, answers frozen)."""
        if status not in WORKSHOP_STATUSES:
            raise ValueError(f"status: expected one of {', '.join(WORKSHOP_STATUSES)}, got {status!r}")
        with self._write() as conn:
            self._touch_workshop(conn, workshop_id, status=status)

    def update_workshop(self, workshop_id: int, **fields: Any) -> Workshop:
        """Change organisation, title, language, anonymous, show_results or status.

        Making a workshop anonymous erases the names participants gave.
        """
        values: dict[str, Any] = {}
        for key, value in fields.items():
            if key in ("organisation", "title"):
                values[key] = _text(value, key)
            elif key == "language":
                values[key] = _text(value, key, MAX_LANGUAGE)
            elif key in ("anonymous", "show_results"):
                if not isinstance(value, bool):
                    raise ValueError(f"{key}: expected True or False")
                values[key] = value
            elif key == "status":
                if value not in WORKSHOP_STATUSES:
                    raise ValueError(f"status: expected one of {', '.join(WORKSHOP_STATUSES)}, got {value!r}")
                values[key] = value
            else:
                raise TypeError(f"update_workshop: unknown field {key!r}")
        with self._write() as conn:
            self._touch_workshop(conn, workshop_id, **values)
            if values.get("anonymous"):
                conn.execute(participants.update().where(participants.c.workshop_id == workshop_id)
                             .values(display_name=None))
        return self.workshop(workshop_id)

    def set_agreed(self, workshop_id: int, agreed: Mapping[str, Any]) -> None:
        """The answers the group settled on (replaces the previous ones; empty values are dropped)."""
        clean = {_question_id(qid): value for qid, value in agreed.items() if not _is_empty(value)}
        with self._write() as conn:
            self._touch_workshop(conn, workshop_id, agreed=_dumps(clean, "agreed"))

    def set_workshop_note(self, workshop_id: int, key: str, text: str) -> None:
        """Set one of the host's notes (empty text removes it)."""
        _text(key, "note key", MAX_QUESTION_ID)
        _text(text, "note")
        with self._write() as conn:
            current = conn.execute(sa.select(workshops.c.notes).where(workshops.c.id == workshop_id)
                                   .with_for_update()).scalar()
            if current is None:
                raise UnknownWorkshop("this workshop no longer exists")
            notes = _loads(current, {})
            if text:
                notes[key] = text
            else:
                notes.pop(key, None)
            self._touch_workshop(conn, workshop_id, notes=_dumps(notes, "notes"))

    def delete_workshop(self, workshop_id: int) -> bool:
        """Delete the workshop with its participants and their answers; False when it was gone."""
        with self._write() as conn:
            return conn.execute(workshops.delete().where(workshops.c.id == workshop_id)).rowcount > 0

    def counts(self, workshop_id: int) -> tuple[int, int]:
        """How many participants joined and how many said they are finished."""
        finished = sa.func.coalesce(sa.func.sum(sa.case((participants.c.finished == sa.true(), 1), else_=0)), 0)
        with self._read() as conn:
            joined, done = conn.execute(sa.select(sa.func.count(), finished)
                                        .where(participants.c.workshop_id == workshop_id)).one()
        return int(joined), int(done)

    def workshop_responses(self, workshop_id: int) -> list[Response]:
        """Every participant's answers, in joining order: one query, however many participants."""
        query = (sa.select(participants.c.id, participants.c.display_name, participants.c.finished,
                           participant_answers.c.question_id, participant_answers.c.value)
                 .select_from(participants.outerjoin(participant_answers,
                                                     participant_answers.c.participant_id == participants.c.id))
                 .where(participants.c.workshop_id == workshop_id)
                 .order_by(participants.c.id))
        responses: list[Response] = []
        with self._read() as conn:
            current: Response | None = None
            for pid, name, finished, question_id, value in conn.execute(query):
                if current is None or current.participant_id != pid:
                    current = Response(participant_id=pid, display_name=name, finished=bool(finished), answers={})
                    responses.append(current)
                if question_id is not None:
                    current.answers[question_id] = json.loads(value)
        return responses

    # -- workshops: participants ------------------------------------------------------------

    def join_workshop(self, code: str, display_name: str | None = None) -> str:
        """Join an open workshop by its code; returns the participant's token.

        The display name is stored only when the workshop is not anonymous (trimmed, at most 60
        characters). Raises :class:`UnknownCode` or :class:`WorkshopClosed`.
        """
        code = normalise_code(code)
        if _CODE_RE.fullmatch(code) is None:
            raise UnknownCode("no workshop has this code")
        name = _clean_name(display_name)
        token = new_token()
        now = _now()
        with self._write() as conn:
            row = conn.execute(sa.select(workshops.c.id, workshops.c.status, workshops.c.anonymous)
                               .where(workshops.c.code == code).with_for_update(read=True)).first()
            if row is None:
                raise UnknownCode("no workshop has this code")
            if row.status != "open":
                raise WorkshopClosed("this workshop is closed")
            conn.execute(participants.insert().values(
                workshop_id=row.id, token_hash=hash_token(token), display_name=None if row.anonymous else name,
                finished=False, joined_at=now, updated_at=now))
        return token

    def participant(self, token: str) -> ParticipantView:
        """What a participant's token opens: the workshop, their id, their answers, whether finished."""
        token_hash = hash_token(token)
        with self._read(consistent=True) as conn:
            row = conn.execute(sa.select(participants.c.id.label("participant_id"), participants.c.finished,
                                         *workshops.c)
                               .join_from(participants, workshops, participants.c.workshop_id == workshops.c.id)
                               .where(participants.c.token_hash == token_hash)).first()
            if row is None:
                raise UnknownToken("this workshop link no longer works (the workshop may have been deleted)")
            rows = conn.execute(sa.select(participant_answers.c.question_id, participant_answers.c.value)
                                .where(participant_answers.c.participant_id == row.participant_id)).all()
        return ParticipantView(self._workshop(row), row.participant_id, {q: json.loads(v) for q, v in rows},
                               bool(row.finished))

    def _open_participant(self, conn: Connection, token_hash: str) -> int:
        """The participant's id, in a write transaction, if their workshop is open (holds it open)."""
        row = conn.execute(sa.select(participants.c.id, workshops.c.status)
                           .join_from(participants, workshops, participants.c.workshop_id == workshops.c.id)
                           .where(participants.c.token_hash == token_hash)
                           .with_for_update(read=True, of=workshops)).first()
        if row is None:
            raise UnknownToken("this workshop link no longer works (the workshop may have been deleted)")
        if row.status != "open":
            raise WorkshopClosed("this workshop is closed")
        return row.id

    def save_participant_answer(self, token: str, question_id: str, value: Any) -> None:
        """Set one of the participant's answers (empty removes it); :class:`WorkshopClosed` when closed."""
        token_hash = hash_token(token)
        now = _now()
        upserts, deletes = self._answer_rows({question_id: value}, now)
        with self._write() as conn:
            pid = self._open_participant(conn, token_hash)
            conn.execute(participants.update().where(participants.c.id == pid).values(updated_at=now))
            if deletes:
                conn.execute(participant_answers.delete().where(participant_answers.c.participant_id == pid,
                                                                participant_answers.c.question_id.in_(deletes)))
            for row in upserts:
                row["participant_id"] = pid
            self._upsert(conn, participant_answers, "participant_id", upserts)

    def set_finished(self, token: str, finished: bool = True) -> None:
        """Mark the participant as done (or not); :class:`WorkshopClosed` when closed."""
        token_hash = hash_token(token)
        with self._write() as conn:
            pid = self._open_participant(conn, token_hash)
            conn.execute(participants.update().where(participants.c.id == pid)
                         .values(finished=bool(finished), updated_at=_now()))
