"""The employee pulse in the store (SQLite and a real PostgreSQL server): the workshop's pulse setting,
pulse answers beside the planning answers, and the migration that adds the setting."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from readiness.pulse import aggregate_pulse, load_pulse
from readiness.store import SCHEMA_REVISION, Store
from tests.core.test_store import T0, database_at, db_url, make_store, store  # noqa: F401  (the SQLite/PostgreSQL fixtures)
from tests.pg import pg_cluster  # noqa: F401  (the session's PostgreSQL server)


def test_a_workshop_keeps_its_pulse_setting(store):  # noqa: F811
    plain, _ = store.create_workshop("Acme", "Planning", "da")
    assert plain.pulse == "off"
    pulse_only, _ = store.create_workshop("Acme", "All staff", "en", pulse="only")
    assert store.workshop(pulse_only.id).pulse == "only"
    assert store.workshop_by_code(pulse_only.code).pulse == "only"
    assert store.update_workshop(plain.id, pulse="with").pulse == "with"
    assert store.workshop(plain.id).pulse == "with"


def test_an_unknown_pulse_setting_is_refused(store):  # noqa: F811
    with pytest.raises(ValueError, match="pulse: expected one of off, with, only, got 'sometimes'"):
        store.create_workshop("Acme", "x", "da", pulse="sometimes")
    workshop, _ = store.create_workshop("Acme", "x", "da")
    with pytest.raises(ValueError, match="pulse: expected one of"):
        store.update_workshop(workshop.id, pulse=True)
    assert store.workshop(workshop.id).pulse == "off"


def test_pulse_answers_live_beside_the_planning_answers(store):  # noqa: F811
    workshop, _ = store.create_workshop("Acme", "All staff", "da", pulse="with")
    tokens = [store.join_workshop(workshop.code) for _ in range(3)]
    for token, willing in zip(tokens, ("gladly", "sometimes", "rather_not")):
        store.save_participant_answer(token, "ownership.budget", "partly")
        store.save_participant_answer(token, "pulse.willing", willing)
        store.save_participant_answer(token, "pulse.platforms", ["linkedin", "facebook"])
        store.set_finished(token)
    store.save_participant_answer(tokens[0], "pulse.platforms", None)  # an empty answer removes it
    view = store.participant(tokens[0])
    assert view.answers == {"ownership.budget": "partly", "pulse.willing": "gladly"}
    agg = aggregate_pulse(load_pulse(), store.workshop_responses(workshop.id))
    assert agg.n == 3
    assert agg.questions["pulse.willing"].counts[:2] == (("gladly", 1), ("sometimes", 1))
    assert "pulse.platforms" not in agg.questions  # two answers left: under the threshold
    assert store.delete_workshop(workshop.id)
    assert store.workshop_responses(workshop.id) == []


def test_a_0004_database_migrates_and_its_workshops_ask_no_pulse(db_url):  # noqa: F811
    database_at(db_url, "0004", (
        "INSERT INTO workshops (code, host_token_hash, organisation, title, language, anonymous, show_results,"
        " status, created_at, updated_at, agreed, notes, revision) VALUES ('ACDEFHJK', :h, 'Old A/S', 'Before',"
        " 'da', true, false, 'open', :t, :t, '{}', '{}', 3)", {"h": "0" * 64, "t": T0}),
        ("INSERT INTO participants (workshop_id, token_hash, finished, joined_at, updated_at, revision)"
         " SELECT id, :p, true, created_at, created_at, 3 FROM workshops", {"p": "1" * 64}),
        ("INSERT INTO participant_answers (participant_id, question_id, value, updated_at)"
         " SELECT id, 'ownership.budget', '\"partly\"', joined_at FROM participants", {}))
    migrated = Store(db_url)
    try:
        assert migrated.schema_revision() == SCHEMA_REVISION
        old = migrated.workshop_by_code("ACDEFHJK")
        assert (old.title, old.pulse) == ("Before", "off")
        assert [r.answers for r in migrated.workshop_responses(old.id)] == [{"ownership.budget": "partly"}]
        assert migrated.update_workshop(old.id, pulse="only").pulse == "only"
        new, _ = migrated.create_workshop("New A/S", "After", "en", pulse="with")
        assert migrated.workshop(new.id).pulse == "with"
    finally:
        migrated.dispose()


def test_the_pulse_migration_goes_down_and_up_again(db_url):  # noqa: F811
    from alembic import command
    from alembic.config import Config

    import readiness.store as store_mod

    Store(db_url).dispose()
    engine = sa.create_engine(store_mod.resolve_url(db_url))
    try:
        for target in ("0004", "head"):
            with engine.begin() as conn:
                config = Config()
                config.set_main_option("script_location", str(store_mod.MIGRATIONS_DIR))
                config.attributes["connection"] = conn
                (command.downgrade if target == "0004" else command.upgrade)(config, target)
            for table in ("workshops", "assessments"):
                columns = {c["name"] for c in sa.inspect(engine).get_columns(table)}
                assert ("pulse" in columns) is (target == "head"), table
    finally:
        engine.dispose()


def test_an_assessment_keeps_the_pulse_it_was_imported_with(store):  # noqa: F811
    from readiness.answers import Assessment
    from tests.core.test_pulse import ROOM

    agg = aggregate_pulse(load_pulse(), ROOM)
    token = store.create_assessment("en")
    store.replace_assessment(token, Assessment(answers={"context.employees": 200}, language="en", pulse=agg))
    loaded = store.load_assessment(token)
    assert loaded.pulse == agg and loaded.answers == {"context.employees": 200}
    store.replace_assessment(token, loaded.replace(pulse=None))  # a file without a pulse: none is kept
    assert store.load_assessment(token).pulse is None
