"""The workshop's pages in AppTest: create, the host view at 0, 2 and 5 participants, joining (wrong
codes, the attempt limit, the right code), answering, closing, and who may open what."""

from __future__ import annotations

import pytest

from readiness.store import get_store, presenter_key
from tests.app.conftest import new_app
from ui import state
from ui.components import escape_markdown

HOST, JOIN, PRESENT = "pages/host.py", "pages/join.py", "pages/present.py"
ANSWERS = ["none", "started", "partly", "largely", "fully"]


@pytest.fixture
def store(database):
    return get_store(database)


def _texts(at) -> str:
    """Everything a page shows as text (titles, markdown, captions, messages, code blocks, metrics)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success", "code"):
        parts += [str(e.value) for e in at.get(kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(parts)


def _seed(store, workshop, n, finished=True):
    tokens = []
    for i in range(n):
        token = store.join_workshop(workshop.code)
        store.save_participant_answer(token, "ownership.sponsor", ANSWERS[i % 5])
        store.save_participant_answer(token, "platforms.start", ["linkedin"])
        if finished:
            store.set_finished(token)
        tokens.append(token)
    return tokens


def _host(host_token, locale="en-GB"):
    at = new_app(locale)
    at.query_params["h"] = host_token
    at.switch_page(HOST).run()
    assert not at.exception, at.exception
    return at


TABS = {"live": "Live results", "agree": "Agree and take notes", "results": "Result and downloads",
        "manage": "Settings"}


def _tab(at, name):
    """Open one of the host view's tabs (only the open one runs)."""
    at.session_state["w.en.ws.host_tab"] = TABS[name]
    at.run()
    assert not at.exception, at.exception
    return at


def _metrics(at):
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("locale, heading", [("da-DK", "Hold en workshop"), ("en-GB", "Run a workshop")])
def test_create_a_workshop_and_land_in_its_host_view(store, locale, heading):
    at = new_app(locale)
    at.switch_page(HOST).run()
    assert [t.value for t in at.title] == [heading]
    at.button(key="w.ws.create").click().run()  # no organisation yet: a plain message, nothing created
    assert at.error and "h" not in at.query_params
    at.text_input(key="w.ws.organisation").input("Fjordhavn Rådgivning A/S").run()
    at.text_input(key="w.ws.title").input("Kick-off <b>**x**</b>").run()
    at.toggle(key="w.ws.show_results").set_value(True).run()
    at.button(key="w.ws.create").click().run()
    assert not at.exception, at.exception
    token = at.query_params["h"]
    workshop = store.workshop_by_host_token(token)
    assert (workshop.organisation, workshop.title, workshop.anonymous, workshop.show_results) == (
        "Fjordhavn Rådgivning A/S", "Kick-off <b>**x**</b>", True, True)
    assert at.title[0].value == escape_markdown("Kick-off <b>**x**</b>")  # user text is escaped, never markup
    assert workshop.code in _texts(at)
    assert at.success  # "keep your private link"


def test_the_host_view_with_no_participants(store):
    workshop, host = store.create_workshop("Org", "Empty", "en")
    at = _host(host)
    assert {k: _metrics(at)[k] for k in ("Joined", "Finished", "Have answered")} == {
        "Joined": "0", "Finished": "0", "Have answered": "0"}
    assert "at least 3" in _texts(at)
    assert not at.get("plotly_chart")


def test_the_host_view_hides_aggregates_with_two_anonymous_participants(store):
    workshop, host = store.create_workshop("Org", "Two", "en")
    _seed(store, workshop, 2)
    at = _host(host)
    assert _metrics(at)["Joined"] == "2" and _metrics(at)["Finished"] == "2"
    assert "at least 3 people have finished" in _texts(at)
    assert not at.get("plotly_chart")  # no distribution, no histogram
    assert "spread" not in _texts(at)
    _tab(at, "agree")
    at.button_group(key="w.en.ws.agree_section").set_value("ownership").run()
    assert at.radio(key="w.agree.en.ownership.sponsor").value is None  # no suggestion built from two people


def test_the_host_view_shows_everything_with_five_participants(store):
    workshop, host = store.create_workshop("Org", "Five", "en")
    _seed(store, workshop, 5)
    at = _host(host)
    assert _metrics(at)["Finished"] == "5"
    charts = at.get("plotly_chart")
    assert len(charts) >= 2  # the sections' distribution and the questions' histograms
    text = _texts(at)
    assert "spread 4 steps" in text  # ownership.sponsor: not at all .. fully
    assert "Disagree" in text
    _tab(at, "agree")
    # the agreed answer starts from the median (lower middle): 0,1,2,3,4 -> partly
    assert at.radio(key="w.agree.en.ownership.sponsor").value == "partly"


def test_the_host_agrees_takes_notes_and_closes(store):
    workshop, host = store.create_workshop("Org", "Agree", "en")
    participant = _seed(store, workshop, 5)[0]
    at = _tab(_host(host), "agree")
    at.radio(key="w.agree.en.ownership.sponsor").set_value("fully").run()
    assert store.workshop(workshop.id).agreed == {"ownership.sponsor": "fully"}
    at.text_area(key="w.ws.note.en.ownership.sponsor").input("=cmd – we'll ask the CEO").run()
    assert store.workshop(workshop.id).notes == {"ownership.sponsor": "=cmd – we'll ask the CEO"}
    _tab(at, "results")
    assert len(at.get("download_button")) == 4  # the group PDF, the PowerPoint deck, CSV and Excel
    assert at.metric[0].label == "The group's readiness"
    _tab(at, "manage")
    at.button(key="w.ws.close").click().run()
    assert not at.exception
    assert store.workshop(workshop.id).status == "closed"
    from readiness.store import UnknownCode, WorkshopClosed

    with pytest.raises(WorkshopClosed):
        store.save_participant_answer(participant, "ownership.sponsor", "none")
    with pytest.raises(WorkshopClosed):
        store.join_workshop(workshop.code)
    at.button(key="w.ws.reopen").click().run()
    assert store.workshop(workshop.id).status == "open"
    at.button(key="w.ws.delete").click().run()
    assert not at.exception
    with pytest.raises(UnknownCode):
        store.workshop_by_code(workshop.code)
    assert "h" not in at.query_params


def test_a_wrong_code_gets_a_plain_message_and_the_attempt_limit_kicks_in(store):
    store.create_workshop("Org", "Real", "en")
    at = new_app("en-GB")
    at.switch_page(JOIN).run()
    for attempt in range(5):
        at.text_input(key="w.ws.code").input(f"ZZZZZ{attempt}").run()
        at.button(key="w.ws.look_up").click().run()
        assert not at.exception, at.exception
        if attempt < 4:
            assert "couldn't find a workshop with that code" in _texts(at)
    assert "Too many attempts" in _texts(at)
    assert not at.get("text_input")  # no more guessing in this session for now
    at.query_params["code"] = "ZZZZZZ"
    at.run()
    assert "Too many attempts" in _texts(at)


def test_new_sessions_from_one_address_cannot_get_around_the_limit(store):
    from readiness import settings

    limits = settings.get()
    store.create_workshop("Org", "Real", "en")
    for session in range(limits.wrong_codes_per_address // limits.wrong_codes_per_device):
        at = new_app("en-GB")
        at.session_state[state.TEST_ADDRESS] = "203.0.113.7"
        at.session_state[state.TEST_USER_AGENT] = f"browser {session}"
        at.switch_page(JOIN).run()
        for attempt in range(limits.wrong_codes_per_device):
            assert "Too many attempts" not in _texts(at), (session, attempt)
            at.text_input(key="w.ws.code").input(f"ZZZZ{session}{attempt}").run()
            at.button(key="w.ws.look_up").click().run()
    fresh = new_app("en-GB")
    fresh.session_state[state.TEST_ADDRESS] = "203.0.113.7"
    fresh.session_state[state.TEST_USER_AGENT] = "yet another browser"
    fresh.switch_page(JOIN).run()
    assert "Too many attempts" in _texts(fresh)
    other = new_app("en-GB")
    other.session_state[state.TEST_ADDRESS] = "198.51.100.4"
    other.switch_page(JOIN).run()
    assert "Too many attempts" not in _texts(other)


def test_a_link_with_a_wrong_code_counts_as_an_attempt(store):
    from readiness import limits

    at = new_app("en-GB")
    at.query_params["code"] = "AAAAAA"
    at.switch_page(JOIN).run()
    assert "couldn't find a workshop" in _texts(at)
    assert at.session_state[state.WS_WRONG_CODES] == {"AAAAAA"}
    assert sum(len(v) for v in limits.code_attempts()._windows["overall"].events.values()) == 1


def test_join_with_the_right_code_answer_and_finish(store):
    workshop, _ = store.create_workshop("Ærø Æbler", "Kickoff", "da", show_results=True)
    others = _seed(store, workshop, 3)
    at = new_app("en-GB")
    at.switch_page(JOIN).run()
    at.text_input(key="w.ws.code").input(" " + workshop.code[:3].lower() + "-" + workshop.code[3:]).run()
    at.button(key="w.ws.look_up").click().run()
    assert "Kickoff" in _texts(at)
    at.button(key="w.ws.join").click().run()
    assert not at.exception, at.exception
    token = at.query_params["p"]  # kept in the URL: a reload doesn't lose it
    assert at.session_state[state.LANG] == "da"  # the workshop's language
    at.radio(key="w.ws.da.ownership.sponsor").set_value("largely").run()
    assert store.participant(token).answers == {"ownership.sponsor": "largely"}
    at.radio(key="w.ws.da.ownership.sponsor").set_value("fully").run()  # changing an answer
    assert store.participant(token).answers == {"ownership.sponsor": "fully"}
    for _ in range(6):
        at.button(key="w.ws.next").click().run()
    at.button(key="w.ws.finish").click().run()
    assert not store.participant(token).finished  # most questions are unanswered: the phone asks first
    at.button(key="w.ws.finish_anyway").click().run()
    assert not at.exception, at.exception
    assert store.participant(token).finished
    assert "Tak!" in _texts(at)
    assert at.get("plotly_chart")  # the group result: allowed by the host, and 4 have answered
    assert others[0] not in _texts(at)

    again = new_app("da-DK")  # a reload: the token comes back from the URL
    again.query_params["p"] = token
    again.switch_page(JOIN).run()
    assert "Tak!" in _texts(again)


def test_a_closed_workshop_refuses_joining_and_answers(store):
    workshop, _ = store.create_workshop("Org", "Closing", "en")
    at = new_app("en-GB")
    at.query_params["code"] = workshop.code
    at.switch_page(JOIN).run()
    at.button(key="w.ws.join").click().run()
    token = at.query_params["p"]
    store.set_workshop_status(workshop.id, "closed")
    at.run()
    assert "closed the workshop" in _texts(at)
    assert not at.get("radio")  # nothing left to answer
    latecomer = new_app("en-GB")
    latecomer.query_params["code"] = workshop.code
    latecomer.switch_page(JOIN).run()
    assert "closed" in _texts(latecomer)
    assert not [b for b in latecomer.button if b.key == "w.ws.join"]
    assert store.participant(token).answers == {}


def test_a_closed_workshop_refuses_an_answer_given_on_an_open_page(store):
    workshop, _ = store.create_workshop("Org", "Closing", "en")
    at = new_app("en-GB")
    at.query_params["code"] = workshop.code
    at.switch_page(JOIN).run()
    at.button(key="w.ws.join").click().run()
    token = at.query_params["p"]
    store.set_workshop_status(workshop.id, "closed")  # while the phone still shows the questions
    at.radio(key="w.ws.en.ownership.sponsor").set_value("fully").run()
    assert not at.exception
    assert store.participant(token).answers == {}
    assert "closed" in _texts(at)


@pytest.mark.parametrize("what", ["code", "participant token", "session only"])
def test_a_participant_cannot_reach_the_host_view(store, what):
    workshop, host = store.create_workshop("Org", "Secret", "en")
    _seed(store, workshop, 5)
    at = new_app("en-GB")
    at.query_params["code"] = workshop.code
    at.switch_page(JOIN).run()
    at.button(key="w.ws.join").click().run()
    own = at.query_params["p"]
    if what == "code":
        at.query_params["h"] = workshop.code
    elif what == "participant token":
        at.query_params["h"] = own
    at.switch_page(HOST).run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Run a workshop"]  # the form to create one, nothing else
    assert not at.metric and not at.get("plotly_chart")
    assert workshop.code not in _texts(at) and host not in _texts(at)
    if what != "session only":
        assert "doesn't open a workshop" in _texts(at)


def test_the_presenter_view_holds_no_host_token(store):
    workshop, host = store.create_workshop("Org", "Screen", "en")
    _seed(store, workshop, 4)
    at = _host(host)
    url = next(b for b in at.get("link_button")).proto.url
    assert host not in url and f"code={workshop.code}" in url and f"k={presenter_key(host)}" in url
    screen = new_app("en-GB")
    screen.query_params["code"] = workshop.code
    screen.query_params["k"] = presenter_key(host)
    screen.switch_page(PRESENT).run()
    assert not screen.exception, screen.exception
    assert dict(screen.query_params) == {"code": workshop.code, "k": presenter_key(host)}
    assert host not in _texts(screen)
    assert all(host not in repr(screen.session_state[k]) for k in screen.session_state)
    assert _metrics(screen) == {"Joined": "4", "Finished": "4"}
    assert screen.get("plotly_chart") and screen.get("image")


def test_the_join_code_alone_opens_no_live_numbers_on_the_screen(store):
    workshop, host = store.create_workshop("Org", "Screen", "en")
    _seed(store, workshop, 4)
    screen = new_app("en-GB")
    screen.query_params["code"] = workshop.code
    screen.switch_page(PRESENT).run()
    assert not screen.exception
    assert workshop.code in _texts(screen) or any(workshop.code[:4] in h.proto.body for h in screen.get("html"))
    assert not screen.metric and not screen.get("plotly_chart")
    screen.query_params["k"] = presenter_key(store.create_workshop("Other", "O", "en")[1])
    screen.run()
    assert not screen.metric


def test_an_unknown_screen_link_says_so(store):
    screen = new_app("en-GB")
    screen.query_params["code"] = "QQQQQQ"
    screen.switch_page(PRESENT).run()
    assert not screen.exception
    assert "doesn't open a workshop" in _texts(screen)


def test_the_wizard_still_works_with_the_workshop_in_the_menu():
    at = new_app("en-GB")
    at.run()
    assert not at.exception
    at.switch_page("pages/assess.py").run()
    at.session_state[state.STEP] = 1
    at.run()
    at.radio(key="w.en.ownership.sponsor").set_value("partly").run()
    assert at.session_state[state.ASSESSMENT].answers == {"ownership.sponsor": "partly"}


def test_settings_and_opening_the_agreed_answers_in_the_assessment(store):
    workshop, host = store.create_workshop("Fjordhavn", "Settings", "en")
    _seed(store, workshop, 5)
    at = _tab(_host(host), "manage")
    at.number_input(key="w.ws.invited").set_value(12).run()
    at.toggle(key="w.ws.show_results_setting").set_value(True).run()
    stored = store.workshop(workshop.id)
    assert stored.notes == {"_invited": "12"} and stored.show_results
    _tab(at, "results")
    at.button(key="w.ws.to_wizard").click().run()
    assert not at.exception, at.exception
    assessment = at.session_state[state.ASSESSMENT]
    assert assessment.organisation == "Fjordhavn"
    assert assessment.answers["ownership.sponsor"] == "partly"  # the suggestion, as no one changed it
    assert at.session_state[state.TOKEN]  # an ordinary, stored assessment of its own
    assert [t.value for t in at.title] == ["Results"]


def test_a_link_to_another_workshop_joins_that_one(store):
    first, _ = store.create_workshop("Org", "First", "en")
    second, _ = store.create_workshop("Org", "Second", "en")
    at = new_app("en-GB")
    at.query_params["code"] = first.code
    at.switch_page(JOIN).run()
    at.button(key="w.ws.join").click().run()
    old = at.query_params["p"]
    at.query_params["code"] = second.code
    at.run()
    assert "Second" in _texts(at)
    at.button(key="w.ws.join").click().run()
    assert at.query_params["p"] != old
    assert store.participant(at.query_params["p"]).workshop.id == second.id
