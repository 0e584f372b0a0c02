"""The join code's attempt limit as a phone and a projector meet it (no oracle, a reload keeps it,
the signed join link always opens), the participant and creation caps, and the closed projector."""

from __future__ import annotations

import pytest

from readiness import settings
from readiness.store import get_store, join_key, presenter_key
from tests.app.conftest import new_app
from tests.app.test_workshop_pages import _texts
from ui import state

HOST, JOIN, PRESENT = "pages/host.py", "pages/join.py", "pages/present.py"
ADDRESS, PHONE = "203.0.113.7", "Mozilla/5.0 (iPhone) Safari"
BLOCKED = "Too many attempts"


@pytest.fixture
def store(database):
    return get_store(database)


def _phone(page: str = JOIN, address: str = ADDRESS, agent: str = PHONE, **params: str):
    at = new_app("en-GB")
    at.session_state[state.TEST_ADDRESS] = address
    at.session_state[state.TEST_USER_AGENT] = agent
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _type(at, code: str) -> None:
    at.text_input(key="w.ws.code").input(code).run()
    at.button(key="w.ws.look_up").click().run()
    assert not at.exception, at.exception


def _exhaust(at) -> None:
    for attempt in range(settings.get().wrong_codes_per_device):
        _type(at, f"ZZZZZZZ{'ACDEFH'[attempt]}")
    assert BLOCKED in _texts(at)


def test_a_reload_does_not_reset_the_limit(store):
    _exhaust(_phone())
    reloaded = _phone()  # a reload: a new Streamlit session, the same address and browser
    assert BLOCKED in _texts(reloaded)
    assert not reloaded.get("text_input")


def test_past_the_limit_the_right_code_is_refused_exactly_like_a_wrong_one(store):
    workshop, _ = store.create_workshop("Fjordhavn", "Kick", "en")
    _exhaust(_phone())
    right = _phone(code=workshop.code)
    wrong = _phone(code="AAAAAAAA")
    assert BLOCKED in _texts(right) and "Kick" not in _texts(right) and "Fjordhavn" not in _texts(right)
    assert _texts(right) == _texts(wrong)
    assert "p" not in right.query_params


def test_the_projector_counts_wrong_codes_and_past_the_limit_shows_no_workshop(store):
    workshop, _ = store.create_workshop("Fjordhavn", "Kick", "en")
    limit = settings.get().wrong_codes_per_device
    for i in range(limit):  # the last one reaches the limit
        assert BLOCKED not in _texts(_phone(PRESENT, code=f"ZZZZZZZ{'ACDEFH'[i]}")) or i == limit - 1
    right = _phone(PRESENT, code=workshop.code)
    wrong = _phone(PRESENT, code="AAAAAAAA")
    assert BLOCKED in _texts(right) and "Kick" not in _texts(right)
    assert _texts(right) == _texts(wrong)
    wrong_key = _phone(PRESENT, code=workshop.code, k="A" * 22)  # a made-up key is the code alone
    assert _texts(wrong_key) == _texts(wrong)


def test_the_signed_join_link_opens_its_workshop_even_when_the_address_is_blocked(store):
    workshop, host = store.create_workshop("Fjordhavn", "Kick", "en")
    for i in range(settings.get().wrong_codes_per_address):  # a neighbour's typos lock the whole address
        _type(_phone(agent=f"neighbour {i}"), "ZZZZZZZZ")
    assert BLOCKED in _texts(_phone())
    at = _phone(code=workshop.code, j=join_key(host))
    assert "Kick" in _texts(at) and BLOCKED not in _texts(at)
    at.button(key="w.ws.join").click().run()
    assert not at.exception, at.exception
    assert at.query_params["p"] and "j" not in at.query_params
    forged = _phone(code=workshop.code, j=presenter_key(host))  # not the join key: the limit applies
    assert BLOCKED in _texts(forged) and "Kick" not in _texts(forged)


def test_the_host_and_the_projector_show_the_signed_join_link(store):
    at = new_app("en-GB")
    at.switch_page(HOST).run()
    at.text_input(key="w.ws.organisation").input("Fjordhavn").run()
    at.button(key="w.ws.create").click().run()
    host = at.query_params["h"]
    workshop = store.workshop_by_host_token(host)
    assert f"/join?code={workshop.code}&j={join_key(host)}" in _texts(at)
    assert store.join_key(workshop.id) == join_key(host)


def test_a_closed_workshops_projector_says_it_is_closed_and_nothing_else(store):
    workshop, host = store.create_workshop("Fjordhavn Rådgivning", "Strategy day", "en")
    store.set_workshop_status(workshop.id, "closed")
    for params in ({"code": workshop.code}, {"code": workshop.code, "k": presenter_key(host)}):
        text = _texts(_phone(PRESENT, **params))
        assert "This workshop is closed" in text
        assert "Strategy day" not in text and "Fjordhavn" not in text
        assert "enter the code" not in text and "Go to" not in text and workshop.code not in text.replace(" ", "")


def test_a_full_workshop_turns_the_next_participant_away_with_a_message(store):
    settings.reload(max_participants=1)
    workshop, _ = store.create_workshop("Fjordhavn", "Pulse", "da")
    store.join_workshop(workshop.code)
    at = _phone(code=workshop.code)
    at.button(key="w.ws.join").click().run()
    assert not at.exception, at.exception
    assert "p" not in at.query_params
    assert "Workshoppen er fuld" in _texts(at)  # the workshop's language, Danish


def test_creating_workshops_past_the_hourly_cap_gets_a_friendly_message(store):
    settings.reload(creations_per_address=2)
    for i in range(3):
        at = _phone(HOST)
        at.text_input(key="w.ws.organisation").input(f"Org {i}").run()
        at.button(key="w.ws.create").click().run()
        assert not at.exception, at.exception
    assert "h" not in at.query_params
    assert "no new workshop can be created just now" in _texts(at)
    other = _phone(HOST, address="198.51.100.4")
    other.text_input(key="w.ws.organisation").input("Elsewhere").run()
    other.button(key="w.ws.create").click().run()
    assert other.query_params["h"]


def test_assessments_past_the_hourly_cap_are_kept_in_the_tab_and_say_why(store):
    from tests.app.helpers import answer_step

    settings.reload(creations_per_address=1)
    tokens = []
    for _ in range(2):
        at = _phone("pages/assess.py")
        at.session_state[state.STEP] = 1
        at.run()
        answer_step(at, {"ownership.sponsor": "largely"})
        tokens.append(at.session_state[state.TOKEN])
    assert tokens[0] and tokens[1] is None
    assert at.session_state[state.ASSESSMENT].answers == {"ownership.sponsor": "largely"}
    assert "can't be saved yet" in _texts(at)


def test_a_browser_session_that_has_made_two_participants_cannot_make_a_third(store):
    workshop, _ = store.create_workshop("Fjordhavn", "Kick", "en")
    at = _phone(code=workshop.code)
    at.session_state[state.WS_JOINS] = 2  # this session has joined twice already (and lost both links)
    at.button(key="w.ws.join").click().run()
    assert not at.exception, at.exception
    assert "Too many people have joined from this browser" in _texts(at)
    assert store.counts(workshop.id) == (0, 0)
    fresh = _phone(code=workshop.code)
    fresh.button(key="w.ws.join").click().run()
    assert store.counts(workshop.id) == (1, 0)
