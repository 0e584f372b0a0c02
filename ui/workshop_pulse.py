"""The employee pulse in a workshop: the host's choice when creating it, the phone's pulse page,
the host's summary (never from fewer than three), and the answers file that carries the pulse.

A workshop asks the pulse after the planning questions (``pulse == "with"``) or only the pulse, for
all staff with the same join link and code (``"only"``). The counting and the anonymity rules are
the core's (:mod:`readiness.pulse`); this module only draws them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from readiness.i18n import format_percent
from readiness.pulse import MODES, THRESHOLD, aggregate_pulse, counted_pulse, load_pulse, pulse_answers, pulse_view
from readiness.store import ParticipantView, StoreError, StoreUnavailable, Workshop, WorkshopClosed

from . import state
from . import workshop as ws_ui
from .components import escape_markdown, scroll_to_top
from .guard import guard, guarded, note_outage
from .i18n import tr

MODE_KEY = "ws.pulse_mode"


def _lang() -> str:
    return state.lang()


# -- creating -------------------------------------------------------------------------------


def render_create_choice() -> None:
    """The host's choice: no pulse, the pulse after the planning questions, or a pulse only."""
    key = state.widget_key(MODE_KEY)
    if st.session_state.get(key) not in MODES:
        st.session_state[key] = "off"
    labels = {mode: tr(f"pulse.mode.{mode}") for mode in MODES}
    st.segmented_control(tr("pulse.mode.label"), list(MODES), format_func=labels.get, key=key, required=True,
                         help=tr("pulse.mode.help"))


def chosen_mode() -> str:
    value = st.session_state.get(state.widget_key(MODE_KEY))
    return value if value in MODES else "off"


def mode_caption(workshop: Workshop) -> str:
    """" · with the employee pulse" for the host's header ("" without a pulse)."""
    return f" · {tr(f'pulse.mode.host_{workshop.pulse}')}" if workshop.pulse in ("with", "only") else ""


# -- the phone ------------------------------------------------------------------------------


def open_pulse() -> None:
    st.session_state[state.WS_PULSE] = True


def close_pulse() -> None:
    st.session_state[state.WS_PULSE] = False


def showing(view: ParticipantView) -> bool:
    """Whether this phone shows the pulse now (a pulse-only workshop always, until finished)."""
    mode = view.workshop.pulse
    return mode == "only" or (mode == "with" and bool(st.session_state.get(state.WS_PULSE)))


def answered_counts(view: ParticipantView) -> tuple[int, int]:
    content = load_pulse()
    return len(pulse_answers(content, view.answers)), len(content.questions)


def _widget_key(question_id: str) -> str:
    return state.widget_key(f"ws.pulse.{_lang()}.{question_id}")


def _save(token: str, question_id: str, key: str) -> None:
    question = load_pulse().question(question_id)
    raw = st.session_state.get(key)
    ids = [o.id for o in question.options] if question else []
    if question is None:
        return
    if question.kind == "multi":
        value: Any = [i for i in ids if i in (raw or [])] or None
    else:
        value = raw if raw in ids else None
    try:
        ws_ui.store().save_participant_answer(token, question_id, value)
    except WorkshopClosed:
        state.flash("info", tr("workshop.join.closed_now"))
    except StoreError:
        state.flash("warning", tr("workshop.join.gone"))
    except StoreUnavailable as exc:  # say so, keep the page alive
        note_outage(exc)
        state.flash("warning", tr("workshop.join.save_failed"))


@guarded("workshop.join.save_failed")
def _finish(token: str) -> None:
    if not ws_ui.mark_finished(token):
        return
    close_pulse()
    ws_ui.set_step(len(state.bank().planning_sections))  # the done page


def render_pulse(view: ParticipantView, token: str) -> None:
    """The pulse on one phone screen: each question as large buttons, saved as soon as it is chosen."""
    content, lang = load_pulse(), _lang()
    scroll_to_top(99)  # a step of its own
    st.caption(escape_markdown(view.workshop.title))
    st.title(content.title.get(lang))
    st.markdown(content.intro.get(lang))
    for question in content.questions:
        key = _widget_key(question.id)
        if key not in st.session_state:
            current = view.answers.get(question.id)
            st.session_state[key] = (list(current) if isinstance(current, list) else []) if question.kind == "multi" \
                else (current if isinstance(current, str) else None)
        labels = {o.id: o.label.get(lang) for o in question.options}
        with st.container(border=True, key=f"pulse-{question.id.replace('.', '-')}"):
            st.pills(question.text.get(lang), list(labels), format_func=labels.get, key=key,
                     selection_mode="multi" if question.kind == "multi" else "single",
                     on_change=_save, args=(token, question.id, key))
            st.caption(tr("pulse.join.pick_any" if question.kind == "multi" else "pulse.join.pick_one"))
            if question.help:
                st.caption(f"{question.help.get(lang)} ({question.source})" if question.source else question.help.get(lang))
    back, forward = st.columns(2)
    if view.workshop.pulse == "with":
        back.button(tr("pulse.join.back"), icon=":material/arrow_back:", key=state.widget_key("ws.pulse.back"),
                    on_click=close_pulse, width="stretch")
    forward.button(tr("pulse.join.finish"), icon=":material/check:", type="primary", width="stretch",
                   key=state.widget_key("ws.pulse.finish"), on_click=_finish, args=(token,))
    st.caption(tr("pulse.join.saved_note"))


# -- the host -------------------------------------------------------------------------------


@st.fragment(run_every=ws_ui.REFRESH_SECONDS)
def summary(workshop_id: int) -> None:
    """The pulse's shares, refreshed on their own; nothing until three have finished the pulse, and in an
    anonymous workshop a picture that moves only in steps of three."""
    try:
        with guard("workshop.live.unavailable"):
            db = ws_ui.store()
            workshop = db.workshop(workshop_id)
            responses = db.workshop_responses(workshop_id)
    except StoreError:
        st.info(tr("workshop.host.gone"))
        return
    content, lang, closed = load_pulse(), _lang(), not workshop.is_open
    st.subheader(tr("pulse.host.heading"))
    agg = aggregate_pulse(content, responses, closed=closed, batch=workshop.anonymous)
    if agg is None:
        counted = len(counted_pulse(content, responses, closed=closed))
        st.info(tr("pulse.host.too_few", n=THRESHOLD, count=counted), icon=":material/visibility_off:")
        return
    st.caption(tr("pulse.host.lead", n=THRESHOLD))
    with st.container(key="pulse-counted"):
        st.markdown(tr("pulse.host.counted", n=agg.n))
    if workshop.anonymous:
        st.caption(tr("pulse.host.batches", n=THRESHOLD))
    view = pulse_view(content, agg, lang, workshop.agreed.get("context.employees"))
    effects = view.effects
    if effects.pilot or effects.training or effects.policy_points:
        with st.container(border=True, key="pulse-for-plan"):
            st.markdown(f"**{tr('pulse.host.for_the_plan')}**")
            for line in (effects.pilot, effects.training):
                if line:
                    st.markdown(escape_markdown(line))
            if effects.policy_points:
                st.markdown(tr("pulse.host.policy_points"))
                st.markdown("\n".join(f"- {escape_markdown(p)}" for p in effects.policy_points))
    for pair in (view.questions[i:i + 2] for i in range(0, len(view.questions), 2)):
        for column, question in zip(st.columns(2), pair):
            with column.container(border=True, key=f"pulse-summary-{question.id.replace('.', '-')}"):
                st.markdown(f"**{escape_markdown(question.text)}**")
                st.caption(tr("pulse.host.answered", n=question.answered))
                for option in question.options:
                    st.progress(option.share, text=f"{escape_markdown(option.label)}: "
                                                   f"{format_percent(100 * option.share, lang)} ({option.count})")


def answers_builder(workshop_id: int, lang: str) -> Callable[[], bytes]:
    """The agreed answers with the pulse's aggregate, as an answers file, built on click from the store."""

    def build() -> bytes:
        from readiness.answers import dumps
        from readiness.bank import load_bank
        from readiness.pulse import with_workshop_pulse
        from readiness.store import get_store
        from readiness.workshop import aggregate, agreed_assessment, visible_suggestions

        bank, store = load_bank(), get_store()
        workshop = store.workshop(workshop_id)
        responses = store.workshop_responses(workshop_id)
        suggested = visible_suggestions(aggregate(bank, responses), anonymous=workshop.anonymous)
        assessment = agreed_assessment(bank, workshop.agreed, organisation=workshop.organisation, language=lang,
                                       suggested=suggested)
        return dumps(bank, with_workshop_pulse(assessment, responses, is_open=workshop.is_open))

    return build


def render_answers_download(workshop: Workshop, stem: str) -> None:
    """The answers file of the agreed plan with the pulse (for workshops that ask it)."""
    if workshop.pulse not in ("with", "only"):
        return
    st.download_button(tr("pulse.host.answers_file"), answers_builder(workshop.id, _lang()), file_name=f"{stem}.json",
                       mime="application/json", icon=":material/data_object:", on_click="ignore",
                       key=state.widget_key("ws.pulse.answers"), help=tr("pulse.host.answers_file_help"))


def render_host(workshop: Workshop) -> None:
    """A pulse-only workshop's host view under the header: the summary, the answers file, the settings."""
    from ui.downloads import file_stem

    from . import workshop_host as host

    st.markdown(tr("pulse.host.only_lead"))
    names = [tr(f"pulse.host.tab_{name}") for name in ("pulse", "results", "manage")]
    pulse, results, manage = st.tabs(names, key=state.widget_key(f"{_lang()}.ws.pulse_tab"), on_change="rerun")
    if pulse.open:
        with pulse:
            summary(workshop.id)
    if results.open:
        with results:
            stem = file_stem(workshop.organisation, _lang()).rsplit("-", 1)[0] + "-" + tr("pulse.host.heading").lower()
            render_answers_download(workshop, stem.replace(" ", "-"))
            st.caption(tr("pulse.host.answers_file_help"))
    if manage.open:
        with manage:
            host.render_manage(workshop)
