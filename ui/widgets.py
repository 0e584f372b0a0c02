"""One widget per question kind, seeded from where the answer lives and writing back through callbacks.

Widget values are option ids (labels come through ``format_func``), so switching language
changes what people read, never what they answered. Where the answer lives is a
:class:`Binding`: the wizard's own assessment by default (:data:`WIZARD`); the workshop binds
the same widgets to a participant's stored answers or to the group's agreed answers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from readiness.answers import AnswersError
from readiness.bank import Question
from readiness.i18n import locale_info

from . import state
from .i18n import loc, tr


def _to_widget(question: Question, value: Any) -> Any:
    if question.kind == "multi":
        return list(value or [])
    if question.kind == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if question.kind == "text":
        return value or ""
    return value


def _from_widget(question: Question, value: Any) -> Any:
    if value is None:
        return None
    if question.kind == "date":
        return value.isoformat() if isinstance(value, dt.date) else None
    if question.kind == "number":
        return int(value) if float(value).is_integer() else float(value)
    if question.kind == "multi":
        order = [o.id for o in question.options]
        return sorted(value, key=order.index)
    if question.kind == "text":
        return value.strip()
    return value


@dataclasses.dataclass(frozen=True)
class Binding:
    """Where a question's answer is read from and written to.

    - ``get(question_id)``: the current answer (None when unanswered);
    - ``set(question_id, value)``: store an answer (None removes it); raise
      :class:`~readiness.answers.AnswersError` with a readable message to refuse it (the
      widget then shows the stored answer again and the message is flashed);
    - ``namespace``: widget keys are ``w.<namespace><lang>.<question id>``;
    - ``reseed``: set the widget from ``get`` on every run (for answers that change elsewhere);
    - ``mark_required``: put " *" after required questions; ``horizontal``: scale items in a row.
    """

    get: Callable[[str], Any]
    set: Callable[[str, Any], None]
    namespace: str = ""
    reseed: bool = False
    mark_required: bool = True
    horizontal: bool = True


WIZARD = Binding(get=lambda qid: state.answer(qid), set=lambda qid, value: state.set_answer(qid, value))


def question_key(question_id: str, namespace: str = "") -> str:
    """The widget key of a question. It includes the language: a widget whose label and option
    labels change is a new widget to the browser, so each language gets its own, seeded from
    the stored answer (old ones are dropped by Streamlit when they are no longer drawn)."""
    return state.widget_key(f"{namespace}{state.lang()}.{question_id}")


def _changed(question_id: str, binding: Binding = WIZARD) -> None:
    question = state.bank().questions[question_id]
    key = question_key(question_id, binding.namespace)
    try:
        binding.set(question_id, _from_widget(question, st.session_state.get(key)))
    except AnswersError as exc:
        state.flash("error", tr("assess.invalid_answer", problem=str(exc)))
        st.session_state[key] = _to_widget(question, binding.get(question_id))


def _choose(question_id: str, option_id: str, binding: Binding = WIZARD) -> None:
    try:
        binding.set(question_id, option_id)
    except AnswersError as exc:
        state.flash("error", tr("assess.invalid_answer", problem=str(exc)))
        return
    st.session_state[question_key(question_id, binding.namespace)] = option_id


def label_for(question: Question, mark_required: bool = True) -> str:
    return loc(question.text) + (" *" if question.required and mark_required else "")


def render_question(question: Question, binding: Binding = WIZARD) -> None:
    """Draw the widget that fits the question, bound to its answer (the wizard's by default)."""
    bank = state.bank()
    key = question_key(question.id, binding.namespace)
    current = binding.get(question.id)
    if key not in st.session_state or binding.reseed:
        st.session_state[key] = _to_widget(question, current)
    label = label_for(question, binding.mark_required)
    help_text = loc(question.help) or None
    common: dict[str, Any] = {"key": key, "help": help_text, "on_change": _changed, "args": (question.id, binding)}
    options = bank.options_of(question)
    labels = {o.id: loc(o.label) for o in options}
    ids = list(labels)

    if question.kind == "scale":
        st.radio(label, ids, format_func=labels.get, horizontal=binding.horizontal, index=None, **common)
    elif question.kind == "single" and question.widget == "slider":
        if st.session_state[key] is None:
            st.session_state[key] = ids[len(ids) // 2]
        # not answered yet: a framed box with a hollow thumb (ui/app.css), so the middle it rests on
        # does not pass for an answer
        with st.container(key=f"slider-unanswered-{key}") if current is None else st.container():
            st.select_slider(label, ids, format_func=labels.get, **common)
            if current is None:
                middle = ids[len(ids) // 2]
                st.caption(tr("assess.slider_unanswered"))
                st.button(tr("assess.slider_choose", label=labels[middle]), key=key + ".pick",
                          on_click=_choose, args=(question.id, middle, binding), type="tertiary")
    elif question.kind == "single":
        st.radio(label, ids, format_func=labels.get, index=None, **common)
    elif question.kind == "multi":
        st.pills(label, ids, format_func=labels.get, selection_mode="multi", **common)
    elif question.kind == "number":
        low = int(question.min) if question.min is not None else None
        high = int(question.max) if question.max is not None else None
        st.number_input(label, min_value=low, max_value=high, value=None, step=1,
                        placeholder=tr("assess.number_placeholder"), **common)
    elif question.kind == "date":
        st.date_input(label, value=None, format=locale_info(state.lang()).date_format, **common)
    elif question.kind == "text":
        st.text_area(label, max_chars=question.max_length, **common)
    if question.is_scored and current is not None:
        option = bank.option(question, current) if isinstance(current, str) else None
        if option is not None and getattr(option, "dont_know", False):
            st.caption(tr("assess.dont_know_note"))
