"""Time and budget on the roadmap page: the estimates are shown as estimates and the owner's hours are editable."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from readiness.answers import Assessment
from tests.app.conftest import new_app
from ui import state


def test_the_roadmap_page_shows_the_estimates_expander_with_totals():
    at = new_app("en-GB")
    at.run()
    at.switch_page("pages/roadmap.py").run()
    assert not at.exception, at.exception
    expander = next(e for e in at.expander if e.label == "Time and budget (estimates)")
    text = " ".join(m.value for m in expander.markdown)
    assert "hours a week for the owner" in text and "DKK" in text
    assert any("our estimates" in c.value for c in expander.caption)


def test_changing_an_actions_hours_is_saved_as_an_edit_and_changes_the_totals():
    def script():
        import datetime as dt

        import streamlit as st

        from readiness.answers import Assessment
        from readiness.plan import build_plan
        from ui import effort, state

        state.init("en")
        if "seeded" not in st.session_state:
            st.session_state[state.ASSESSMENT] = Assessment(language="en",
                                                            answers={"context.start_date": "2027-03-01"})
            st.session_state["seeded"] = True
        plan = build_plan(state.bank(), state.assessment(), "en")
        if st.session_state.pop("edit", False):
            ids = [a.id for a in plan.effort.actions]
            st.session_state[state.widget_key(effort.EDITOR)] = {"edited_rows": {ids.index("reassess"): {"hours": 12.5}}}
            effort._on_edit(ids, dt.date(2027, 3, 1))
            plan = build_plan(state.bank(), state.assessment(), "en")
        st.session_state["owner_week"] = plan.effort.owner_week
        effort.render(plan)

    at = AppTest.from_function(script, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    before = at.session_state["owner_week"]
    at.session_state["edit"] = True
    at.run()
    assert not at.exception, at.exception
    assessment: Assessment = at.session_state[state.ASSESSMENT]
    assert assessment.edits.changed["reassess"] == {"hours": 12.5}
    assert at.session_state["owner_week"] > before
