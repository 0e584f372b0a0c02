"""The roadmap editor in AppTest: "add an action" (a title and the plan's defaults, saved at once,
there after a reload), "change one action", and a clear note on actions dated outside their phase."""

from __future__ import annotations

import datetime as dt

import pytest

from readiness.answers import Assessment
from readiness.bank import load_bank
from readiness.roadmap import build_roadmap
from readiness.samples import worst_answers
from readiness.store import Store
from tests.app.conftest import new_app
from ui import state

BANK = load_bank()
START = dt.date(2027, 1, 4)
ROADMAP = "pages/roadmap.py"


def _demo(lang: str) -> Assessment:
    return Assessment(answers=worst_answers(BANK), language=lang, organisation="Fjordhavn", roadmap_start=START)


@pytest.fixture
def saved(database):
    store = Store(database)
    token = store.create_assessment(language="da")
    store.replace_assessment(token, _demo("da"))
    return store, token


def _open(token, locale="da-DK"):
    at = new_app(locale)
    at.query_params["a"] = token
    at.switch_page(ROADMAP).run()
    assert not at.exception, at.exception
    return at


def _table(at):
    return at.dataframe(key="w.editor.roadmap")


def _texts(at) -> str:
    return "\n".join(str(e.value) for kind in ("warning", "success", "error", "info", "caption", "markdown")
                     for e in at.get(kind))


def test_the_add_form_shows_the_defaults_and_saves_a_title_alone_at_once(saved):
    store, token = saved
    at = _open(token)
    plan = build_roadmap(BANK, _demo("da"))
    first = plan.phases[0]
    assert at.selectbox(key="w.roadmap.add.phase").value == first.id
    assert at.date_input(key="w.roadmap.add.start").value == first.start
    assert at.date_input(key="w.roadmap.add.end").value == first.end
    assert at.text_input(key="w.roadmap.add.owner").value == plan.owner
    assert at.selectbox(key="w.roadmap.add.status").value == "todo"
    at.text_input(key="w.roadmap.add.title").input("Fortæl ledergruppen om piloten")
    at.button(key="w.roadmap.add.submit").click().run()
    assert not at.exception, at.exception
    added = at.session_state[state.ASSESSMENT].edits.added
    assert len(added) == 1
    assert added[0] | {"id": "custom-1"} == {
        "id": "custom-1", "title": "Fortæl ledergruppen om piloten", "phase": first.id, "owner": plan.owner,
        "start": first.start.isoformat(), "end": first.end.isoformat(), "status": "todo", "why": "", "kpi": ""}
    assert "Fortæl ledergruppen om piloten" in _texts(at)  # the success message
    assert at.text_input(key="w.roadmap.add.title").value == ""  # ready for the next one
    assert store.load_assessment(token).edits.added == added  # saved at once
    again = _open(token)  # a reload
    assert [a["title"] for a in again.session_state[state.ASSESSMENT].edits.added] == ["Fortæl ledergruppen om piloten"]
    assert "Fortæl ledergruppen om piloten" in list(_table(again).value["title"])  # and in the table


def test_choosing_a_phase_moves_the_dates_and_a_missing_title_is_refused(saved):
    _, token = saved
    at = _open(token, "en-GB")
    pilot = build_roadmap(BANK, _demo("da")).phase("pilot")
    at.selectbox(key="w.roadmap.add.phase").set_value("pilot").run()
    assert at.date_input(key="w.roadmap.add.start").value == pilot.start
    assert at.date_input(key="w.roadmap.add.end").value == pilot.end
    at.button(key="w.roadmap.add.submit").click().run()
    assert not at.exception, at.exception
    assert at.session_state[state.ASSESSMENT].edits.added == ()
    assert [e.value for e in at.error] == ["Giv handlingen en titel, før I tilføjer den."]


def test_an_action_added_outside_its_phase_gets_a_clear_note(saved):
    _, token = saved
    at = _open(token)
    first = build_roadmap(BANK, _demo("da")).phases[0]
    assert not at.warning or "uden for" not in _texts(at)  # the plan as generated: nothing outside
    at.text_input(key="w.roadmap.add.title").input("Sommerfest")
    at.date_input(key="w.roadmap.add.end").set_value(first.end + dt.timedelta(days=30))
    at.button(key="w.roadmap.add.submit").click().run()
    assert not at.exception, at.exception
    assert len(at.session_state[state.ASSESSMENT].edits.added) == 1  # saved, and said so
    notes = [w.value for w in at.warning if "uden for" in w.value]
    assert notes and any("Sommerfest" in n for n in notes)
    again = _open(token)  # the page-wide note stays as long as the action is outside
    assert any("Sommerfest" in w.value and "uden for" in w.value for w in again.warning)


def test_change_one_action_saves_owner_status_and_dates(saved):
    store, token = saved
    at = _open(token)
    plan = build_roadmap(BANK, _demo("da"))
    target = plan.actions[2]
    at.selectbox(key="w.roadmap.one.pick").set_value(target.id).run()
    assert at.text_input(key=f"w.roadmap.one.{target.id}.owner").value == target.owner
    at.text_input(key=f"w.roadmap.one.{target.id}.owner").input("Hanne Ø.")
    at.selectbox(key=f"w.roadmap.one.{target.id}.status").set_value("doing")
    at.button(key="w.roadmap.one.submit").click().run()
    assert not at.exception, at.exception
    assert store.load_assessment(token).edits.changed[target.id] == {"owner": "Hanne Ø.", "status": "doing"}
    assert at.text_input(key=f"w.roadmap.one.{target.id}.owner").value == "Hanne Ø."  # shows it as it is now
    phase = plan.phase(target.phase)
    at.date_input(key=f"w.roadmap.one.{target.id}.start").set_value(phase.start - dt.timedelta(days=14))
    at.button(key="w.roadmap.one.submit").click().run()
    assert any("uden for" in w.value for w in at.warning)


def test_the_table_no_longer_adds_rows_that_cannot_be_saved_and_fits_the_page(saved):
    _, token = saved
    proto = _table(_open(token)).proto
    assert proto.editing_mode == proto.EditingMode.DELETE_ONLY
    assert list(_table(_open(token)).value.columns) == ["title", "phase", "owner", "start", "end", "status"]
