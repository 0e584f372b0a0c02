"""The wizard in AppTest: the whole flow in both languages, state that survives language and page
changes, every page with no, partial and full answers, and bad imports that lose nothing."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from readiness.answers import Assessment, RoadmapEdits
from readiness.samples import best_answers, worst_answers
from tests.app.conftest import APP, new_app
from tests.app.helpers import BANK, answer_step, answered, go_next
from ui import state

PAGES = ["pages/start.py", "pages/assess.py", "pages/results.py", "pages/roadmap.py", "pages/download.py",
         "pages/privacy.py"]


def _titles(at):
    return [t.value for t in at.title]


@pytest.mark.parametrize("locale, title", [("da-DK", "Er I klar til employee advocacy?"),
                                           ("en-GB", "Are you ready for employee advocacy?"),
                                           ("sv-SE", "Are you ready for employee advocacy?")])
def test_the_language_follows_the_browser(locale, title):
    at = new_app(locale)
    at.run()
    assert not at.exception
    assert _titles(at) == [title]


@pytest.mark.parametrize("locale", ["da-DK", "en-US"])
def test_the_whole_flow_from_start_to_download(locale):
    at = new_app(locale)
    at.run()
    at.switch_page("pages/assess.py").run()
    at.text_input(key="w.organisation").input("Fjordhavn Rådgivning A/S").run()
    answers = worst_answers(BANK) | {"context.employees": 85, "context.start_date": "2027-01-04",
                                     "ownership.function": "hr", "platforms.start": ["linkedin"],
                                     "content.freedom": "own_words"}
    for step in range(len(BANK.sections)):
        assert at.session_state[state.STEP] == step
        progress = at.get("progress")[0].proto.text
        assert f"{step + 1}" in progress and f"{len(BANK.sections)}" in progress
        answer_step(at, answers)
        if step < len(BANK.sections) - 1:
            go_next(at)
    stored = answered(at)
    assert stored == {k: v for k, v in answers.items()}
    assert at.session_state[state.ASSESSMENT].organisation == "Fjordhavn Rådgivning A/S"
    assert at.session_state[state.TOKEN]  # autosaved from the first answer

    at.switch_page("pages/results.py").run()
    assert not at.exception
    assert at.metric[0].value.endswith("/ 100")
    assert at.warning  # the worst answers raise red flags, shown prominently
    at.switch_page("pages/roadmap.py").run()
    assert not at.exception
    assert at.dataframe(key="w.editor.roadmap") is not None  # the editable table of actions
    at.switch_page("pages/download.py").run()
    assert not at.exception
    assert len(at.get("download_button")) == 6  # PDF, plan and policy in Word, answers, Excel, calendar


def test_switching_language_midway_keeps_every_answer():
    at = new_app("da-DK")
    at.run()
    at.switch_page("pages/assess.py").run()
    at.session_state[state.STEP] = 1
    at.run()
    answer_step(at, {"ownership.function": "communication", "ownership.sponsor": "partly", "ownership.hours": 4})
    before = answered(at)
    assert [h.value for h in at.header] == ["Hvem har ansvaret for employee advocacy?"]
    at.button_group(key="w.lang").set_value("en").run()
    assert not at.exception
    assert answered(at) == before
    assert [h.value for h in at.header] == ["Who is responsible for employee advocacy?"]
    assert at.radio(key="w.en.ownership.function").value == "communication"
    assert at.radio(key="w.en.ownership.function").options[1] == "Communications"
    assert _titles(at) == ["Assessment"]


def test_changing_page_and_coming_back_keeps_the_widgets_filled():
    at = new_app("en-GB")
    at.run()
    at.switch_page("pages/assess.py").run()
    at.session_state[state.STEP] = 2
    at.run()
    answer_step(at, {"platforms.start": ["linkedin", "instagram"], "platforms.linkedin_profiles": "largely"})
    at.switch_page("pages/results.py").run()
    at.switch_page("pages/assess.py").run()
    assert at.radio(key="w.en.platforms.linkedin_profiles").value == "largely"
    assert at.button_group(key="w.en.platforms.start").value == ["linkedin", "instagram"]


def test_the_freedom_slider_counts_only_once_chosen():
    at = new_app("en-GB")
    at.run()
    at.switch_page("pages/assess.py").run()
    at.session_state[state.STEP] = 6
    at.run()
    assert "content.freedom" not in answered(at)
    assert at.select_slider(key="w.en.content.freedom").value == "inspiration"  # shown in the middle ...
    at.button(key="w.en.content.freedom.pick").click().run()  # ... and recorded when the user says so
    assert answered(at)["content.freedom"] == "inspiration"
    at.select_slider(key="w.en.content.freedom").set_value("ready_made").run()
    assert answered(at)["content.freedom"] == "ready_made"


def test_jumping_to_a_step_and_back_and_next():
    at = new_app("en-GB")
    at.run()
    at.switch_page("pages/assess.py").run()
    at.selectbox(key="w.en.jump").set_value(5).run()
    assert at.session_state[state.STEP] == 5
    at.button(key="w.back").click().run()
    assert at.session_state[state.STEP] == 4
    go_next(at)
    assert at.session_state[state.STEP] == 5


def _seeded(answers, **extra):
    def script():
        import streamlit as st

        from readiness.answers import Assessment

        st.session_state[state.ASSESSMENT] = Assessment(answers=answers, **extra)
    return script


@pytest.mark.parametrize("fill", ["none", "partial", "full", "worst"])
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("locale", ["da-DK", "en-GB"])
def test_every_page_renders_with_no_partial_and_full_answers(page, fill, locale):
    answers = {"none": {}, "partial": {"ownership.function": "hr", "platforms.start": ["linkedin", "tiktok", "x"],
                                       "cadence.frequency": "daily"},
               "full": best_answers(BANK), "worst": worst_answers(BANK)}[fill]
    at = new_app(locale)
    at.session_state[state.ASSESSMENT] = Assessment(answers=answers, organisation="Ærø <b>Fisk</b> & Co",
                                                   language=locale[:2])
    at.session_state[state.LANG] = locale[:2]
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert at.title


def test_results_explain_every_section_and_show_blockers_first():
    at = new_app("en-GB")
    answers = best_answers(BANK) | {"ownership.function": "undecided", "cadence.frequency": "daily"}
    at.session_state[state.ASSESSMENT] = Assessment(answers=answers, language="en")
    at.switch_page("pages/results.py").run()
    assert "Blocker" in at.error[0].value
    assert any("Red flag" in w.value for w in at.warning)
    assert len(at.expander) >= 7
    assert any("Weighted average" in m.value for m in at.markdown)


def test_an_edit_of_the_roadmap_changes_the_exported_file():
    from ui.downloads import json_builder

    at = new_app("en-GB")
    at.session_state[state.ASSESSMENT] = Assessment(answers=worst_answers(BANK), language="en")
    at.switch_page("pages/roadmap.py").run()
    assert not at.exception
    plan_roadmap = __import__("readiness.roadmap", fromlist=["build_roadmap"]).build_roadmap(
        BANK, at.session_state[state.ASSESSMENT], "en")
    ids = [a.id for a in plan_roadmap.actions]
    generated = {a.id: a for a in plan_roadmap.actions}
    change = {"edited_rows": {0: {"status": "done", "owner": "Hanne Ø."}}, "deleted_rows": [1],
              "added_rows": [{"title": "=HYPERLINK(\"x\")", "start": "2027-02-01", "end": "2027-02-03"}]}
    edits = table_change_to_edits_in_app(at, change, ids, generated, plan_roadmap.start)
    at.session_state[state.ASSESSMENT] = at.session_state[state.ASSESSMENT].replace(edits=edits)
    at.run()
    assert not at.exception
    doc = json.loads(json_builder(BANK, at.session_state[state.ASSESSMENT])())
    assert doc["roadmap"]["edits"]["changed"][ids[0]] == {"status": "done", "owner": "Hanne Ø."}
    assert doc["roadmap"]["edits"]["removed"] == [ids[1]]
    assert doc["roadmap"]["edits"]["added"][0]["title"] == "=HYPERLINK(\"x\")"


def table_change_to_edits_in_app(at, change, ids, generated, start):
    """Run the table translation inside a Streamlit session (it reads the bank via the state module)."""
    from ui.roadmap_editor import table_change_to_edits

    return table_change_to_edits(change, ids, RoadmapEdits(), generated, start, "foundations")


def _import_script():
    import streamlit as st

    from readiness.answers import Assessment
    from ui import state
    from ui.importer import import_bytes

    state.init("en")
    if "done" not in st.session_state:
        st.session_state[state.ASSESSMENT] = Assessment(answers={"ownership.function": "hr"}, language="en")
        st.session_state["done"] = True
    data = st.session_state.get("payload")
    if data is not None:
        ok, message = import_bytes(data)
        st.session_state["result"] = (ok, message)


@pytest.mark.parametrize("payload, fragment", [
    (b"{not json", "not valid JSON"),
    (b'{"format": "readiness-answers/1", "answers": {"ownership.function": "astrology"}}', "astrology"),
    (b'{"format": "other/2", "answers": {}}', "format"),
    (b"\xff\xfe garbage", "not a text file"),
])
def test_a_bad_import_says_what_is_wrong_and_keeps_the_answers(payload, fragment):
    at = AppTest.from_function(_import_script, default_timeout=60)
    at.run()
    at.session_state["payload"] = payload
    at.run()
    ok, message = at.session_state["result"]
    assert not ok
    assert fragment in message.replace("\\", "")  # the message is markdown-escaped
    assert "unchanged" in message
    assert at.session_state[state.ASSESSMENT].answers == {"ownership.function": "hr"}


def test_a_good_import_replaces_the_answers_and_language():
    at = AppTest.from_function(_import_script, default_timeout=60)
    at.run()
    at.session_state["payload"] = json.dumps({"format": "readiness-answers/1", "language": "da",
                                              "answers": {"ownership.function": "marketing"}}).encode()
    at.run()
    ok, _ = at.session_state["result"]
    assert ok
    assert at.session_state[state.ASSESSMENT].answers == {"ownership.function": "marketing"}
    assert at.session_state[state.LANG] == "da"


def test_user_text_never_reaches_unsafe_html():
    import pathlib

    root = pathlib.Path(APP).parent
    offenders = [str(p) for p in (*root.glob("pages/*.py"), *root.glob("ui/*.py"), root / "app.py")
                 if "unsafe_allow_html" in p.read_text(encoding="utf-8")]
    assert offenders == []
