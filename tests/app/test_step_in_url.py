"""The wizard's and a workshop participant's step live in the URL (``?step=``): a reload stays put."""

from __future__ import annotations

from readiness.store import get_store
from tests.app.conftest import new_app
from tests.app.helpers import go_next
from ui import state

JOIN = "pages/join.py"


def _reload(at, page: str):
    """A new session (a reload) with the URL the old one ended on."""
    again = new_app("da-DK")
    for key, value in at.query_params.items():
        again.query_params[key] = value[0] if isinstance(value, list) else value
    again.switch_page(page).run()
    assert not again.exception, again.exception
    return again


def test_the_wizard_step_is_in_the_url_and_a_reload_keeps_it(app):
    app.switch_page("pages/assess.py").run()
    assert app.query_params["step"] == "1"
    app.text_input(key="w.organisation").input("Fjordhavn").run()  # saved, so there is a resume token
    go_next(app)
    go_next(app)
    assert app.session_state[state.STEP] == 2
    assert app.query_params["step"] == "3"
    again = _reload(app, "pages/assess.py")
    assert again.session_state[state.STEP] == 2
    assert again.session_state[state.ASSESSMENT].organisation == "Fjordhavn"  # the resume token still works
    go_next(again)
    assert again.query_params["step"] == "4"


def test_the_step_survives_a_trip_to_another_page_and_a_wrong_step_is_clamped(app):
    app.switch_page("pages/assess.py").run()
    go_next(app)
    app.switch_page("pages/results.py").run()
    app.switch_page("pages/assess.py").run()
    assert app.session_state[state.STEP] == 1 and app.query_params["step"] == "2"
    for raw, expected in (("99", 7), ("0", 0), ("abc", 0)):
        at = new_app("da-DK")
        at.query_params["step"] = raw
        at.switch_page("pages/assess.py").run()
        assert not at.exception, at.exception
        assert at.session_state[state.STEP] == expected


def test_the_jump_list_moves_the_step_in_the_url(app):
    app.switch_page("pages/assess.py").run()
    app.selectbox(key="w.da.jump").set_value(5).run()
    assert app.session_state[state.STEP] == 5 and app.query_params["step"] == "6"


def test_a_participant_reload_keeps_the_section(database):
    store = get_store(database)
    workshop, _ = store.create_workshop("Ærø Æbler", "Kickoff", "da")
    at = new_app("da-DK")
    at.query_params["code"] = workshop.code
    at.switch_page(JOIN).run()
    at.button(key="w.ws.join").click().run()
    assert at.query_params["step"] == "1"
    at.button(key="w.ws.next").click().run()
    at.button(key="w.ws.next").click().run()
    assert at.session_state[state.WS_STEP] == 2 and at.query_params["step"] == "3"
    again = _reload(at, JOIN)
    assert again.session_state[state.WS_STEP] == 2
    assert again.query_params["step"] == "3"
    assert again.button(key="w.ws.back")  # not the first section


def test_a_participant_link_cannot_skip_to_the_thank_you_without_finishing(database):
    store = get_store(database)
    workshop, _ = store.create_workshop("Ærø Æbler", "Kickoff", "da")
    token = store.join_workshop(workshop.code)
    at = new_app("da-DK")
    at.query_params["p"] = token
    at.query_params["step"] = "8"
    at.switch_page(JOIN).run()
    assert not at.exception, at.exception
    assert at.session_state[state.WS_STEP] == 6 and at.button(key="w.ws.finish")
    store.set_finished(token)
    done = new_app("da-DK")
    done.query_params["p"] = token
    done.query_params["step"] = "8"
    done.switch_page(JOIN).run()
    assert done.session_state[state.WS_STEP] == 7
