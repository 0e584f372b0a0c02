"""The store, on SQLite and on a real PostgreSQL server: every database test runs on both."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import logging
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa

import readiness.store as store_mod
from readiness import settings
from readiness.answers import Assessment, RoadmapEdits
from readiness.store import (
    CODE_ALPHABET,
    SCHEMA_REVISION,
    BadToken,
    ParticipantView,
    Response,
    Store,
    UnknownCode,
    UnknownToken,
    UnknownWorkshop,
    WorkshopClosed,
    facade,
    get_store,
    hash_token,
    new_code,
    new_token,
    normalise_code,
    resolve_url,
    schema,
    tokens,
    valid_token,
    values,
)
from tests.pg import pg_cluster  # noqa: F401  (the session's PostgreSQL server, used by db_url)

ROOT = Path(__file__).resolve().parent.parent.parent
T0 = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """A fresh, empty database: a SQLite file, or a new database on the throwaway PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.new_database()
    yield url
    cluster.drop_database(url)


@pytest.fixture
def make_store(db_url):
    made: list[Store] = []

    def make(url: str | None = None) -> Store:
        made.append(Store(url or db_url))
        return made[-1]

    yield make
    for s in made:
        s.dispose()


@pytest.fixture
def store(make_store):
    return make_store()


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(values, "now", fake)
    return fake


def count(store: Store, table: sa.Table, *where) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar_one()


def updated_at(store: Store, table: sa.Table, *where) -> dt.datetime:
    with store.engine.connect() as conn:
        return values.utc(conn.execute(sa.select(table.c.updated_at).where(*where)).scalar_one())


class Statements:
    """Counts the SQL statements a store sends (BEGIN on SQLite included)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.sql: list[str] = []
        self.engine = engine
        sa.event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.sql.append(statement.strip().split(None, 1)[0].upper())

    def close(self) -> None:
        sa.event.remove(self.engine, "before_cursor_execute", self._seen)


EDITS = RoadmapEdits(
    changed={"ownership.appoint_owner": {"owner": "Mette Ø.", "status": "doing", "start": "2027-02-01"}},
    added=({"id": "own.kickoff", "title": "Kick-off med ledelsen", "why": "", "phase": "prepare", "owner": "HR",
            "start": "2027-01-11", "end": "2027-01-15", "kpi": "", "status": "todo"},),
    removed=("cadence.daily_nudges",))

FULL = Assessment(
    answers={
        "context.sector": "private",                        # single
        "ownership.maturity": "level_3",                    # scale
        "platforms.start": ["linkedin", "instagram"],       # multi
        "context.employees": 120,                           # whole number
        "ownership.hours": 6.5,                             # decimal number
        "context.start_date": "2027-01-04",                 # date
        "context.notes": 'Ærlig talt: "citater", 🎉\nny linje \\ og <b>tags</b>',  # text
    },
    language="en", organisation="Ærø Æbler A/S", roadmap_start=dt.date(2027, 1, 4), edits=EDITS,
    notes={"context": "Husk HR", "overall": "Godt udgangspunkt"}, bank_version="2026.11")


def same(loaded: Assessment, expected: Assessment) -> bool:
    return loaded.replace(saved_at="") == expected.replace(saved_at="")


# -- assessments ----------------------------------------------------------------------------


def test_a_new_assessment_is_empty_with_its_language_and_bank_version(store):
    token = store.create_assessment(language="en", bank_version="v7")
    assert same(store.load_assessment(token), Assessment(language="en", bank_version="v7"))


def test_replace_and_load_round_trip_every_kind_of_answer(store):
    token = store.create_assessment()
    store.replace_assessment(token, FULL)
    loaded = store.load_assessment(token)
    assert same(loaded, FULL)
    assert type(loaded.answers["context.employees"]) is int
    assert type(loaded.answers["ownership.hours"]) is float
    assert dt.datetime.fromisoformat(loaded.saved_at).tzinfo is not None


def test_answer_by_answer_and_meta_round_trip(store):
    token = store.create_assessment()
    for qid, value in FULL.answers.items():
        store.save_answer(token, qid, value)
    store.save_meta(token, language=FULL.language, organisation=FULL.organisation, roadmap_start=FULL.roadmap_start,
                    edits=FULL.edits, notes=FULL.notes, bank_version=FULL.bank_version)
    assert same(store.load_assessment(token), FULL)


def test_replace_removes_answers_the_new_assessment_does_not_have(store):
    token = store.create_assessment()
    store.replace_assessment(token, FULL)
    store.replace_assessment(token, Assessment(answers={"context.sector": "public"}, language="da"))
    assert same(store.load_assessment(token), Assessment(answers={"context.sector": "public"}))
    assert count(store, schema.answers) == 1


def test_save_answer_overwrites_and_empty_values_delete(store):
    token = store.create_assessment()
    other = store.create_assessment()
    store.save_answer(other, "q", "keep")
    store.save_answer(token, "q", "first")
    store.save_answer(token, "q", ["second", "third"])
    assert store.load_assessment(token).answers == {"q": ["second", "third"]}
    assert count(store, schema.answers) == 2
    for empty in (None, [], ""):
        store.save_answer(token, "q", "again")
        store.save_answer(token, "q", empty)
        assert store.load_assessment(token).answers == {}
    store.save_answer(token, "never-set", None)  # deleting what is not there is fine
    assert store.load_assessment(other).answers == {"q": "keep"}


def test_save_answers_sets_and_deletes_in_one_go_and_is_all_or_nothing(store):
    token = store.create_assessment()
    store.save_answers(token, {"a": 1, "b": "x", "c": ["y"]})
    store.save_answers(token, {"a": 2, "b": None, "d": 3.25})
    assert store.load_assessment(token).answers == {"a": 2, "c": ["y"], "d": 3.25}
    with pytest.raises(ValueError):
        store.save_answers(token, {"e": 5, "f": float("nan")})
    assert store.load_assessment(token).answers == {"a": 2, "c": ["y"], "d": 3.25}


def test_save_meta_changes_only_the_fields_given(store):
    token = store.create_assessment()
    store.replace_assessment(token, FULL)
    store.save_meta(token, organisation="Nyt Navn ApS")
    assert same(store.load_assessment(token), FULL.replace(organisation="Nyt Navn ApS"))
    store.save_meta(token, roadmap_start=None, edits=RoadmapEdits())
    assert same(store.load_assessment(token), FULL.replace(organisation="Nyt Navn ApS", roadmap_start=None,
                                                            edits=RoadmapEdits()))


def test_every_write_bumps_updated_at(store, clock):
    token = store.create_assessment()
    where = schema.assessments.c.token_hash == hash_token(token)
    writes = [lambda: store.save_answer(token, "q", 1), lambda: store.save_answer(token, "q", None),
              lambda: store.save_answers(token, {"a": 1}), lambda: store.save_meta(token, organisation="X"),
              lambda: store.replace_assessment(token, FULL)]
    for write in writes:
        clock.advance(minutes=5)
        write()
        assert updated_at(store, schema.assessments, where) == clock.now
    assert store.load_assessment(token).saved_at == clock.now.isoformat()


def test_the_store_refuses_what_it_cannot_store_the_same_way_on_every_database(store):
    token = store.create_assessment()
    with pytest.raises(ValueError):
        store.save_answer(token, "q" * 201, 1)
    with pytest.raises(ValueError):
        store.save_answer(token, "q", float("inf"))
    with pytest.raises(ValueError):
        store.save_meta(token, organisation="nul\x00byte")
    with pytest.raises(ValueError):
        store.save_answer(token, "q", "lone \ud800 surrogate")
    store.save_answer(token, "x" * 200, "a question id of any text up to 200 characters is accepted")
    assert store.load_assessment(token).answers == {"x" * 200: "a question id of any text up to 200 characters is accepted"}


def test_delete_assessment_really_deletes_the_row_and_its_answers(store):
    gone, kept = store.create_assessment(), store.create_assessment()
    store.replace_assessment(gone, FULL)
    store.save_answers(kept, {"a": 1, "b": 2})
    assert (count(store, schema.assessments), count(store, schema.answers)) == (2, len(FULL.answers) + 2)
    assert store.delete_assessment(gone) is True
    assert (count(store, schema.assessments), count(store, schema.answers)) == (1, 2)
    assert store.delete_assessment(gone) is False
    with pytest.raises(UnknownToken):
        store.load_assessment(gone)
    with pytest.raises(UnknownToken):
        store.save_answer(gone, "a", 1)
    assert store.load_assessment(kept).answers == {"a": 1, "b": 2}


# -- retention ------------------------------------------------------------------------------


def test_purge_deletes_what_is_untouched_and_keeps_the_rest(store, clock):
    old = store.create_assessment()
    store.save_answers(old, {"a": 1, "b": 2})
    old_ws, _ = store.create_workshop("Org", "Old", "da")
    store.save_participant_answer(store.join_workshop(old_ws.code), "q", 1)
    busy_ws, _ = store.create_workshop("Org", "Busy", "da")
    busy_participant = store.join_workshop(busy_ws.code)
    clock.advance(days=2)
    almost = store.create_assessment()
    clock.advance(days=179)
    recent = store.create_assessment()
    store.save_answer(recent, "a", 1)
    store.save_participant_answer(busy_participant, "q", 2)  # a participant still answering keeps it alive

    assert store.purge_untouched(180) == 2
    with pytest.raises(UnknownToken):
        store.load_assessment(old)
    assert store.load_assessment(almost).answers == {}
    assert store.load_assessment(recent).answers == {"a": 1}
    assert count(store, schema.answers) == 1
    with pytest.raises(UnknownWorkshop):
        store.workshop(old_ws.id)
    assert store.workshop(busy_ws.id).title == "Busy"
    assert count(store, schema.participants) == 1
    assert count(store, schema.participant_answers) == 1
    assert store.purge_untouched(1, now=clock.now + dt.timedelta(days=3)) == 3
    assert count(store, schema.assessments) == count(store, schema.workshops) == 0
    with pytest.raises(ValueError):
        store.purge_untouched(0)


def test_maybe_purge_uses_the_retention_setting_and_runs_at_most_once_an_interval(store, clock, monkeypatch, set_env):
    monkeypatch.setattr(facade, "_last_purge", {})
    set_env(READINESS_RETENTION_DAYS="30")
    store.create_assessment()
    clock.advance(days=31)
    store.create_assessment()
    assert store.maybe_purge() == 1
    clock.advance(days=15)
    kept = store.create_assessment()
    clock.advance(days=16)
    assert store.maybe_purge() is None  # not again within the hour
    assert store.maybe_purge(interval=0) == 1
    assert count(store, schema.assessments) == 1
    assert store.load_assessment(kept).answers == {}


def test_retention_days_comes_from_the_environment(set_env):
    assert set_env(READINESS_RETENTION_DAYS=None).retention_days == 180
    assert set_env(READINESS_RETENTION_DAYS="90").retention_days == 90


@pytest.mark.parametrize("bad", ["ninety", "0", "-5", "1.5"])
def test_an_unusable_retention_setting_is_an_error_naming_the_variable(set_env, bad):
    with pytest.raises(settings.SettingsError, match="^READINESS_RETENTION_DAYS: expected"):
        set_env(READINESS_RETENTION_DAYS=bad)


# -- tokens ---------------------------------------------------------------------------------


def test_tokens_carry_256_bits_and_differ():
    tokens = {new_token() for _ in range(1000)}
    assert len(tokens) == 1000
    for token in list(tokens)[:50]:
        assert valid_token(token)
        assert len(base64.urlsafe_b64decode(token + "=")) * 8 >= 256


def test_the_database_never_holds_a_plain_token(store):
    assessment = store.create_assessment()
    store.replace_assessment(assessment, FULL)
    workshop, host = store.create_workshop("Org", "Title", "da", anonymous=False)
    participant = store.join_workshop(workshop.code, "Anna")
    store.save_participant_answer(participant, "q", "a")
    tokens = [assessment, host, participant]
    dumped = []
    inspector = sa.inspect(store.engine)
    with store.engine.connect() as conn:
        for table in inspector.get_table_names():
            columns = [c["name"] for c in inspector.get_columns(table)]
            query = sa.select(*(sa.cast(sa.column(c), sa.Text) for c in columns)).select_from(sa.table(table))
            dumped.extend(str(v) for row in conn.execute(query) for v in row if v is not None)
    text = "\n".join(dumped)
    assert "Anna" in text and "Ærø Æbler A/S" in text  # the scan does see the data
    for token in tokens:
        assert token not in text
        assert hashlib.sha256(token.encode()).hexdigest() in text  # stored only as its digest


BAD_TOKENS = ["", "x" * 500, "ab$cd", "A" * 42 + "/", "A" * 42 + "=", "A" * 42, "A" * 44, " " + "A" * 42,
              "A" * 42 + "\n", "Æ" * 43, None, 42]


def token_calls(store: Store, token):
    return [lambda: store.load_assessment(token), lambda: store.save_answer(token, "q", 1),
            lambda: store.save_answers(token, {"q": 1}), lambda: store.save_meta(token, organisation="x"),
            lambda: store.replace_assessment(token, FULL), lambda: store.workshop_by_host_token(token),
            lambda: store.participant(token), lambda: store.save_participant_answer(token, "q", 1),
            lambda: store.set_finished(token)]


def test_malformed_tokens_are_refused_before_any_query(store):
    seen = Statements(store.engine)
    try:
        for bad in BAD_TOKENS:
            assert not valid_token(bad)
            for call in [*token_calls(store, bad), functools.partial(store.delete_assessment, bad)]:
                with pytest.raises(BadToken):
                    call()
    finally:
        seen.close()
    assert seen.sql == []


def test_unknown_and_deleted_tokens_are_unknown(store):
    deleted = store.create_assessment()
    assert store.delete_assessment(deleted)
    for token in (new_token(), deleted):
        for call in token_calls(store, token):
            with pytest.raises(UnknownToken) as err:
                call()
            assert token not in str(err.value)
        assert store.delete_assessment(token) is False


def test_nothing_logs_a_token_or_its_digest(db_url, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")  # SQLAlchemy's own default is WARNING
    fresh = Store(db_url)
    try:
        token = fresh.create_assessment()
        fresh.save_answer(token, "q", "svar")
        fresh.load_assessment(token)
        workshop, host = fresh.create_workshop("Org", "T", "da")
        participant = fresh.join_workshop(workshop.code)
        fresh.save_participant_answer(participant, "q", 1)
        fresh.delete_assessment(token)
        with pytest.raises(UnknownToken):
            fresh.load_assessment(token)
    finally:
        fresh.dispose()
    assert any(r.name.startswith("sqlalchemy.engine") for r in caplog.records)  # SQL was logged...
    for secret in (token, host, participant):
        assert secret not in caplog.text
        assert hash_token(secret) not in caplog.text  # ...without its parameters
    assert "svar" not in caplog.text


def database_at(db_url: str, revision: str, *statements: tuple[str, dict]) -> None:
    """Bring an empty database to an old schema ``revision`` and run ``statements`` on it (the rows an
    older version of the app left behind), as the starting point of a migration test."""
    from alembic import command
    from alembic.config import Config

    engine = sa.create_engine(resolve_url(db_url))
    try:
        with engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(store_mod.MIGRATIONS_DIR))
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
            for sql, params in statements:
                conn.execute(sa.text(sql), params)
    finally:
        engine.dispose()


# -- schema versioning ----------------------------------------------------------------------


def test_a_fresh_database_is_migrated_to_head_and_matches_the_tables_the_code_uses(store):
    from alembic.autogenerate import compare_metadata
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(store_mod.MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_REVISION
    assert store.migrated is True
    assert store.schema_revision() == SCHEMA_REVISION
    assert set(sa.inspect(store.engine).get_table_names()) == {
        "alembic_version", "assessments", "answers", "workshops", "participants", "participant_answers"}
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), store_mod.metadata)
    assert diff == []


def test_a_0001_database_with_a_six_character_code_migrates_and_takes_eight_character_codes(db_url):
    """0002 widens ``workshops.code``: PostgreSQL enforces the length, so the test creates a workshop."""
    database_at(db_url, "0001", (
        "INSERT INTO workshops (code, host_token_hash, organisation, title, language, anonymous, show_results,"
        " status, created_at, updated_at, agreed, notes) VALUES ('ACDEFH', :h, 'Old A/S', 'Before', 'da',"
        " true, true, 'open', :t, :t, '{}', '{}')", {"h": "0" * 64, "t": T0}))
    store = Store(db_url)
    try:
        assert store.migrated is True and store.schema_revision() == SCHEMA_REVISION
        assert store.workshop_by_code("acd-efh").title == "Before"
        workshop, _ = store.create_workshop("New A/S", "After", "da")
        assert len(workshop.code) == 8
        assert store.workshop_by_code(workshop.code[:4] + " " + workshop.code[4:].lower()).title == "After"
    finally:
        store.engine.dispose()


def test_a_second_store_on_a_current_schema_does_not_run_migrations(make_store, monkeypatch):
    make_store()

    def boom(self):
        raise AssertionError("migrations ran on a current schema")

    monkeypatch.setattr(Store, "_migrate", boom)
    second = make_store()
    assert second.migrated is False
    assert second.schema_revision() == SCHEMA_REVISION


def test_a_cold_start_on_a_current_schema_never_imports_alembic(store, db_url):
    code = ("import sys; from readiness.store import Store; s = Store(sys.argv[1]); s.create_assessment(); "
            "print(s.migrated, 'alembic' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code, db_url], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "False"]


CHILD = """
import sys
from readiness.store import Store
print("ready", flush=True)
sys.stdin.readline()
store = Store(sys.argv[1])
print(store.migrated, store.schema_revision(), flush=True)
"""


def test_concurrent_first_starts_take_turns(db_url, make_store):
    children = [subprocess.Popen([sys.executable, "-c", CHILD, db_url], cwd=ROOT, stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    try:
        for child in children:
            assert child.stdout.readline().strip() == "ready"
        for child in children:  # all at once
            child.stdin.write("go\n")
            child.stdin.flush()
        results = [child.communicate(timeout=60) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
    for child, (_, err) in zip(children, results):
        assert child.returncode == 0, err
    outcomes = sorted(out.split()[0] for out, _ in results)
    assert outcomes == ["False", "False", "True"]  # exactly one migrated, the others waited and found it done
    assert {out.split()[1] for out, _ in results} == {SCHEMA_REVISION}
    assert make_store().migrated is False


def test_downgrade_to_empty_and_upgrade_again(store, db_url, make_store):
    from alembic import command
    from alembic.config import Config

    token = store.create_assessment()
    config = Config()
    config.set_main_option("script_location", str(store_mod.MIGRATIONS_DIR))
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    store.dispose()
    assert set(sa.inspect(store.engine).get_table_names()) <= {"alembic_version"}
    again = make_store()
    assert again.migrated is True
    with pytest.raises(UnknownToken):
        again.load_assessment(token)


# -- concurrency ----------------------------------------------------------------------------

THREADS, PER_THREAD = 50, 40


def run_at_once(work) -> None:
    barrier = threading.Barrier(THREADS)

    def start(n: int) -> None:
        barrier.wait(timeout=30)
        work(n)

    with ThreadPoolExecutor(THREADS) as pool:
        for future in [pool.submit(start, n) for n in range(THREADS)]:
            future.result()  # re-raises any error in a thread


def test_50_threads_saving_40_different_answers_each_lose_nothing(store):
    token = store.create_assessment()
    run_at_once(lambda n: [store.save_answer(token, f"q{n}.{i}", [f"t{n}", i]) for i in range(PER_THREAD)])
    expected = {f"q{n}.{i}": [f"t{n}", i] for n in range(THREADS) for i in range(PER_THREAD)}
    assert store.load_assessment(token).answers == expected
    assert count(store, schema.answers) == THREADS * PER_THREAD


def test_50_threads_saving_the_same_40_answers_leave_one_row_each(store):
    token = store.create_assessment()

    def work(n: int) -> None:
        if n % 2:
            store.save_answers(token, {f"q.{i}": n for i in range(PER_THREAD)})
        else:
            for i in range(PER_THREAD):
                store.save_answer(token, f"q.{i}", n)

    run_at_once(work)
    loaded = store.load_assessment(token).answers
    assert set(loaded) == {f"q.{i}" for i in range(PER_THREAD)}
    assert all(value in range(THREADS) for value in loaded.values())
    assert count(store, schema.answers) == PER_THREAD


# -- workshops ------------------------------------------------------------------------------


def test_workshop_flow_join_answer_close_reopen_delete(store):
    workshop, host = store.create_workshop("Ærø Æbler", "Kick-off", "da", anonymous=False, show_results=True)
    assert (workshop.status, workshop.anonymous, workshop.show_results, workshop.title) == ("open", False, True, "Kick-off")
    assert store.workshop_by_host_token(host) == workshop
    typed = " " + workshop.code[:3].lower() + "-" + workshop.code[3:] + " "
    assert store.workshop_by_code(typed) == workshop

    people = [store.join_workshop(workshop.code, name) for name in ("Anna", "  Bo  ", "x" * 100)]
    for n, person in enumerate(people):
        store.save_participant_answer(person, "ownership.function", ["hr", "communication", "ceo"][n])
        store.save_participant_answer(person, "context.employees", 40 + n)
    store.save_participant_answer(people[2], "context.employees", None)
    store.set_finished(people[0])
    assert store.counts(workshop.id) == (3, 1)
    view = store.participant(people[0])
    assert isinstance(view, ParticipantView)
    assert view == (workshop, view.participant_id, {"ownership.function": "hr", "context.employees": 40}, True)
    responses = store.workshop_responses(workshop.id)
    assert responses == [
        Response(view.participant_id, "Anna", True, {"ownership.function": "hr", "context.employees": 40}),
        Response(responses[1].participant_id, "Bo", False, {"ownership.function": "communication", "context.employees": 41}),
        Response(responses[2].participant_id, "x" * 60, False, {"ownership.function": "ceo"}),
    ]

    store.set_workshop_status(workshop.id, "closed")
    with pytest.raises(WorkshopClosed):
        store.join_workshop(workshop.code)
    with pytest.raises(WorkshopClosed):
        store.save_participant_answer(people[1], "ownership.function", "hr")
    with pytest.raises(WorkshopClosed):
        store.set_finished(people[1])
    assert store.participant(people[1]).workshop.status == "closed"
    assert store.workshop_responses(workshop.id) == responses
    assert store.counts(workshop.id) == (3, 1)

    store.set_workshop_status(workshop.id, "open")
    late = store.join_workshop(workshop.code)
    store.save_participant_answer(people[1], "ownership.function", "hr")
    assert store.participant(people[1]).answers["ownership.function"] == "hr"
    assert store.counts(workshop.id) == (4, 1)

    store.set_agreed(workshop.id, {"ownership.function": "communication", "platforms.start": ["linkedin"], "x": None})
    store.set_workshop_note(workshop.id, "ownership", "Kommunikation ejer, HR hjælper")
    store.set_workshop_note(workshop.id, "gone", "soon")
    store.set_workshop_note(workshop.id, "gone", "")
    changed = store.update_workshop(workshop.id, title="Kick-off 2", show_results=False)
    assert changed.title == "Kick-off 2" and changed.show_results is False
    assert changed.agreed == {"ownership.function": "communication", "platforms.start": ["linkedin"]}
    assert changed.notes == {"ownership": "Kommunikation ejer, HR hjælper"}
    assert store.workshop_by_host_token(host) == changed

    other, _ = store.create_workshop("Other", "Other", "en")
    store.join_workshop(other.code)
    assert store.delete_workshop(workshop.id) is True
    assert count(store, schema.workshops) == 1
    assert count(store, schema.participants) == 1
    assert count(store, schema.participant_answers) == 0
    for token in [*people, late]:
        with pytest.raises(UnknownToken):
            store.participant(token)
    with pytest.raises(UnknownToken):
        store.workshop_by_host_token(host)
    with pytest.raises(UnknownCode):
        store.workshop_by_code(workshop.code)
    with pytest.raises(UnknownWorkshop):
        store.set_workshop_status(workshop.id, "open")
    assert store.delete_workshop(workshop.id) is False
    assert store.counts(workshop.id) == (0, 0)
    assert store.workshop_responses(workshop.id) == []


def test_anonymous_workshops_never_store_names(store):
    anonymous, _ = store.create_workshop("Org", "Anonymous", "da")
    assert anonymous.anonymous is True
    store.join_workshop(anonymous.code, "Anna")
    named, _ = store.create_workshop("Org", "Named", "da", anonymous=False)
    store.join_workshop(named.code, "Bo")
    store.join_workshop(named.code, "   ")
    names = lambda w: [r.display_name for r in store.workshop_responses(w.id)]  # noqa: E731
    assert names(anonymous) == [None]
    assert names(named) == ["Bo", None]
    store.update_workshop(named.id, anonymous=True)  # going anonymous erases the names given
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(schema.participants.c.display_name)).scalars().all()
    assert stored == [None, None, None]


def test_unknown_join_codes(store):
    for code in ("", "ABC", "ACDEFH", "0O1IL5", "ACDEFHJ", "ACDEFHJKM", "ÆØÅÆØÅ"):
        with pytest.raises(UnknownCode):
            store.workshop_by_code(code)
        with pytest.raises(UnknownCode):
            store.join_workshop(code)
    with pytest.raises(ValueError):
        store.set_workshop_status(1, "paused")


def test_a_join_code_collision_draws_a_new_code(store, monkeypatch):
    codes = iter(["ACDEFHJK", "ACDEFHJK", "ACDEFHJK", "KMNPQRTU"])
    monkeypatch.setattr(tokens, "new_code", lambda: next(codes))
    first, _ = store.create_workshop("Org", "One", "da")
    second, _ = store.create_workshop("Org", "Two", "da")
    assert (first.code, second.code) == ("ACDEFHJK", "KMNPQRTU")


def test_responses_for_4000_participants_take_one_query(store):
    workshop, _ = store.create_workshop("Big A/S", "All hands", "da")
    now = dt.datetime.now(dt.UTC)
    with store.engine.begin() as conn:
        conn.execute(schema.participants.insert(), [
            {"workshop_id": workshop.id, "token_hash": hashlib.sha256(str(n).encode()).hexdigest(),
             "display_name": None, "finished": n % 3 == 0, "joined_at": now, "updated_at": now} for n in range(4000)])
        ids = conn.execute(sa.select(schema.participants.c.id)).scalars().all()
        conn.execute(schema.participant_answers.insert(), [
            {"participant_id": pid, "question_id": f"q{i}", "value": str(i), "updated_at": now}
            for pid in ids for i in range(10)])
    seen = Statements(store.engine)
    try:
        started = time.perf_counter()
        responses = store.workshop_responses(workshop.id)
        elapsed = time.perf_counter() - started
    finally:
        seen.close()
    assert [s for s in seen.sql if s not in ("BEGIN", "COMMIT")] == ["SELECT"]
    assert len(responses) == 4000
    assert all(r.answers == {f"q{i}": i for i in range(10)} for r in responses)
    assert elapsed < 3.0, f"{elapsed:.2f} s for 4,000 participants"
    assert store.counts(workshop.id) == (4000, 1334)


# -- join codes, URLs and the per-process store (no database needed) ------------------------


def test_join_codes_have_eight_characters_without_look_alikes():
    assert not set("0O1IL5S2Z8B6G") & set(CODE_ALPHABET)
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(code) == 8 and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert set("".join(codes)) == set(CODE_ALPHABET)  # every character is used


def test_normalise_code_ignores_case_spaces_and_dashes():
    assert normalise_code("acd efh") == "ACDEFH"
    assert normalise_code(" Acd-eFh ") == "ACDEFH"
    assert normalise_code("ACD\u2013EFH\t") == "ACDEFH"


def test_workshop_host_token_is_stored_hashed(store):
    workshop, host = store.create_workshop("Org", "T", "da")
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(schema.workshops.c.host_token_hash)).scalar_one()
    assert stored == hashlib.sha256(host.encode()).hexdigest() and host not in stored
    assert store.workshop_by_host_token(host).id == workshop.id


def test_resolve_url(set_env):
    set_env(DATABASE_URL=None)
    assert resolve_url() == f"sqlite:///{ROOT / 'data' / 'readiness.db'}"
    set_env(DATABASE_URL="postgres://u@h/db")
    assert resolve_url() == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("sqlite:///x.db") == "sqlite:///x.db"


def test_get_store_gives_one_store_per_url_per_process(tmp_path, monkeypatch, set_env):
    monkeypatch.setattr(facade, "_stores", {})
    url = f"sqlite:///{tmp_path / 'nested' / 'folder' / 'app.db'}"
    stores: list[Store] = []
    threads = [threading.Thread(target=lambda: stores.append(get_store(url)), daemon=True) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)  # a deadlock fails the test instead of hanging the run
    try:
        assert len(stores) == 16, "get_store() did not return in every thread (deadlock?)"
        assert len({id(s) for s in stores}) == 1
        assert (tmp_path / "nested" / "folder" / "app.db").exists()
        assert get_store(f"sqlite:///{tmp_path / 'other.db'}") is not stores[0]
        set_env(DATABASE_URL=url)
        assert get_store() is stores[0]
    finally:
        for s in facade._stores.values():
            s.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    finally:
        s.dispose()


def test_one_agreed_answer_is_set_and_cleared_without_touching_the_others(store):
    workshop, _ = store.create_workshop("Org", "One", "da")
    store.set_agreed(workshop.id, {"ownership.sponsor": "partly", "platforms.start": ["linkedin"]})
    store.set_agreed_answer(workshop.id, "ownership.sponsor", "fully")
    store.set_agreed_answer(workshop.id, "platforms.start", [])
    store.set_agreed_answer(workshop.id, "cadence.frequency", "biweekly")
    assert store.workshop(workshop.id).agreed == {"ownership.sponsor": "fully", "cadence.frequency": "biweekly"}
    with pytest.raises(UnknownWorkshop):
        store.set_agreed_answer(workshop.id + 1, "ownership.sponsor", "fully")
