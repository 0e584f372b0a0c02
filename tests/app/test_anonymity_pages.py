"""Anonymity on the workshop's pages (issue 11, finding 3): the projector and the anonymous host view
move only in batches of three finished participants, draw no per-person points, and a lone
participant's answers cannot be downloaded."""

from __future__ import annotations

import json

import pytest

from readiness.store import get_store, presenter_key
from tests.app.conftest import new_app

HOST, PRESENT = "pages/host.py", "pages/present.py"
ANSWERS = ["none", "started", "partly", "largely", "fully"]


@pytest.fixture
def store(database):
    return get_store(database)


def _join(store, workshop, answer, finish=True):
    token = store.join_workshop(workshop.code)
    store.save_participant_answer(token, "ownership.sponsor", answer)
    if finish:
        store.set_finished(token)
    return token


def _charts(at):
    assert not at.exception, at.exception
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _boxes(spec):
    return [(tuple(t["x"]), t.get("boxpoints")) for t in spec["data"] if t["type"] == "box"]


def _texts(at):
    return "\n".join(str(e.value) for kind in ("caption", "info", "markdown") for e in at.get(kind))


def _screen(workshop, host):
    at = new_app("en-GB")
    at.query_params["code"] = workshop.code
    at.query_params["k"] = presenter_key(host)
    at.switch_page(PRESENT).run()
    return at


def test_the_projector_moves_only_when_three_more_have_finished(store):
    workshop, host = store.create_workshop("Org", "Batches", "en")
    for answer in ANSWERS[:3]:
        _join(store, workshop, answer)
    screen = _screen(workshop, host)
    first = _charts(screen)
    assert first and all(points in (False, None) for _, points in _boxes(first[0]))  # no per-person dots
    fourth = _join(store, workshop, "fully", finish=False)  # the 4th answers: nothing moves
    assert _charts(screen.run()) == first
    store.set_finished(fourth)  # ... and finishes: still nothing (only one new)
    _join(store, workshop, "fully")  # the 5th
    assert _charts(screen.run()) == first
    _join(store, workshop, "largely")  # the 6th finished: the picture moves
    moved = _charts(screen.run())
    assert moved != first
    assert len(_boxes(moved[0])[-1][0]) == 6


def test_the_anonymous_host_view_has_no_dots_and_ignores_the_fourth_answer(store):
    workshop, host = store.create_workshop("Org", "Host", "en")
    for answer in ANSWERS[:3]:
        _join(store, workshop, answer)
    at = new_app("en-GB")
    at.query_params["h"] = host
    at.switch_page(HOST).run()
    before = _charts(at)
    assert before and all(points in (False, None) for _, points in _boxes(before[0]))
    _join(store, workshop, "fully", finish=False)
    assert _charts(at.run()) == before
    assert "at least 3 more participants" in _texts(at)


def test_the_projector_says_how_many_finished_until_three(store):
    workshop, host = store.create_workshop("Org", "Few", "en")
    _join(store, workshop, "fully")
    _join(store, workshop, "none", finish=False)
    screen = _screen(workshop, host)
    assert not _charts(screen)
    assert "at least 3 people have finished" in _texts(screen) and "(1 so far)" in _texts(screen)


def test_a_finished_phone_counts_the_finished_until_three_have_finished(store):
    from ui import state

    workshop, _ = store.create_workshop("Org", "Few", "en", show_results=True)
    mine = _join(store, workshop, "fully")
    _join(store, workshop, "none", finish=False)
    phone = new_app("en-GB")
    phone.query_params["p"] = mine
    phone.session_state[state.WS_STEP] = 99  # past the last step: the page that says thank you
    phone.switch_page("pages/join.py").run()
    assert not phone.exception, phone.exception
    assert "at least 3 people have finished" in _texts(phone) and "(1 so far)" in _texts(phone)


def test_a_lone_participant_cannot_be_downloaded(store):
    workshop, host = store.create_workshop("Org", "Lone", "en")
    _join(store, workshop, "fully")
    at = new_app("en-GB")
    at.query_params["h"] = host
    at.switch_page(HOST).run()
    at.session_state["w.en.ws.host_tab"] = "Result and downloads"
    at.run()
    assert not at.exception, at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert not [label for label in labels if "CSV" in label or "Excel" in label], labels
    assert "spreadsheets can be downloaded once at least 3" in _texts(at)
    _join(store, workshop, "none")
    _join(store, workshop, "partly")
    at.run()
    assert len(at.get("download_button")) == len(labels) + 2  # three finished: CSV and Excel are offered
