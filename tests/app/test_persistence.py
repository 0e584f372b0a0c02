"""Autosave and resume links in AppTest: a new session with the token gets everything back."""

from __future__ import annotations

import pytest

from readiness.answers import RoadmapEdits
from readiness.store import Store
from tests.app.conftest import new_app
from tests.app.helpers import answer_step, answered
from ui import state


def _answer_some(at):
    at.switch_page("pages/assess.py").run()
    at.text_input(key="w.organisation").input("Ærø Fisk ApS").run()
    at.session_state[state.STEP] = 1
    at.run()
    answer_step(at, {"ownership.function": "recruitment", "ownership.sponsor": "largely", "ownership.hours": 3})
    return at.session_state[state.TOKEN]


def test_every_answer_is_saved_as_it_is_given(database):
    at = new_app("da-DK")
    at.run()
    token = _answer_some(at)
    stored = Store(database).load_assessment(token)
    assert stored.answers == {"ownership.function": "recruitment", "ownership.sponsor": "largely", "ownership.hours": 3}
    assert stored.organisation == "Ærø Fisk ApS"


def test_a_new_session_with_the_resume_token_gets_the_same_answers_edits_and_language(database):
    first = new_app("en-GB")
    first.run()
    token = _answer_some(first)
    store = Store(database)
    store.save_meta(token, edits=RoadmapEdits(removed=("yearly_review",)))
    second = new_app("da-DK")  # another browser, another language preference
    second.query_params["a"] = token
    second.switch_page("pages/roadmap.py").run()
    assert not second.exception
    assert answered(second) == answered(first)
    assert second.session_state[state.LANG] == "en"  # the assessment's language wins
    assert second.session_state[state.ASSESSMENT].edits.removed == ("yearly_review",)
    assert any("restored" in s.value for s in second.success)


@pytest.mark.parametrize("token", ["", "x" * 500, "abc$%^", "é" * 43, "A" * 43],
                         ids=["empty", "too-long", "alphabet", "non-ascii", "unknown"])
def test_a_bad_or_unknown_token_gets_a_friendly_message_and_a_fresh_start(token):
    at = new_app("en-GB")
    at.query_params["a"] = token
    at.switch_page("pages/assess.py").run()
    assert not at.exception
    if token:
        assert any("could not open an assessment" in w.value for w in at.warning)
    assert answered(at) == {}
    assert at.session_state[state.TOKEN] is None


def test_someone_elses_deleted_assessment_cannot_be_opened(database):
    store = Store(database)
    token = store.create_assessment("en")
    store.save_answer(token, "ownership.function", "hr")
    assert store.delete_assessment(token)
    at = new_app("en-GB")
    at.query_params["a"] = token
    at.switch_page("pages/results.py").run()
    assert not at.exception
    assert any("could not open" in w.value for w in at.warning)
    assert answered(at) == {}


def test_delete_this_assessment_really_deletes_it(database):
    at = new_app("en-GB")
    at.run()
    token = _answer_some(at)
    at.button(key="w.delete").click().run()
    assert not at.exception
    assert at.session_state[state.TOKEN] is None
    assert answered(at) == {}
    from readiness.store import UnknownToken

    with pytest.raises(UnknownToken):
        Store(database).load_assessment(token)


def test_the_token_stays_in_the_url_from_page_to_page():
    at = new_app("en-GB")
    at.run()
    token = _answer_some(at)
    for page in ("pages/results.py", "pages/roadmap.py", "pages/download.py"):
        at.switch_page(page).run()
        assert at.query_params["a"] == [token] or at.query_params["a"] == token


def test_starting_afresh_leaves_the_old_assessment_behind_its_link(database):
    at = new_app("en-GB")
    at.run()
    token = _answer_some(at)
    at.switch_page("pages/start.py").run()
    at.button(key="w.new").click().run()
    assert not at.exception
    assert answered(at) == {}
    assert at.session_state[state.TOKEN] is None
    assert "a" not in at.query_params
    at.run()
    assert answered(at) == {}  # the old token in the URL does not sneak back in
    assert Store(database).load_assessment(token).answers  # still there for whoever has the link
