"""The employee pulse in AppTest: the host switches it on, a phone answers it (after the planning
questions, or on its own), the host's summary shows shares from three finished and nothing before."""

from __future__ import annotations

import json

import pytest

from readiness.store import get_store
from tests.app.conftest import new_app

HOST, JOIN = "pages/host.py", "pages/join.py"
THANKS = "Thank you! Your answers have been received."

#: Five phones of a pulse-only workshop (shares worked out by hand in the test).
FIVE = [
    {"pulse.willing": "gladly", "pulse.barriers": ["time"], "pulse.platforms": ["linkedin"]},
    {"pulse.willing": "gladly", "pulse.barriers": ["time", "comments"], "pulse.platforms": ["linkedin", "tiktok"]},
    {"pulse.willing": "sometimes", "pulse.barriers": ["private_apart"], "pulse.platforms": ["facebook"]},
    {"pulse.willing": "unsure", "pulse.barriers": ["time"], "pulse.platforms": ["linkedin"]},
    {"pulse.willing": "rather_not", "pulse.barriers": ["private_apart"], "pulse.platforms": ["none"]},
]


@pytest.fixture
def store(database):
    return get_store(database)


def _texts(at) -> str:
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in at.get(kind)]
    parts += [str(p.proto.text) for p in at.get("progress")]
    return "\n".join(parts).replace("\\", "")  # markdown escapes left out


def _phones(store, workshop, answers, finished=True):
    for given in answers:
        token = store.join_workshop(workshop.code)
        for qid, value in given.items():
            store.save_participant_answer(token, qid, value)
        if finished:
            store.set_finished(token)


def _host(host_token, locale="en-GB"):
    at = new_app(locale)
    at.query_params["h"] = host_token
    at.switch_page(HOST).run()
    assert not at.exception, at.exception
    return at


def test_the_host_creates_a_pulse_only_workshop(store):
    at = new_app("en-GB")
    at.switch_page(HOST).run()
    at.text_input(key="w.ws.organisation").input("Acme").run()
    at.button_group(key="w.ws.pulse_mode").set_value("only").run()
    at.button(key="w.ws.create").click().run()
    assert not at.exception, at.exception
    workshop = store.workshop_by_host_token(at.query_params["h"])
    assert workshop.pulse == "only"
    assert "employee pulse for all staff" in _texts(at)
    assert "at least 3 people have finished it (so far: 0)" in _texts(at)


def test_a_pulse_only_workshop_with_five_phones_shows_the_shares(store):
    workshop, host = store.create_workshop("Acme", "All staff", "en", anonymous=False, pulse="only")
    _phones(store, workshop, FIVE)
    at = _host(host)
    text = _texts(at)
    assert "5 people have finished the pulse." in text
    # willing: gladly 2/5, sometimes 1/5; barriers: time 3/5, private life 2/5; LinkedIn 3/5
    assert "Yes, gladly: 40% (2)" in text
    assert "Yes, now and then: 20% (1)" in text
    assert "I don't have time in my working day: 60% (3)" in text
    assert "I keep work and private life apart: 40% (2)" in text
    assert "LinkedIn: 60% (3)" in text
    assert "In the employee pulse, 60% (3 of 5) said they are willing to share." in text
    assert "Your profile is your own." in text  # a policy point from the 40 % who keep work and life apart
    assert not at.get("plotly_chart")  # no planning results in a pulse-only workshop


def test_an_anonymous_pulse_moves_in_steps_of_three(store):
    workshop, host = store.create_workshop("Acme", "All staff", "en", pulse="only")
    _phones(store, workshop, FIVE)
    text = _texts(at := _host(host))
    assert "3 people have finished the pulse." in text  # the 4th and 5th wait for a 6th
    assert "Yes, gladly: 67% (2)" in text
    assert "moves only when 3 more have finished" in text
    assert at.get("progress")


def test_a_workshop_with_two_finished_shows_nothing_yet(store):
    workshop, host = store.create_workshop("Acme", "All staff", "en", anonymous=False, pulse="only")
    _phones(store, workshop, FIVE[:2])
    _phones(store, workshop, FIVE[2:], finished=False)
    at = _host(host)
    text = _texts(at)
    assert "at least 3 people have finished it (so far: 2)" in text
    assert not at.get("progress")
    assert "%" not in text


def test_a_phone_answers_the_pulse_after_the_planning_questions(store):
    workshop, host = store.create_workshop("Acme", "Kick-off", "en", pulse="with")
    _phones(store, workshop, FIVE[:2])
    at = new_app("en-GB")
    at.query_params["code"] = workshop.code
    at.switch_page(JOIN).run()
    at.button(key="w.ws.join").click().run()
    token = at.query_params["p"]
    for _ in range(6):
        at.button(key="w.ws.next").click().run()
    assert not [b for b in at.button if b.key == "w.ws.finish"]  # the pulse comes first
    at.button(key="w.ws.to_pulse").click().run()
    assert not at.exception, at.exception
    assert "Employee pulse" in [t.value for t in at.title]
    at.button_group(key="w.ws.pulse.en.pulse.willing").set_value("sometimes").run()
    at.button_group(key="w.ws.pulse.en.pulse.barriers").set_value(["comments", "time"]).run()
    assert not at.exception, at.exception
    assert store.participant(token).answers == {"pulse.willing": "sometimes", "pulse.barriers": ["time", "comments"]}
    at.button(key="w.ws.pulse.finish").click().run()
    assert store.participant(token).finished
    assert [m.value for m in at.success] == [THANKS]

    host_view = _host(host)  # three finished the pulse now: the host's live tab shows it
    assert "3 people have finished the pulse." in _texts(host_view)


def test_a_pulse_only_phone_sees_only_the_pulse(store):
    workshop, _ = store.create_workshop("Acme", "All staff", "da", pulse="only")
    at = new_app("da-DK")
    at.query_params["code"] = workshop.code
    at.switch_page(JOIN).run()
    at.button(key="w.ws.join").click().run()
    assert [t.value for t in at.title] == ["Medarbejderpuls"]
    assert not [b for b in at.button if b.key in ("w.ws.next", "w.ws.pulse.back")]
    at.button_group(key="w.ws.pulse.da.pulse.platforms").set_value(["linkedin"]).run()
    at.button(key="w.ws.pulse.finish").click().run()
    assert "Du har svaret på 1 af 6 spørgsmål i pulsen." in _texts(at)


def test_the_answers_file_of_a_pulse_workshop_carries_the_pulse(store):
    from readiness.answers import parse_answers_file
    from readiness.bank import load_bank
    from ui.workshop_pulse import answers_builder

    workshop, _ = store.create_workshop("Acme", "All staff", "en", pulse="with")
    _phones(store, workshop, FIVE)
    doc = json.loads(answers_builder(workshop.id, "en")())
    assert doc["pulse"]["n"] == 5
    assert doc["pulse"]["questions"]["pulse.willing"]["counts"]["gladly"] == 2
    assert parse_answers_file(load_bank(), json.dumps(doc)).pulse.n == 5
    _phones(store, workshop, [{"pulse.willing": "gladly"}], finished=False)  # not finished: not counted
    assert json.loads(answers_builder(workshop.id, "en")())["pulse"]["n"] == 5
