"""Driving the wizard in AppTest by widget keys (labels change with the language; keys don't)."""

from __future__ import annotations

from readiness.bank import load_bank
from ui import state

BANK = load_bank()


def widget(at, question):
    key = f"w.{at.session_state['ra.lang']}.{question.id}"
    kinds = {"scale": "radio", "single": "radio", "multi": "button_group", "number": "number_input",
             "date": "date_input", "text": "text_area"}
    kind = "select_slider" if question.widget == "slider" else kinds[question.kind]
    return at.get(kind) and next(w for w in at.get(kind) if getattr(w, "key", None) == key)


def answer_step(at, answers):
    """Answer the questions of the current step that ``answers`` has values for."""
    section = BANK.sections[at.session_state[state.STEP]]
    for question in section.questions:
        if question.id not in answers:
            continue
        value = answers[question.id]
        w = widget(at, question)
        if question.kind == "date":
            import datetime as dt

            value = dt.date.fromisoformat(value)
        w.set_value(value)
        at.run()
        assert not at.exception, at.exception


def go_next(at):
    at.button(key="w.next").click()
    at.run()
    assert not at.exception, at.exception


def answered(at):
    return dict(at.session_state[state.ASSESSMENT].answers)
