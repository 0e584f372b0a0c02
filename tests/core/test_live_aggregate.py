"""The live views' running aggregate (issue 18): the same results as the full computation after any
sequence of joins, changed and withdrawn answers and finishes, and the store's revision queries
that feed it (SQLite and PostgreSQL), including the migration from 0002."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

from hypothesis import given, settings
from hypothesis import strategies as st

import readiness.store as store_mod
from readiness.samples import random_answers
from readiness.store import Response, Store
from readiness.workshop import RunningAggregate, aggregate, counted
from tests.core.test_store import database_at, db_url, make_store, store  # noqa: F401  (the SQLite/PostgreSQL fixtures)
from tests.pg import pg_cluster  # noqa: F401

# one step: (participant, seed of their new answers, withdraw some, finished)
steps = st.lists(st.tuples(st.integers(0, 7), st.integers(0, 10_000), st.booleans(), st.booleans()),
                 min_size=1, max_size=40)


def _state(bank, seed, withdraw, finished, pid, previous):
    answers = dict(previous)
    answers.update(random_answers(bank, random.Random(seed)))
    if withdraw:  # withdraw every other answer the participant had
        for qid in sorted(answers)[::2]:
            del answers[qid]
    return Response(pid, None, finished, answers)


@settings(max_examples=60)
@given(steps, st.booleans())
def test_the_running_aggregate_equals_the_full_computation(bank, history, closed):
    running_all, running_finished = RunningAggregate(bank), RunningAggregate(bank)
    people: dict[int, Response] = {}
    for pid, seed, withdraw, finished in history:
        person = _state(bank, seed, withdraw, finished, pid + 1, people.get(pid + 1, Response(0, None, False, {})).answers)
        people[pid + 1] = person
        running_all.apply([person])
        running_finished.apply([person], None if closed else (lambda r: r.finished))
        everyone = sorted(people.values(), key=lambda r: r.participant_id)
        assert running_all.result() == aggregate(bank, everyone)
        assert running_finished.result() == aggregate(bank, counted(everyone, closed=closed))


def test_a_participant_who_unfinishes_leaves_the_finished_aggregate(bank):
    running = RunningAggregate(bank)
    person = Response(1, None, True, {"ownership.sponsor": "fully"})
    running.apply([person], lambda r: r.finished)
    assert len(running) == 1 and running.result().questions["ownership.sponsor"].answered == 1
    running.apply([Response(1, None, False, {"ownership.sponsor": "none"})], lambda r: r.finished)
    assert len(running) == 0 and running.result() == aggregate(bank, [])


def test_the_store_hands_out_only_what_changed_since_a_revision(store):  # noqa: F811
    workshop, _ = store.create_workshop("Org", "Revisions", "da")
    first, second = store.join_workshop(workshop.code), store.join_workshop(workshop.code)
    store.save_participant_answer(first, "ownership.sponsor", "fully")
    revision, changed = store.workshop_changes(workshop.id)
    assert revision == 3
    assert [r.answers for r in changed] == [{"ownership.sponsor": "fully"}, {}]  # in joining order
    assert store.workshop_changes(workshop.id, revision) == (revision, [])
    store.save_participant_answer(second, "ownership.sponsor", "none")
    store.save_participant_answer(first, "ownership.sponsor", "")  # withdrawn
    store.set_finished(first)
    later, changed = store.workshop_changes(workshop.id, revision)
    assert later == revision + 3
    assert {r.participant_id: (r.finished, r.answers) for r in changed} == {
        changed[0].participant_id: (True, {}), changed[1].participant_id: (False, {"ownership.sponsor": "none"})}


def test_concurrent_writes_leave_no_revision_unread(store):  # noqa: F811
    """Readers catching up while 40 phones write at once end with the same aggregate as a full read."""
    from readiness.bank import load_bank

    bank = load_bank()
    workshop, _ = store.create_workshop("Org", "Room", "en")
    tokens = [store.join_workshop(workshop.code) for _ in range(40)]
    running = RunningAggregate(bank)
    revision = 0

    def write(i):
        answers = random_answers(bank, random.Random(i))
        for qid in [q for q in ("ownership.sponsor", "ownership.budget", "platforms.start") if q in answers]:
            store.save_participant_answer(tokens[i], qid, answers[qid])
        store.set_finished(tokens[i])

    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(write, i) for i in range(40)]
        while not all(f.done() for f in futures):
            revision, changed = store.workshop_changes(workshop.id, revision)
            running.apply(changed)
        for f in futures:
            f.result()
    revision, changed = store.workshop_changes(workshop.id, revision)
    running.apply(changed)
    assert running.result() == aggregate(bank, store.workshop_responses(workshop.id))


def test_a_database_from_before_the_revisions_migrates_and_counts_its_old_participants(db_url):  # noqa: F811
    database_at(
        db_url, "0003",  # the revision before the live revisions
        ("INSERT INTO workshops (code, host_token_hash, organisation, title, language, anonymous, show_results,"
         " status, created_at, updated_at, agreed, notes) VALUES ('ACDEFHJK', :h, 'Old A/S', 'Before', 'da',"
         " true, true, 'open', '2026-11-28 12:00:00+00', '2026-11-28 12:00:00+00', '{}', '{}')", {"h": "0" * 64}),
        ("INSERT INTO participants (workshop_id, token_hash, finished, joined_at, updated_at)"
         " SELECT id, :t, true, created_at, created_at FROM workshops", {"t": "1" * 64}),
        ("INSERT INTO participant_answers (participant_id, question_id, value, updated_at)"
         " SELECT id, 'ownership.budget', '\"partly\"', joined_at FROM participants", {}))
    store = Store(db_url)  # noqa: F811
    try:
        assert store.schema_revision() == store_mod.SCHEMA_REVISION == "0005"
        workshop = store.workshop_by_code("ACDEFHJK")
        revision, changed = store.workshop_changes(workshop.id)  # the first refresh reads the old participant
        assert revision == 1 and [(r.finished, r.answers) for r in changed] == [(True, {"ownership.budget": "partly"})]
        token = store.join_workshop(workshop.code)
        store.save_participant_answer(token, "ownership.sponsor", "fully")
        later, changed = store.workshop_changes(workshop.id, revision)
        assert later == 3 and [r.answers for r in changed] == [{"ownership.sponsor": "fully"}]
    finally:
        store.engine.dispose()
