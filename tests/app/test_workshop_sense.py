"""Workshop answers that make sense, in AppTest: ties left to the room in the host view, areas
missing from the box plot named, a participant told what is unanswered before finishing, the
closed projector, the link to the assessment, and the Danish wording of the numbers."""

from __future__ import annotations

import pytest

from readiness.bank import load_bank
from readiness.store import get_store, presenter_key
from readiness.workshop import participant_questions
from tests.app.conftest import new_app
from tests.app.test_workshop_pages import JOIN, PRESENT, _host, _metrics, _seed, _tab, _texts
from ui import state

BANK = load_bank()
FREQUENCY = "cadence.frequency"


@pytest.fixture
def store(database):
    return get_store(database)


def _room(store, workshop, answers: list[dict]) -> None:
    for a in answers:
        token = store.join_workshop(workshop.code)
        for qid, value in a.items():
            store.save_participant_answer(token, qid, value)
        store.set_finished(token)


def _agree_section(at, section: str, lang: str = "en"):
    at.button_group(key=f"w.{lang}.ws.agree_section").set_value(section).run()
    assert not at.exception, at.exception
    return at


def test_a_five_way_tie_is_shown_as_a_tie_and_not_settled_on_every_day(store):
    workshop, host = store.create_workshop("Org", "Tie", "en")
    _room(store, workshop, [{FREQUENCY: f} for f in ("daily", "weekly", "biweekly", "monthly", "ad_hoc")])
    at = _agree_section(_tab(_host(host), "agree"), "cadence")
    assert at.radio(key=f"w.agree.en.{FREQUENCY}").value is None  # no made-up agreed answer
    warnings = [w.value for w in at.warning]
    assert ("Tie – decide in the room: Every day, Every week, Every two weeks, Every month, "
            "Whenever something comes up") in warnings, warnings


def test_the_tie_notice_goes_once_the_host_decides(store):
    workshop, host = store.create_workshop("Org", "Tie", "en")
    _room(store, workshop, [{FREQUENCY: f} for f in ("daily", "weekly", "daily", "weekly")])
    at = _agree_section(_tab(_host(host), "agree"), "cadence")
    assert any(w.value.startswith("Tie – decide in the room: Every day, Every week") for w in at.warning)
    at.radio(key=f"w.agree.en.{FREQUENCY}").set_value("weekly").run()
    assert store.workshop(workshop.id).agreed == {FREQUENCY: "weekly"}
    assert not any(w.value.startswith("Tie") for w in at.warning)


def test_a_tie_in_danish(store):
    workshop, host = store.create_workshop("Org", "Tie", "da")
    _room(store, workshop, [{FREQUENCY: f} for f in ("daily", "weekly", "daily", "weekly")])
    at = _host(host, "da-DK")
    at.session_state["w.da.ws.host_tab"] = "Bliv enige og tag noter"
    at.run()
    _agree_section(at, "cadence", "da")
    assert "Stemmelighed – beslut det i rummet: Hver dag, Hver uge" in [w.value for w in at.warning]


def test_the_host_is_told_which_areas_are_missing_from_the_box_plot(store):
    workshop, host = store.create_workshop("Org", "Few", "en")
    _seed(store, workshop, 3)  # only the ownership area has scored answers
    text = _texts(_host(host))
    assert "6 areas are not in the chart because fewer than three answered: Platforms, Ambassadors" in text, text


def test_the_projector_names_the_missing_areas_too(store):
    workshop, host = store.create_workshop("Org", "Few", "en")
    _seed(store, workshop, 3)
    screen = new_app("en-GB")
    screen.query_params["code"] = workshop.code
    screen.query_params["k"] = presenter_key(host)
    screen.switch_page(PRESENT).run()
    assert not screen.exception, screen.exception
    assert "6 areas are not in the chart" in _texts(screen)


def test_a_named_workshop_leaves_out_areas_nobody_scored_and_says_so(store):
    workshop, host = store.create_workshop("Org", "Named", "en", anonymous=False)
    _seed(store, workshop, 1, finished=False)
    text = _texts(_host(host))
    assert "6 areas are not in the chart" in text, text


def test_danish_numbers_read_naturally(store):
    workshop, host = store.create_workshop("Org", "Ord", "da")
    _room(store, workshop, [{"ownership.function": f} for f in ("hr", "hr", "marketing", "communication", "recruitment")])
    at = _host(host, "da-DK")
    assert "Deltagere" in _metrics(at)
    text = _texts(at)
    assert "40 % svarede ens" in text, text  # hr 2 of 5
    assert "enighed" not in text.replace("uenighed", "").replace("Uenighed", "")


def test_the_link_to_the_assessment_has_no_new_tab_icon(store):
    workshop, host = store.create_workshop("Org", "Link", "en")
    _seed(store, workshop, 3)
    at = _tab(_host(host), "results")
    button = at.button(key="w.ws.to_wizard")
    assert button.proto.icon and "open_in_new" not in button.proto.icon


# -- the participant: unanswered questions before finishing ------------------------------------


def _participant(store, workshop, answers: dict):
    token = store.join_workshop(workshop.code)
    for qid, value in answers.items():
        store.save_participant_answer(token, qid, value)
    at = new_app("en-GB")
    at.query_params["p"] = token
    at.switch_page(JOIN).run()
    at.session_state[state.WS_STEP] = 6  # the last area
    at.run()
    assert not at.exception, at.exception
    return at, token


def test_finishing_with_questions_unanswered_asks_first(store):
    workshop, _ = store.create_workshop("Org", "Finish", "en")
    at, token = _participant(store, workshop, {"ownership.sponsor": "partly", FREQUENCY: "weekly"})
    total = len(participant_questions(BANK))
    at.button(key="w.ws.finish").click().run()
    assert not store.participant(token).finished
    assert f"{total - 2} questions are still unanswered. Go back and answer them, or finish anyway?" in _texts(at)
    at.button(key="w.ws.finish_back").click().run()
    assert at.session_state[state.WS_STEP] == 0  # ownership: its first question answered, the rest not
    assert not store.participant(token).finished
    at.session_state[state.WS_STEP] = 6
    at.run()
    at.button(key="w.ws.finish").click().run()
    at.button(key="w.ws.finish_anyway").click().run()
    assert not at.exception, at.exception
    assert store.participant(token).finished


def test_finishing_with_everything_answered_needs_no_second_click(store):
    workshop, _ = store.create_workshop("Org", "Finish", "en")
    answers = {}
    for q in participant_questions(BANK):
        if q.kind == "multi":
            answers[q.id] = [q.options[0].id]
        elif q.kind in ("single", "scale"):
            answers[q.id] = BANK.options_of(q)[0].id
        elif q.kind == "number":
            answers[q.id] = q.min if q.min is not None else 1
        elif q.kind == "text":
            answers[q.id] = "x"
    assert len(answers) == len(participant_questions(BANK)), "a question kind the helper does not fill"
    at, token = _participant(store, workshop, answers)
    at.button(key="w.ws.finish").click().run()
    assert store.participant(token).finished
    assert "unanswered" not in _texts(at)


# -- the projector ----------------------------------------------------------------------------


def test_the_projector_keeps_watching_and_says_closed_once_the_host_closes(store):
    workshop, host = store.create_workshop("Org", "Screen", "en")
    screen = new_app("en-GB")
    screen.query_params["code"] = workshop.code
    screen.query_params["k"] = presenter_key(host)
    screen.switch_page(PRESENT).run()
    assert "Go to" in _texts(screen) or workshop.code in _texts(screen) or screen.get("html")
    store.set_workshop_status(workshop.id, "closed")
    screen.run()
    text = _texts(screen)
    assert "closed" in text.lower() and "type the code" not in text.lower(), text


def test_the_phone_s_group_result_names_the_areas_left_out(store):
    workshop, _ = store.create_workshop("Org", "Phones", "en", show_results=True)
    _seed(store, workshop, 3)
    token = store.join_workshop(workshop.code)
    store.set_finished(token)
    at = new_app("en-GB")
    at.query_params["p"] = token
    at.switch_page(JOIN).run()
    assert not at.exception, at.exception
    assert at.get("plotly_chart")
    assert "6 areas are not in the chart because fewer than three answered" in _texts(at), _texts(at)


def test_the_question_is_asked_again_after_leaving_the_last_area(store):
    workshop, _ = store.create_workshop("Org", "Finish", "en")
    at, token = _participant(store, workshop, {"ownership.sponsor": "partly"})
    at.button(key="w.ws.finish").click().run()
    assert "still unanswered" in _texts(at)
    at.button(key="w.ws.back").click().run()  # the ordinary back button, not the notice's
    at.button(key="w.ws.next").click().run()
    assert "still unanswered" not in _texts(at)  # back on the last area: nothing asked until finish
    assert not store.participant(token).finished
