"""Workshop groups in the store (issue 15), on SQLite and PostgreSQL, and the migration from 0005."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from readiness.groups import Group, GroupsError, GroupSetup, default_groups
from readiness.store import Store, UnknownToken, WorkshopClosed
from readiness.store.groups import GroupsLocked
from tests.core.test_store import database_at, db_url, make_store, store  # noqa: F401  (the SQLite/PostgreSQL fixtures)
from tests.pg import pg_cluster  # noqa: F401

SETUP = GroupSetup((Group("top", "Ledelse"), Group("emp", "Medarbejdere")))


def test_a_new_workshop_has_no_groups_and_the_host_sets_and_edits_them_before_anyone_joins(store):  # noqa: F811
    workshop, _ = store.create_workshop("Org", "Groups", "da")
    assert store.workshop_groups(workshop.id) is None
    store.set_workshop_groups(workshop.id, GroupSetup(default_groups("da"), 4))
    assert store.workshop_groups(workshop.id) == GroupSetup(default_groups("da"), 4)
    store.set_workshop_groups(workshop.id, SETUP)
    assert store.workshop_groups(workshop.id) == SETUP
    store.set_workshop_groups(workshop.id, None)
    assert store.workshop_groups(workshop.id) is None


def test_once_somebody_joined_only_the_threshold_may_go_up(store):  # noqa: F811
    workshop, _ = store.create_workshop("Org", "Groups", "da")
    store.set_workshop_groups(workshop.id, SETUP)
    store.join_workshop(workshop.code)
    with pytest.raises(GroupsLocked):
        store.set_workshop_groups(workshop.id, GroupSetup(SETUP.groups[:1]))
    with pytest.raises(GroupsLocked):
        store.set_workshop_groups(workshop.id, None)
    store.set_workshop_groups(workshop.id, GroupSetup(SETUP.groups, 5))
    with pytest.raises(GroupsLocked):
        store.set_workshop_groups(workshop.id, GroupSetup(SETUP.groups, 4))
    assert store.workshop_groups(workshop.id).threshold == 5


def test_bad_group_lists_and_thresholds_are_refused(store):  # noqa: F811
    workshop, _ = store.create_workshop("Org", "Groups", "da")
    for bad in (GroupSetup(SETUP.groups, 2), GroupSetup(SETUP.groups, 6), GroupSetup((Group("a b", "x"),))):
        with pytest.raises(GroupsError):
            store.set_workshop_groups(workshop.id, bad)
    assert store.workshop_groups(workshop.id) is None


def test_participants_choose_a_group_or_rather_not_say_and_the_host_reads_who_is_where(store):  # noqa: F811
    workshop, _ = store.create_workshop("Org", "Groups", "da")
    store.set_workshop_groups(workshop.id, SETUP)
    first, second, third = (store.join_workshop(workshop.code) for _ in range(3))
    store.set_participant_group(first, "top")
    store.set_participant_group(second, "emp")
    store.set_participant_group(second, None)  # changed their mind: rather not say
    assert store.participant_group(first) == "top" and store.participant_group(second) is None
    with pytest.raises(ValueError, match="no group 'nope'"):
        store.set_participant_group(third, "nope")
    ids = [r.participant_id for r in store.workshop_responses(workshop.id)]
    assert store.participant_groups(workshop.id) == {ids[0]: "top", ids[1]: None, ids[2]: None}
    revision, _ = store.workshop_changes(workshop.id)
    store.set_participant_group(third, "emp")  # the live views re-read a participant who changed group
    later, changed = store.workshop_changes(workshop.id, revision)
    assert later == revision + 1 and [r.participant_id for r in changed] == [ids[2]]
    store.set_workshop_status(workshop.id, "closed")
    with pytest.raises(WorkshopClosed):
        store.set_participant_group(first, "emp")
    with pytest.raises(UnknownToken):
        store.set_participant_group("x" * 43, "emp")


def test_a_workshop_without_groups_takes_no_group(store):  # noqa: F811
    workshop, _ = store.create_workshop("Org", "No groups", "da")
    token = store.join_workshop(workshop.code)
    with pytest.raises(ValueError):
        store.set_participant_group(token, "top")
    store.set_participant_group(token, None)
    assert store.participant_group(token) is None


def test_deleting_the_workshop_deletes_the_groups_participants_chose(store):  # noqa: F811
    workshop, _ = store.create_workshop("Org", "Groups", "da")
    store.set_workshop_groups(workshop.id, SETUP)
    token = store.join_workshop(workshop.code)
    store.set_participant_group(token, "top")
    store.delete_workshop(workshop.id)
    with pytest.raises(UnknownToken):
        store.participant_group(token)
    assert store.participant_groups(workshop.id) == {}


def test_a_0005_database_migrates_with_no_groups_and_the_default_threshold(db_url):  # noqa: F811
    database_at(
        db_url, "0005",
        ("INSERT INTO workshops (code, host_token_hash, organisation, title, language, anonymous, show_results,"
         " status, created_at, updated_at, agreed, notes, revision) VALUES ('ACDEFHJK', :h, 'Old A/S', 'Before',"
         " 'da', true, true, 'open', '2026-11-28 12:00:00+00', '2026-11-28 12:00:00+00', '{}', '{}', 1)",
         {"h": "0" * 64}),
        ("INSERT INTO participants (workshop_id, token_hash, finished, joined_at, updated_at, revision)"
         " SELECT id, :t, true, created_at, created_at, 1 FROM workshops", {"t": "1" * 64}))
    migrated = Store(db_url)
    try:
        assert migrated.schema_revision() == "0006"
        workshop = migrated.workshop_by_code("ACDEFHJK")
        assert migrated.workshop_groups(workshop.id) is None
        with migrated.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT group_threshold FROM workshops")).scalar_one() == 3
        assert list(migrated.participant_groups(workshop.id).values()) == [None]
        with pytest.raises(GroupsLocked):  # somebody joined before the migration: no groups afterwards
            migrated.set_workshop_groups(workshop.id, GroupSetup(SETUP.groups, 4))
        fresh, _ = migrated.create_workshop("Org", "After", "da")
        migrated.set_workshop_groups(fresh.id, SETUP)
        assert migrated.workshop_groups(fresh.id) == SETUP
    finally:
        migrated.dispose()
