"""Workshop answers that make sense to the room: ties left to the room, areas missing from a chart
said out loud, and a participant told what is unanswered before finishing."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from readiness.store import StoreError, StoreUnavailable
from readiness.workshop import QuestionStats, SectionStats

from . import state
from . import workshop as ws_ui
from .components import escape_markdown
from .i18n import loc, tr, trn


def tie_text(stats: QuestionStats | None) -> str | None:
    """'Tie: decide in the room – A, B' for a question whose answers tie, else None."""
    if stats is None or not stats.tied:
        return None
    bank = state.bank()
    labels = {o.id: loc(o.label) for o in bank.options_of(bank.questions[stats.question_id])}
    return tr("sense.tie", options=", ".join(escape_markdown(labels.get(o, o)) for o in stats.tied))


def show_tie(stats: QuestionStats | None, agreed: Mapping[str, Any]) -> None:
    """The tie notice in the agree tab, until the host has settled the answer."""
    text = tie_text(stats)
    if text and stats is not None and stats.question_id not in agreed:
        st.warning(text, icon=":material/balance:")


def left_out(sections: Sequence[SectionStats], shown: Sequence[SectionStats], names: Mapping[str, str]) -> str | None:
    """The note under a section chart naming the areas it leaves out (fewer than three answers)."""
    drawn = {s.section_id for s in shown if s.n}
    missing = [names.get(s.section_id, s.section_id) for s in sections if s.section_id not in drawn]
    if not missing:
        return None
    return trn("sense.left_out", len(missing), areas=", ".join(escape_markdown(m) for m in missing))


@st.fragment(run_every=ws_ui.REFRESH_SECONDS)
def watch_status(workshop_id: int, was_open: bool) -> None:
    """On the projector: redraw the whole page once the host closes (or reopens) the workshop, so a
    closed workshop's screen stops telling people how to join."""
    try:
        now_open = ws_ui.store().workshop(workshop_id).is_open
    except (StoreError, StoreUnavailable):
        return  # unreachable or gone: the next full run says so
    if now_open != was_open:
        st.rerun(scope="app")


def drawn(shown: Sequence[SectionStats]) -> list[SectionStats]:
    """The sections a chart can draw: those with at least one score."""
    return [s for s in shown if s.n]


# -- finishing with questions unanswered ------------------------------------------------------


def unanswered(sections: Sequence[Any], answers: Mapping[str, Any]) -> tuple[int, int | None]:
    """How many of the participant's questions are unanswered, and the first section with one."""
    missing, first = 0, None
    for i, section in enumerate(sections):
        for q in section.questions:
            if answers.get(q.id) in (None, "", []):
                missing += 1
                first = i if first is None else first
    return missing, first


def ask_before_finishing(count: int) -> None:
    st.session_state[state.WS_CONFIRM_FINISH] = count


def confirm_pending() -> bool:
    return bool(st.session_state.get(state.WS_CONFIRM_FINISH))


def forget_confirm() -> None:
    st.session_state.pop(state.WS_CONFIRM_FINISH, None)


def render_confirm(count: int, first: int | None, finish: Callable[[], None], go_to: Callable[[int], None]) -> None:
    """'N questions are unanswered': back to the first of them, or finish anyway."""
    with st.container(border=True, key="ws-confirm-finish"):
        st.warning(trn("sense.unanswered", count), icon=":material/help:")
        back, anyway = st.columns(2)
        back.button(tr("sense.go_back"), icon=":material/arrow_back:", key=state.widget_key("ws.finish_back"),
                    on_click=_back, args=(go_to, first or 0), width="stretch")
        anyway.button(tr("sense.finish_anyway"), icon=":material/check:", key=state.widget_key("ws.finish_anyway"),
                      on_click=_anyway, args=(finish,), width="stretch")


def _back(go_to: Callable[[int], None], step: int) -> None:
    forget_confirm()
    go_to(step)


def _anyway(finish: Callable[[], None]) -> None:
    forget_confirm()
    finish()
