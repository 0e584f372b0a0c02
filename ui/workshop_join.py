"""The participant's side of a workshop, made for a phone: join by code, answer section by section, finish."""

from __future__ import annotations

import streamlit as st

from readiness.bank import Section
from readiness.store import (
    BadToken,
    ParticipantView,
    StoreError,
    UnknownCode,
    Workshop,
    WorkshopClosed,
    WorkshopFull,
    normalise_code,
)
from readiness.theme import Theme
from readiness.workshop import may_show

from . import frame, state, step_url, workshop_pulse
from . import workshop as ws_ui
from . import workshop_gaps as gaps_ui
from . import workshop_sense as sense
from .components import escape_markdown, scroll_to_top
from .guard import guard, guarded
from .i18n import loc, tr, trn
from .widgets import Binding, render_question
from .workshop_charts import group_medians
from .workshop_pulse import answered_counts as answered_pulse

CODE_KEY = "ws.code"
NAME_KEY = "ws.name"


def _sections() -> tuple:
    return state.bank().planning_sections


def done_step() -> int:
    return len(_sections())


# -- joining --------------------------------------------------------------------------------


@guarded()
def _look_up() -> None:
    """The typed code: show its workshop. A wrong code counts towards the attempt limit; past the
    limit no code is looked up at all, right or wrong, so the answer never says which exist."""
    if ws_ui.attempts_blocked():
        return
    code = normalise_code(st.session_state.get(state.widget_key(CODE_KEY)) or "")
    try:
        ws_ui.store().workshop_by_code(code)
    except UnknownCode:
        ws_ui.register_wrong_code(code)
        st.session_state[state.WS_NOTICE] = tr("workshop.join.wrong_code")
        return
    st.query_params[ws_ui.CODE_PARAM] = code
    if ws_ui.JOIN_KEY_PARAM in st.query_params:
        del st.query_params[ws_ui.JOIN_KEY_PARAM]


@guarded()
def _join(code: str) -> None:
    name = (st.session_state.get(state.widget_key(NAME_KEY)) or "").strip() or None
    if not ws_ui.join_allowed():  # one person cannot fill the room (see readiness.limits.JoinLimiter)
        state.flash("warning", tr("limits.too_many_joins"))
        return
    try:
        token = ws_ui.store().join_workshop(code, name)
    except UnknownCode:
        ws_ui.register_wrong_code(code)
        state.flash("warning", tr("workshop.join.wrong_code"))
        return
    except WorkshopClosed:
        state.flash("info", tr("workshop.join.closed"))
        return
    except WorkshopFull:
        state.flash("info", tr("limits.full"))
        return
    ws_ui.set_participant(token)
    gaps_ui.save_choice(token)
    if ws_ui.JOIN_KEY_PARAM in st.query_params:
        del st.query_params[ws_ui.JOIN_KEY_PARAM]


def same_workshop(view: ParticipantView, code: str) -> bool:
    return normalise_code(code) == view.workshop.code


def _signed(code: str, key: str | None) -> Workshop | None:
    """The workshop a join link with its signed key opens (no attempt limit), or None."""
    if not key:
        return None
    try:
        with guard():
            return ws_ui.store().workshop_for_join_key(code, key)
    except (BadToken, UnknownCode):
        return None


def from_link(code: str | None, key: str | None = None) -> tuple[Workshop | None, str | None]:
    """The workshop a link's ``?code=`` (and ``&j=``, its signed join key) names, taking on its
    language; or None and a plain message.

    A link with the right join key (the QR code, the host's link) always opens its workshop.
    Otherwise the code counts like a typed one: a wrong code towards the attempt limit, and past
    the limit it is not looked up at all.
    """
    if not code:
        return None, None
    workshop = _signed(code, key)
    if workshop is None:
        if ws_ui.attempts_blocked():
            return None, None
        try:
            with guard():
                workshop = ws_ui.store().workshop_by_code(code)
        except UnknownCode:
            ws_ui.register_wrong_code(code)
            del st.query_params[ws_ui.CODE_PARAM]
            if ws_ui.JOIN_KEY_PARAM in st.query_params:
                del st.query_params[ws_ui.JOIN_KEY_PARAM]
            return None, tr("workshop.join.wrong_code")
    ws_ui.adopt_language(workshop)
    return workshop, None


def render_join(workshop: Workshop | None) -> None:
    """The way in: the workshop a link named (with a button to join), or a field to type the code."""
    if workshop is not None and workshop.is_open:
        with st.container(border=True, key="ws-join-card"):
            st.subheader(escape_markdown(workshop.title))
            st.caption(escape_markdown(workshop.organisation))
            st.markdown(tr("workshop.join.anonymous_note" if workshop.anonymous else "workshop.join.named_note"))
            if not workshop.anonymous:
                st.text_input(tr("workshop.join.name"), key=state.widget_key(NAME_KEY), max_chars=60,
                              placeholder=tr("workshop.join.name_placeholder"))
            gaps_ui.render_choice(workshop)
            st.button(tr("workshop.join.join"), type="primary", key=state.widget_key("ws.join"), width="stretch",
                      on_click=_join, args=(workshop.code,), icon=":material/login:")
        return
    if workshop is not None:
        st.info(tr("workshop.join.closed"), icon=":material/lock:")
    if ws_ui.attempts_blocked():
        st.error(trn("workshop.join.blocked", ws_ui.wait_minutes()), icon=":material/hourglass:")
        return
    st.markdown(tr("workshop.join.lead"))
    notice = st.session_state.pop(state.WS_NOTICE, None)
    if notice:
        st.warning(notice, icon=":material/search_off:")
    st.text_input(tr("workshop.join.code"), key=state.widget_key(CODE_KEY), max_chars=12,
                  placeholder="ACDE 3479", help=tr("workshop.join.code_help"))
    st.button(tr("workshop.join.continue"), type="primary", key=state.widget_key("ws.look_up"), width="stretch",
              on_click=_look_up, icon=":material/arrow_forward:")


def open_view(token: str | None) -> tuple[ParticipantView | None, str | None]:
    """What the participant's token opens, or None and a plain message (the token is then forgotten).

    When the database is unavailable the page says so and stops, and the token stays in the URL.
    """
    if not token:
        return None, None
    try:
        with guard():
            view = ws_ui.store().participant(token)
    except StoreError:
        ws_ui.set_participant(None)
        return None, tr("workshop.join.gone")
    ws_ui.adopt_language(view.workshop)
    if st.session_state.get(state.WS_STEP) is None:
        ws_ui.set_step(done_step() if view.finished else 0)
    step_url.participant(ws_ui.step, ws_ui.set_step, done_step() if view.finished else done_step() - 1)
    return view, None


# -- answering ------------------------------------------------------------------------------


@guarded("workshop.join.save_failed")
def _finish(token: str) -> None:
    if ws_ui.mark_finished(token):
        ws_ui.set_step(done_step())


def render_step(view: ParticipantView, token: str) -> None:
    sections = _sections()
    current = min(ws_ui.step(), len(sections) - 1)
    section = sections[current]
    binding = ws_ui.participant_binding(token, view.answers)
    scroll_to_top(current)
    st.caption(escape_markdown(view.workshop.title))
    st.title(loc(section.short))
    st.progress((current + 1) / len(sections),
                text=tr("workshop.join.progress", step=current + 1, total=len(sections), title=loc(section.title)))
    st.subheader(loc(section.planning_question) or loc(section.title))
    step_questions(section, binding)
    back, forward = st.columns(2)
    if current > 0:
        back.button(tr("assess.back"), icon=":material/arrow_back:", key=state.widget_key("ws.back"),
                    on_click=ws_ui.set_step, args=(current - 1,), width="stretch")
    if current < len(sections) - 1:
        sense.forget_confirm()  # left the last area: the question is asked again on the next finish
        forward.button(tr("assess.next"), icon=":material/arrow_forward:", type="primary", width="stretch",
                       key=state.widget_key("ws.next"), on_click=ws_ui.set_step, args=(current + 1,))
    elif view.workshop.pulse == "with":  # the employee pulse comes after the planning questions
        forward.button(tr("pulse.join.to_pulse"), icon=":material/arrow_forward:", type="primary", width="stretch",
                       key=state.widget_key("ws.to_pulse"), on_click=workshop_pulse.open_pulse)
    else:
        missing, first = sense.unanswered(sections, view.answers)
        forward.button(tr("workshop.join.finish"), icon=":material/check:", type="primary", width="stretch",
                       key=state.widget_key("ws.finish"), on_click=_finish_or_ask, args=(token,))
        if missing and sense.confirm_pending():
            sense.render_confirm(missing, first, lambda: _finish(token), ws_ui.set_step)
    st.caption(tr("workshop.join.saved_note"))


@guarded("workshop.join.save_failed")
def _finish_or_ask(token: str) -> None:
    """Finish at once when everything is answered; otherwise say how much is not, first. The answers
    are read again here: taps since the page was drawn ran only the questions' fragment."""
    try:
        answers = ws_ui.store().participant(token).answers
    except StoreError:
        state.flash("warning", tr("workshop.join.gone"))
        return
    missing, _first = sense.unanswered(_sections(), answers)
    if missing:
        sense.ask_before_finishing(missing)
    else:
        _finish(token)


@st.fragment
def step_questions(section: Section, binding: Binding) -> None:
    """The step's questions. A tap re-runs only this (the browser keeps the rest of the page): the
    answer is saved by the widget's callback, so the page around it has nothing new to show. When
    the save was refused (the workshop closed meanwhile, the database is away) the whole page runs
    again, showing the message and what the participant's link opens now."""
    if state.has_flash():
        st.rerun(scope="app")
    decisions = [q for q in section.questions if not q.is_scored]
    items = [q for q in section.questions if q.is_scored]
    for question in decisions:
        with st.container(border=True):
            render_question(question, binding)
    if items:
        st.markdown(f"**{tr('assess.readiness')}**")
        st.caption(tr("workshop.join.scale_help"))
        for question in items:
            with st.container(border=True):
                render_question(question, binding)


def render_done(view: ParticipantView) -> None:
    workshop = view.workshop
    st.success(tr("workshop.join.thanks"), icon=":material/celebration:")
    answered = sum(1 for s in _sections() for q in s.questions if q.id in view.answers)
    total = sum(len(s.questions) for s in _sections())
    if workshop.pulse == "only":
        st.caption(tr("pulse.join.answered", n=answered_pulse(view)[0], total=answered_pulse(view)[1]))
    else:
        st.caption(tr("workshop.join.answered", n=answered, total=total))
    if workshop.is_open:
        st.markdown(tr("workshop.join.can_change"))
        st.button(tr("workshop.join.change"), icon=":material/edit:", key=state.widget_key("ws.change"),
                  on_click=ws_ui.set_step, args=(0,), width="stretch")
    if workshop.show_results and workshop.pulse != "only":
        group_result(workshop.id, workshop.anonymous)


@st.fragment(run_every=10)
def group_result(workshop_id: int, anonymous: bool) -> None:
    """The group's median per section, once enough people answered (never anyone's own answers)."""
    with guard("workshop.live.unavailable", quiet=True):
        agg = ws_ui.load_aggregate(workshop_id)
    st.subheader(tr("workshop.join.group_result"))
    if not may_show(agg.responded, anonymous=anonymous):  # an anonymous room's picture counts the finished
        st.caption(ws_ui.too_few_finished(agg) if anonymous else ws_ui.too_few_message(agg.responded))
        return
    shown = sense.drawn([s for s in agg.sections if may_show(s.n, anonymous=anonymous)])
    names = {s.id: loc(s.short) for s in _sections()}
    st.caption(tr("workshop.join.group_result_help", n=agg.responded))
    st.plotly_chart(group_medians(shown, names, Theme.from_brand(frame.brand()[0])), key="ws.chart.group",
                    config={"displayModeBar": False, "staticPlot": True}, width="stretch")
    note = sense.left_out(agg.sections, shown, names)
    if note:
        st.caption(note)
