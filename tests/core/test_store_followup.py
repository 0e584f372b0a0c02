"""The store keeps follow-ups as a series, their progress, and retention until re-assessment + 90 days."""
# ruff: noqa: F811  (pytest fixtures imported from test_store)

import datetime as dt

import pytest

from readiness.answers import Assessment, Predecessor, RoadmapEdits, StatusChange
from readiness.store import UnknownToken
from tests.core.test_store import T0, clock, database_at, db_url, make_store, store  # noqa: F401  (fixtures)
from tests.pg import pg_cluster  # noqa: F401

EARLIER = Assessment(answers={"ownership.function": "undecided"}, language="en", organisation="Fjordhavn",
                     bank_version="2026.11.1")


def followup_of(earlier: Assessment, saved_at: str) -> Assessment:
    return Assessment(answers=dict(earlier.answers), language="en", organisation="Fjordhavn",
                      roadmap_start=dt.date(2027, 6, 1),
                      edits=RoadmapEdits(changed={"appoint_owner": {"status": "done"}}), bank_version="2026.11.1",
                      predecessor=Predecessor(saved_at=saved_at, bank_version="2026.11.1",
                                              answers=dict(earlier.answers), statuses={"appoint_owner": "done"}),
                      progress={"appoint_owner": (StatusChange("doing", dt.date(2027, 1, 5)),
                                                  StatusChange("done", dt.date(2027, 2, 5)))})


def test_a_follow_up_knows_its_predecessor_and_keeps_answers_statuses_and_progress(store, clock):
    first = store.create_assessment("en")
    store.replace_assessment(first, EARLIER)
    saved = store.load_assessment(first)
    second = store.create_followup(first, followup_of(EARLIER, saved.saved_at), keep_until=dt.date(2028, 3, 1))
    loaded = store.load_assessment(second)
    assert loaded.answers == EARLIER.answers
    assert loaded.predecessor.saved_at == saved.saved_at and loaded.predecessor.statuses == {"appoint_owner": "done"}
    assert loaded.progress["appoint_owner"][-1] == StatusChange("done", dt.date(2027, 2, 5))
    assert loaded.edits.changed == {"appoint_owner": {"status": "done"}}
    assert store.series_length(second) == 2 and store.series_length(first) == 1
    third = store.create_followup(second, followup_of(loaded, loaded.saved_at))
    assert store.series_length(third) == 3
    assert store.load_assessment(first).predecessor is None  # the earlier one is untouched


def test_a_check_in_saves_progress_and_deleting_the_earlier_keeps_the_follow_up(store, clock):
    first = store.create_assessment("en")
    second = store.create_followup(first, followup_of(EARLIER, ""))
    progress = {"appoint_owner": (StatusChange("done", dt.date(2027, 3, 1)),)}
    store.save_meta(second, progress=progress)
    assert store.load_assessment(second).progress == progress
    assert store.delete_assessment(first)
    assert store.series_length(second) == 1
    assert store.load_assessment(second).predecessor.answers == EARLIER.answers


def test_a_series_is_kept_until_its_re_assessment_plus_90_days_then_purged(store, clock):
    first = store.create_assessment("en")
    keep = (T0 + dt.timedelta(days=400)).date()
    second = store.create_followup(first, followup_of(EARLIER, ""), keep_until=keep)
    lone = store.create_assessment("en")
    clock.advance(days=200)  # untouched longer than the 180 days retention
    assert store.purge_untouched(180) == 1
    with pytest.raises(UnknownToken):
        store.load_assessment(lone)
    store.load_assessment(first)
    store.load_assessment(second)
    clock.advance(days=201)  # past keep_until, and untouched for 401 days
    assert store.purge_untouched(180) == 2
    with pytest.raises(UnknownToken):
        store.load_assessment(second)


def test_keep_until_only_grows(store, clock):
    token = store.create_assessment("en")
    store.save_meta(token, keep_until=dt.date(2027, 12, 1))
    store.save_meta(token, keep_until=dt.date(2027, 1, 1))  # a smaller day never shortens it
    clock.advance(days=200)  # 2027-06-16: untouched for 200 days, before 2027-12-01
    assert store.purge_untouched(180) == 0
    clock.advance(days=200)
    assert store.purge_untouched(180) == 1


def test_opening_the_link_counts_as_a_touch(store, clock):
    token = store.create_assessment("en")
    clock.advance(days=170)
    store.touch_assessment(token)
    clock.advance(days=170)
    assert store.purge_untouched(180) == 0
    clock.advance(days=11)
    assert store.purge_untouched(180) == 1


def test_a_0002_database_with_an_assessment_migrates_and_the_assessment_still_opens(db_url):
    from readiness.store import SCHEMA_REVISION, Store, hash_token

    database_at(db_url, "0002", (
        "INSERT INTO assessments (token_hash, language, organisation, roadmap_start, edits, notes,"
        " bank_version, created_at, updated_at) VALUES (:h, 'da', 'Gammel A/S', NULL, '{}', '{}', '', :t, :t)",
        {"h": hash_token("x" * 43), "t": T0}))
    migrated = Store(db_url)
    try:
        assert migrated.schema_revision() == SCHEMA_REVISION
        old = migrated.load_assessment("x" * 43)
        assert old.organisation == "Gammel A/S" and old.predecessor is None and old.progress == {}
        follow = migrated.create_followup("x" * 43, followup_of(EARLIER, old.saved_at))
        assert migrated.series_length(follow) == 2
    finally:
        migrated.dispose()
