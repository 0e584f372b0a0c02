"""Outages mid-session: every answer given while the database is down reaches it once it is back.

Two ways down: SQLite through a fault-injecting connection (every statement fails with "database
or disk is full", as a full disk or a read-only file does) and a real PostgreSQL server stopped
and started again. Two sessions share one resume token: the tab that lived through the outage
writes only the fields it changed, so the other tab's saves stand. A resume link opened while the
database is down stays the link: answers given meanwhile are merged into it, no new assessment.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from readiness import settings
from readiness.store import get_store
from tests.app.conftest import new_app
from tests.app.helpers import answer_step
from tests.pg import pg_cluster  # noqa: F401  (a fixture)
from ui import state

BEFORE = {"ownership.function": "hr"}
DURING = {"ownership.sponsor": "largely", "ownership.hours": 3}
AFTER = {"ownership.budget": "partly"}


class SqliteFault:
    """Make every statement on the store's engine fail like a full disk, while ``down``."""

    def __init__(self, engine) -> None:
        self.down = False
        event.listen(engine, "before_cursor_execute", self._check)
        self.engine = engine

    def _check(self, *args) -> None:
        if self.down:
            raise sqlite3.OperationalError("database or disk is full")

    def remove(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._check)


@pytest.fixture(params=["sqlite", "postgresql"])
def outage(request, database, monkeypatch):
    """(store, a context manager that takes the database down for its block)."""
    if request.param == "sqlite":
        store = get_store(database)
        fault = SqliteFault(store.engine)

        @contextmanager
        def down():
            fault.down = True
            try:
                yield
            finally:
                fault.down = False

        yield store, down
        fault.remove()
    else:
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.new_database()
        monkeypatch.setenv("DATABASE_URL", url)
        settings.reload()
        store = get_store(url)

        @contextmanager
        def down():
            cluster.pause()
            try:
                yield
            finally:
                cluster.resume()

        try:
            yield store, down
        finally:
            cluster.resume()
            store.engine.dispose()
            cluster.drop_database(url)


def _count(store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.text("SELECT count(*) FROM assessments")).scalar()


def _wizard(token=None):
    at = new_app("da-DK")
    if token:
        at.query_params["a"] = token
    at.switch_page("pages/assess.py").run()
    at.session_state[state.STEP] = 1
    at.run()
    assert not at.exception, at.exception
    return at


def _warned(at) -> bool:
    return any("kunne ikke gemmes" in w.value for w in at.warning)


def test_answers_given_during_an_outage_are_all_stored_when_it_ends_and_another_tab_keeps_its_own(outage):
    store, down = outage
    tab = _wizard()
    answer_step(tab, BEFORE)
    token = tab.session_state[state.TOKEN]
    other = _wizard(token)  # a second tab on the same resume link
    with down():
        answer_step(tab, DURING)
        tab.session_state[state.STEP] = 0
        tab.run()
        tab.text_input(key="w.organisation").input("Fjordhavn").run()
        assert _warned(tab)
        tab.session_state[state.STEP] = 1
        tab.run()
        assert _warned(tab), "the warning stays until the answers are stored"
    answer_step(other, {"ownership.named_person": "yes"})  # the other tab saves first once it is back
    answer_step(tab, AFTER)
    assert not tab.exception and not _warned(tab)
    stored = store.load_assessment(token)
    assert stored.answers == {**BEFORE, **DURING, **AFTER, "ownership.named_person": "yes"}
    assert stored.organisation == "Fjordhavn"
    assert _count(store) == 1


def test_a_resume_link_opened_during_an_outage_gets_the_answers_given_meanwhile_and_stays_the_link(outage):
    store, down = outage
    token = store.create_assessment(language="da")
    store.save_answers(token, BEFORE)
    with down():
        tab = _wizard(token)
        assert tab.query_params["a"] in (token, [token])
        answer_step(tab, DURING)
        assert _warned(tab) and tab.session_state[state.TOKEN] is None
    answer_step(tab, AFTER)
    assert tab.session_state[state.TOKEN] == token and tab.query_params["a"] in (token, [token])
    assert store.load_assessment(token).answers == {**BEFORE, **DURING, **AFTER}
    assert tab.session_state[state.ASSESSMENT].answers == {**BEFORE, **DURING, **AFTER}
    assert _count(store) == 1, "no second assessment"
    assert not _warned(tab)


def test_a_resume_link_opened_during_an_outage_is_merged_on_the_next_visit_without_a_new_answer(outage):
    store, down = outage
    token = store.create_assessment(language="da")
    store.save_answers(token, BEFORE)
    with down():
        tab = _wizard(token)
        answer_step(tab, DURING)
    tab.run()  # the database is back: the link opens, the answers given meanwhile go into it
    assert not tab.exception, tab.exception
    assert tab.session_state[state.TOKEN] == token
    assert store.load_assessment(token).answers == {**BEFORE, **DURING}
    assert _count(store) == 1
