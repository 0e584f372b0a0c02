"""Follow-through in the app: the Progress page (statuses, check-in, follow-up), the compare page, and
the small marks other pages show (answers "from <date>", the next check-in in the sidebar)."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import streamlit as st

from readiness.answers import STATUSES, Assessment
from readiness.bank import Question
from readiness.compare import Comparison, compare, earlier_of
from readiness.i18n import format_date
from readiness.progress import (
    ActionProgress,
    carried_over,
    keep_until,
    next_checkin,
    progress_view,
    record_statuses,
    saved_day,
    start_followup,
)
from readiness.roadmap import build_roadmap
from readiness.theme import Theme

from . import frame, persist, state
from .cache import plan
from .charts import css_font_family
from .components import escape_markdown
from .i18n import tr


def today() -> dt.date:
    return dt.date.today()


def _day(value: dt.date | None) -> str:
    return format_date(value, state.lang()) if value else tr("followup.undated")


def predecessor_day(assessment: Assessment) -> dt.date | None:
    return saved_day(assessment.predecessor.saved_at) if assessment.predecessor else None


# -- marks on other pages -------------------------------------------------------------------


def prefilled_note() -> None:
    """Once per step of the wizard: the answers marked "from <date>" are carried over."""
    a = state.assessment()
    if a.predecessor and any(carried_over(a, q) for q in a.answers):
        st.info(tr("followup.prefilled_note", date=_day(predecessor_day(a))), icon=":material/history:")


def carried_mark(question: Question) -> None:
    """Under a question whose answer is still the one carried over from the earlier assessment."""
    a = state.assessment()
    if carried_over(a, question.id):
        st.caption(f":material/history: {tr('followup.from_date', date=_day(predecessor_day(a)))}")


def next_checkin_line() -> None:
    """The sidebar's line saying when the next monthly check-in is due."""
    a = state.assessment()
    if not a.answers:
        return
    roadmap = plan(a, state.lang()).roadmap
    if not roadmap.actions:
        return
    due = next_checkin(a, roadmap, today())
    if due is not None:
        st.caption(f":material/event_repeat: {tr('followup.next_checkin', date=_day(due))}")
    elif roadmap.reassess_on <= today():
        st.caption(f":material/restart_alt: {tr('followup.reassess_due', date=_day(roadmap.reassess_on))}")


# -- the Progress page ----------------------------------------------------------------------


def _action_line(item: ActionProgress) -> str:
    a = item.action
    since = f" · {tr('followup.since', date=_day(item.since))}" if item.since else ""
    return (f"- **{escape_markdown(a.title)}** · {tr(f'status.{a.status}')}{since} · "
            f"{_day(a.start)} – {_day(a.end)}")


def _save_checkin(statuses: dict[str, str]) -> None:
    a = state.assessment()
    roadmap = plan(a, state.lang()).roadmap
    checked = record_statuses(state.bank(), a, roadmap, statuses, today())
    state.record_checkin(checked, keep_until(build_roadmap(state.bank(), checked, today=today())))
    state.flash("success", tr("followup.checkin_saved", date=_day(today())))


def checkin_form(view) -> None:
    """The monthly check-in: one status per open action, saved at once with today's date."""
    st.subheader(tr("followup.checkin_title"))
    st.caption(tr("followup.checkin_text"))
    items = [i for i in view.actions if i.action.status in ("todo", "doing")]
    names = {s: tr(f"status.{s}") for s in STATUSES}  # a plain lookup: the labels follow the session's language
    with st.form(state.widget_key("checkin"), border=True):
        chosen = {}
        for item in items:
            chosen[item.action.id] = st.selectbox(
                item.action.title, STATUSES, index=STATUSES.index(item.action.status),
                format_func=names.__getitem__, key=state.widget_key(f"checkin.{item.action.id}"))
        if st.form_submit_button(tr("followup.checkin_save"), type="primary", icon=":material/task_alt:"):
            _save_checkin(chosen)
            st.rerun()
    last = view.last_checkin
    st.caption(tr("followup.last_checkin", date=_day(last)) if last else tr("followup.no_checkin"))


def followup_box() -> None:
    """"Start the follow-up assessment": a new, linked assessment; answers pre-filled or blank."""
    st.subheader(tr("followup.start_title"))
    st.markdown(tr("followup.start_text"))
    key = state.widget_key("followup.prefill")
    labels = {True: tr("followup.prefill_yes"), False: tr("followup.prefill_no")}
    prefill = st.radio(tr("followup.prefill"), [True, False], key=key, format_func=labels.__getitem__)
    if st.button(tr("followup.start_button"), type="primary", icon=":material/restart_alt:",
                 key=state.widget_key("followup.start")):
        earlier = state.assessment()
        roadmap = plan(earlier, state.lang()).roadmap
        follow = start_followup(state.bank(), earlier, roadmap, prefill=bool(prefill), today=today())
        token = persist.create_followup(state.ensure_token(), follow,
                                        keep_until(build_roadmap(state.bank(), follow, today=today())))
        if token is None:
            st.error(tr("followup.start_failed"), icon=":material/cloud_off:")
            return
        state.adopt(follow, token)
        state.set_step(0)
        state.flash("success", tr("followup.started"))
        frame.go("assess")


def progress_page() -> None:
    a = state.assessment()
    st.title(tr("followup.progress_title"))
    st.markdown(tr("followup.progress_intro"))
    roadmap = plan(a, state.lang()).roadmap
    if not a.answers or not roadmap.actions:
        st.info(tr("followup.no_actions"), icon=":material/info:")
        frame.page_link("assess", label=tr("start.begin"))
        return
    view = progress_view(state.bank(), a, roadmap, today())
    cols = st.columns(len(STATUSES))
    for col, status in zip(cols, STATUSES, strict=True):
        col.metric(tr(f"status.{status}"), view.counts[status], border=True)
    for phase in view.phases:
        st.progress(phase.percent / 100, text=tr("followup.phase_done", phase=phase.name, percent=phase.percent))
    if view.overdue:
        st.subheader(tr("followup.overdue"))
        st.markdown("\n".join(_action_line(i) for i in view.overdue))
    if view.next_due:
        st.subheader(tr("followup.next_steps"))
        st.markdown("\n".join(_action_line(i) for i in view.next_due))
    if view.next_checkin:
        st.info(tr("followup.next_checkin", date=_day(view.next_checkin)), icon=":material/event_repeat:")
    else:
        st.caption(tr("followup.no_more_checkins", date=_day(roadmap.reassess_on)))
    checkin_form(view)
    if a.predecessor:
        frame.page_link("compare", label=tr("followup.compare_title"), icon=":material/compare_arrows:")
    st.divider()
    followup_box()


# -- the compare page -----------------------------------------------------------------------


def comparison_chart(c: Comparison, theme: Theme) -> go.Figure:
    """Then and now per area, side by side (0–100)."""
    names = [s.short or s.title for s in c.later.result.sections]
    fig = go.Figure([
        go.Bar(name=tr("followup.then"), x=[s.earlier for s in c.sections], y=names, orientation="h",
               marker={"color": theme.muted}, hovertemplate="%{y}: %{x:.0f}<extra></extra>"),
        go.Bar(name=tr("followup.now"), x=[s.later for s in c.sections], y=names, orientation="h",
               marker={"color": theme.primary}, text=[f"{s.later:.0f} ({s.delta:+.0f})" for s in c.sections],
               textposition="outside", cliponaxis=False, hovertemplate="%{y}: %{x:.0f}<extra></extra>"),
    ])
    fig.update_layout(barmode="group", height=90 + 56 * len(names), margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      font={"family": css_font_family(theme.font_family), "color": theme.text, "size": 13},
                      paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
                      legend={"orientation": "h", "y": 1.08}, yaxis={"autorange": "reversed"})
    fig.update_xaxes(range=[0, 110], gridcolor=theme.grid)
    return fig


def current_comparison() -> Comparison | None:
    a = state.assessment()
    earlier = earlier_of(a)
    return None if earlier is None else compare(state.bank(), earlier, a, state.lang(), as_of=today())


def compare_page(theme: Theme) -> None:
    st.title(tr("followup.compare_title"))
    c = current_comparison()
    if c is None:
        st.info(tr("followup.no_predecessor"), icon=":material/info:")
        frame.page_link("progress", label=tr("followup.nav_progress"))
        return
    st.markdown(tr("followup.compare_intro", then=_day(saved_day(c.earlier.saved_at or "")),
                   now=_day(saved_day(c.later.saved_at or "") or today())))
    left, right = st.columns(2)
    left.metric(tr("score.overall"), f"{c.later.overall:.0f} / 100",
                f"{c.overall_delta:+.1f}" if c.overall_delta else None, border=True)
    right.markdown(tr("followup.level_change", then=c.earlier.level_name, now=c.later.level_name))
    if not c.changed:
        st.info(tr("followup.no_change"), icon=":material/info:")
    st.plotly_chart(comparison_chart(c, theme), width="stretch", config={"displayModeBar": False})
    for kind, change, show in (("score.blockers", c.blockers, st.error), ("score.red_flags", c.red_flags, st.warning)):
        for key, box in (("resolved", st.success), ("new", show), ("remaining", show)):
            ids = getattr(change, key)
            if ids:
                box(f"**{tr(kind)} · {tr('followup.' + key)}**\n\n" + "\n".join(f"- {c.messages.get(i, i)}"
                                                                               for i in ids))
    if c.gaps_closed:
        st.markdown(f"**{tr('followup.gaps_closed')}:** {len(c.gaps_closed)}")
    n = c.counts
    st.markdown(tr("followup.roadmap_counts", done=n["done"], doing=n["doing"], todo=n["todo"], dropped=n["dropped"]))
    if c.overdue:
        st.markdown(f"**{tr('followup.overdue')}**\n\n" + "\n".join(
            f"- {escape_markdown(a.title)} ({_day(a.end)})" for a in c.overdue))
    if c.next_steps:
        st.subheader(tr("followup.next_steps"))
        st.markdown("\n".join(f"- {escape_markdown(a.title)} ({_day(a.end)})" for a in c.next_steps))
