"""Groups in a workshop on screen: set them up, choose one on the phone, the host's "by group" gap view,
and two workshops side by side.

Figures by group come only from :func:`readiness.groups.group_view` (the threshold and the
complementary rule), over a snapshot that moves in batches of at least the threshold. Only the host
view shows them; the phones and the projector never show anything by group.
"""

from __future__ import annotations

import contextlib
import dataclasses
import html
import threading
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from readiness.groups import (
    DEFAULT_THRESHOLD,
    MAX_THRESHOLD,
    GroupsError,
    GroupSetup,
    GroupView,
    default_groups,
    export_labels,
    gap_meaning,
    group_view,
    groups_from_labels,
    snapshot_due,
)
from readiness.i18n import format_number
from readiness.side_by_side import host_token_in, side_by_side
from readiness.store import StoreError, StoreUnavailable, Workshop
from readiness.store.groups import GroupsLocked
from readiness.theme import Theme
from readiness.workshop import ANONYMITY_THRESHOLD, counted

from . import frame, state
from . import workshop as ws_ui
from .charts import css_font_family
from .components import escape_markdown
from .guard import guard, guarded
from .i18n import loc, tr, trn

RATHER_NOT_SAY = "_none"
THRESHOLDS = tuple(range(ANONYMITY_THRESHOLD, MAX_THRESHOLD + 1))
PALETTE = ("#1D4ED8", "#D97706", "#059669", "#7C3AED", "#DC2626", "#0891B2", "#65A30D", "#DB2777")


def _k(name: str) -> str:
    return state.widget_key(f"ws.groups.{name}")


# -- creating and editing -------------------------------------------------------------------


def render_create_options() -> None:
    """The create form's group settings (a toggle, the names, the smallest group shown)."""
    on = st.toggle(tr("gaps.create_toggle"), value=False, key=_k("on"), help=tr("gaps.create_help"))
    if on:
        _group_fields(None)


def _group_fields(setup: GroupSetup | None) -> None:
    lang = st.session_state.get(state.widget_key("ws.language")) or state.lang()
    labels_key = _k("labels")
    if labels_key not in st.session_state:
        groups = setup.groups if setup is not None else default_groups(lang)
        st.session_state[labels_key] = "\n".join(g.label for g in groups)
    st.text_area(tr("gaps.labels"), key=labels_key, height=130, help=tr("gaps.labels_help"))
    threshold_key = _k("threshold")
    st.session_state.setdefault(threshold_key, setup.threshold if setup is not None else DEFAULT_THRESHOLD)
    st.segmented_control(tr("gaps.threshold"), THRESHOLDS, key=threshold_key, required=True,
                         help=tr("gaps.threshold_help"))


def _typed_setup(previous: GroupSetup | None) -> GroupSetup | None:
    """The groups as typed (None: no names); :class:`GroupsError` when they break the rules."""
    text = st.session_state.get(_k("labels")) or ""
    groups = groups_from_labels(text.splitlines()[:50], previous.groups if previous is not None else ())
    threshold = int(st.session_state.get(_k("threshold")) or DEFAULT_THRESHOLD)
    return GroupSetup(groups, threshold) if groups else None


def apply_created(workshop_id: int) -> None:
    """Save the groups chosen on the create form for the workshop just created (nothing when off)."""
    if not st.session_state.get(_k("on")):
        return
    lang = st.session_state.get(state.widget_key("ws.language")) or state.lang()
    try:  # the default names keep their ids
        ws_ui.store().set_workshop_groups(workshop_id, _typed_setup(GroupSetup(default_groups(lang))))
    except GroupsError:
        state.flash("warning", tr("gaps.bad_groups"))
    for name in ("on", "labels", "threshold"):
        st.session_state.pop(_k(name), None)


@guarded()
def _save(workshop_id: int, previous: GroupSetup | None, locked: bool) -> None:
    try:
        if locked and previous is not None:
            threshold = int(st.session_state.get(_k("threshold")) or previous.threshold)
            ws_ui.store().set_workshop_groups(workshop_id, GroupSetup(previous.groups, threshold))
        else:
            ws_ui.store().set_workshop_groups(workshop_id, _typed_setup(previous))
    except GroupsError:
        state.flash("warning", tr("gaps.bad_groups"))
        return
    except GroupsLocked:
        state.flash("info", tr("gaps.locked"))
        return
    state.flash("success", tr("gaps.saved"))


def render_manage(workshop: Workshop) -> None:
    """The settings tab's groups: editable until somebody joins, then only the threshold goes up."""
    with guard("workshop.live.unavailable"):
        setup = ws_ui.store().workshop_groups(workshop.id)
        joined, _ = ws_ui.store().counts(workshop.id)
    st.subheader(tr("gaps.manage_heading"))
    if joined:
        if setup is None:
            st.caption(tr("gaps.none"))
            return
        names = ", ".join(escape_markdown(g.label) for g in setup.groups)
        st.markdown(tr("gaps.current", names=names, n=setup.threshold))
        st.caption(tr("gaps.locked"))
        key = _k("threshold")
        st.session_state.setdefault(key, setup.threshold)
        st.segmented_control(tr("gaps.threshold"), [n for n in THRESHOLDS if n >= setup.threshold], key=key,
                             required=True, help=tr("gaps.threshold_help"))
        st.button(tr("gaps.save"), key=_k("save"), on_click=_save, args=(workshop.id, setup, True),
                  icon=":material/save:")
        return
    if setup is None:
        st.caption(tr("gaps.manage_none"))
    _group_fields(setup)
    st.button(tr("gaps.save"), key=_k("save"), on_click=_save, args=(workshop.id, setup, False),
              icon=":material/save:")


# -- the phone: choosing a group ------------------------------------------------------------


def render_choice(workshop: Workshop) -> None:
    """The optional group choice on the join card (nothing when the workshop has no groups)."""
    with guard(quiet=True):
        setup = ws_ui.store().workshop_groups(workshop.id)
    if setup is None:
        return
    options = [*setup.ids, RATHER_NOT_SAY]
    names = {g.id: escape_markdown(g.label) for g in setup.groups} | {RATHER_NOT_SAY: tr("gaps.rather_not_say")}
    st.radio(tr("gaps.choose"), options, index=None, format_func=names.get, key=_k("choice"),
             help=tr("gaps.choose_help", n=setup.threshold))


def save_choice(token: str) -> None:
    """Store the group chosen on the join card for the participant just joined (none: rather not say)."""
    choice = st.session_state.pop(_k("choice"), None)
    if choice in (None, RATHER_NOT_SAY):
        return
    with contextlib.suppress(ValueError, StoreError, StoreUnavailable):  # then the participant has no group
        ws_ui.store().set_participant_group(token, choice)


# -- the host's gap view --------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Snapshot:
    counted: int
    closed: bool
    responses: tuple[Any, ...]
    groups: Mapping[int, str | None]
    threshold: int


class _Snapshots:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.by_workshop: dict[tuple[int, str], _Snapshot] = {}


@st.cache_resource(show_spinner=False)
def _snapshots() -> _Snapshots:
    return _Snapshots()


def snapshot(store: Any, workshop: Workshop, setup: GroupSetup) -> _Snapshot:
    """The participants the views by group use: a snapshot that moves only when at least the threshold
    more have finished (or the workshop closed or reopened, or the threshold changed). Shared by the
    host view and the group PDF, so neither can be downloaded again and again to isolate one person."""
    closed = not workshop.is_open
    now = counted(store.workshop_responses(workshop.id), closed=closed)
    cache = _snapshots()
    key = (workshop.id, workshop.code)
    with cache.lock:
        snap = cache.by_workshop.get(key)
        if snap is None or snap.closed != closed or snap.threshold != setup.threshold:
            snap = _Snapshot(0, closed, (), {}, setup.threshold)
        if closed or snapshot_due(len(now), snap.counted, setup.threshold):
            snap = _Snapshot(len(now), closed, tuple(now), store.participant_groups(workshop.id), setup.threshold)
        cache.by_workshop[key] = snap
    return snap


def load_view(workshop: Workshop, setup: GroupSetup) -> GroupView:
    """The gap view over the current snapshot (see :func:`snapshot`)."""
    snap = snapshot(ws_ui.store(), workshop, setup)
    return group_view(state.bank(), snap.responses, snap.groups, setup, closed=snap.closed)


def _number(value: float, digits: int = 0) -> str:
    return format_number(value, state.lang(), digits)


def gap_chart(view: GroupView, names: Mapping[str, str], theme: Theme) -> go.Figure:
    """The areas' score (0–100) by group, one bar per shown group."""
    fig = go.Figure()
    areas = [a for a in view.areas if a.scores]
    for i, gid in enumerate(view.shown):
        points = [(names.get(a.section_id, a.section_id), s.mean) for a in areas for s in a.scores if s.group_id == gid]
        fig.add_trace(go.Bar(y=[p[0] for p in points], x=[p[1] for p in points], orientation="h",
                             name=html.escape(view.setup.label(gid)[:40], quote=False),
                             marker={"color": PALETTE[i % len(PALETTE)]},
                             text=[f"{p[1]:.0f}" for p in points], textposition="outside", cliponaxis=False,
                             hovertemplate="%{y}: %{x:.0f}<extra>%{fullData.name}</extra>"))
    fig.update_layout(barmode="group", height=90 + 30 * len(view.shown) * max(len(areas), 1),
                      margin={"l": 10, "r": 24, "t": 36, "b": 10},
                      legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
                      font={"family": css_font_family(theme.font_family), "color": theme.text, "size": 13},
                      paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    fig.update_xaxes(range=[0, 110], tickvals=[0, 25, 50, 75, 100], gridcolor=theme.grid)
    fig.update_yaxes(automargin=True, autorange="reversed")
    return fig


@st.fragment(run_every=ws_ui.REFRESH_SECONDS)
def live_gaps(workshop_id: int) -> None:
    """The "by group" tab, refreshed on its own like the live tab."""
    try:
        with guard("workshop.live.unavailable"):
            workshop = ws_ui.store().workshop(workshop_id)
            setup = ws_ui.store().workshop_groups(workshop_id)
            view = load_view(workshop, setup) if setup is not None else None
    except StoreError:
        st.info(tr("workshop.host.gone"))
        return
    if setup is None or view is None:
        st.info(tr("gaps.none"), icon=":material/groups:")
        return
    render_view(view)


def render_view(view: GroupView) -> None:
    bank, lang = state.bank(), state.lang()
    n = view.setup.threshold
    st.caption(tr("gaps.lead", n=n))
    if not view.shown:
        st.info(tr("gaps.too_few", n=n, count=view.counted), icon=":material/visibility_off:")
        return
    shown = ", ".join(f"{escape_markdown(view.setup.label(g))} ({view.sizes[g]})" for g in view.shown)
    line = tr("gaps.shown", groups=shown)
    if view.hidden:
        line += " " + trn("gaps.hidden", view.hidden)
    with st.container(key="ws-gaps-shown"):
        st.markdown(line)
    st.caption(tr("gaps.batches", n=n))
    names = {s.id: loc(s.short) for s in bank.planning_sections}
    st.markdown(f"**{tr('gaps.chart')}**")
    with st.container(key="ws-gaps-chart"):
        st.plotly_chart(gap_chart(view, names, Theme.from_brand(frame.brand()[0])), key="ws.chart.gaps",
                        config={"displayModeBar": False, "staticPlot": True}, width="stretch")
    st.subheader(tr("gaps.largest"))
    if len(view.shown) < 2:
        st.info(tr("gaps.no_gap"), icon=":material/info:")
    elif not view.gaps:
        st.info(tr("gaps.no_gaps"), icon=":material/info:")
    for area in view.gaps[:3]:
        with st.container(border=True, key=f"ws-gap-{area.section_id}"):
            high, low = area.high, area.low
            st.markdown(tr("gaps.gap_line", area=escape_markdown(names[area.section_id]), gap=_number(area.gap or 0),
                           high=escape_markdown(view.setup.label(high.group_id)), high_score=_number(high.mean),
                           low=escape_markdown(view.setup.label(low.group_id)), low_score=_number(low.mean)))
            if area.statements:
                st.caption(tr("gaps.statements"))
                for statement in area.statements:
                    means = " · ".join(f"{escape_markdown(view.setup.label(m.group_id))} {_number(m.mean, 1)}"
                                       for m in statement.means)
                    text = escape_markdown(loc(bank.questions[statement.question_id].text).rstrip("."))
                    st.markdown(f"- {text}: {means}")
            meaning = gap_meaning(area.section_id, lang)
            if meaning:
                st.markdown(f"*{tr('gaps.meaning')}:* {escape_markdown(meaning)}")
    _distributions(view)


def _distributions(view: GroupView) -> None:
    bank = state.bank()
    if not view.distributions:
        return
    st.subheader(tr("gaps.distribution"))
    st.caption(tr("gaps.distribution_help"))
    ids = list(view.distributions)
    key = state.widget_key(f"{state.lang()}.ws.groups.question")
    if st.session_state.get(key) not in ids:
        st.session_state[key] = ids[0]
    qid = st.selectbox(tr("gaps.distribution"), ids, key=key, label_visibility="collapsed",
                       format_func=lambda q: loc(bank.questions[q].text)[:120])
    dist = view.distributions[qid]
    question = bank.questions[qid]
    labels = {o.id: loc(o.label) for o in bank.options_of(question)}
    first = next(iter(dist.groups.values()))
    dont_know = question.kind != "multi" and (first.scored or any(s.dont_know for s in dist.groups.values()))
    dont_know_label = loc(next((s.label for s in bank.meta.scale.steps if s.dont_know), None))
    rows = {tr("gaps.answer"): [labels.get(o, o) for o in first.options] + ([dont_know_label] if dont_know else [])}
    for gid, stats in dist.groups.items():
        rows[view.setup.label(gid)] = list(stats.counts) + ([stats.dont_know] if dont_know else [])
    st.dataframe(rows, hide_index=True, width="stretch", key=f"ws.groups.table.{qid}")


# -- exports --------------------------------------------------------------------------------


def export_groups(workshop: Workshop, responses: Sequence[Any]) -> dict[int, str]:
    """The exports' group column for these responses (empty: no column)."""
    from readiness.store import get_store

    store = get_store()
    return export_labels(responses, store.participant_groups(workshop.id), store.workshop_groups(workshop.id),
                         closed=not workshop.is_open)


# -- two workshops side by side -------------------------------------------------------------


def other_workshop(workshop: Workshop) -> tuple[Workshop, str] | None:
    """The workshop whose host link is pasted in the comparison field (its host token verified), or None."""
    text = st.session_state.get(_k("compare")) or ""
    token = host_token_in(text)
    if not text.strip():
        return None
    if token is None:
        st.warning(tr("gaps.compare_bad"), icon=":material/link_off:")
        return None
    try:
        with guard("workshop.live.unavailable"):
            other = ws_ui.store().workshop_by_host_token(token)
    except StoreError:
        st.warning(tr("gaps.compare_bad"), icon=":material/link_off:")
        return None
    if other.id == workshop.id:
        st.info(tr("gaps.compare_same"), icon=":material/info:")
        return None
    return other, token


def render_compare(workshop: Workshop) -> None:
    """Paste another workshop's host link; per area, this one against that one."""
    bank = state.bank()
    st.subheader(tr("gaps.compare_heading"))
    st.caption(tr("gaps.compare_help"))
    st.text_input(tr("gaps.compare_link"), key=_k("compare"), max_chars=400,
                  placeholder="https://…/host?h=…")
    found = other_workshop(workshop)
    if found is None:
        return
    other, _ = found
    with guard("workshop.live.unavailable"):
        pairs = side_by_side(bank, ws_ui.store().workshop_responses(workshop.id),
                             ws_ui.store().workshop_responses(other.id),
                             this_closed=not workshop.is_open, other_closed=not other.is_open)
    st.markdown(tr("gaps.compare_title", this=escape_markdown(workshop.title), other=escape_markdown(other.title)))
    dash = tr("gaps.compare_withheld")

    def cell(value: float | None, signed: bool = False) -> str:
        if value is None:
            return dash
        return (("+" if value > 0 else "") if signed else "") + _number(value)

    rows = {tr("gaps.compare_area"): [loc(bank.section_by_id[p.section_id].short) for p in pairs],
            tr("gaps.compare_this"): [cell(p.this) for p in pairs],
            tr("gaps.compare_other"): [cell(p.other) for p in pairs],
            tr("gaps.compare_delta"): [cell(p.delta, True) for p in pairs]}
    with st.container(key="ws-compare"):
        st.dataframe(rows, hide_index=True, width="stretch", key="ws.compare.table")
    st.caption(tr("gaps.compare_note", n=ANONYMITY_THRESHOLD))
    from ui.downloads import file_stem

    from .workshop_host import group_pdf_builder  # (the host module imports this one)

    lang = state.lang()
    stem = file_stem(workshop.organisation, lang).rsplit("-", 1)[0] + "-" + tr("workshop.results.file_word")
    st.download_button(tr("gaps.compare_pdf"), group_pdf_builder(workshop.id, lang, frame.brand()[0], found[1]),
                       file_name=f"{stem}.pdf", mime="application/pdf", icon=":material/picture_as_pdf:",
                       on_click="ignore", key=_k("compare_pdf"))



# -- the group PDF and the deck -------------------------------------------------------------


def gap_report(bank: Any, store: Any, workshop: Workshop, group: Any, other_token: str | None = None) -> Any:
    """The group report with the gap view and, when ``other_token`` opens another workshop, the
    side-by-side comparison (for the PDF and the deck; built on click, from the store, no session state)."""
    from readiness.groups import with_gaps
    from readiness.side_by_side import Comparison

    setup = store.workshop_groups(workshop.id)
    view = None
    if setup is not None:
        snap = snapshot(store, workshop, setup)
        view = group_view(bank, snap.responses, snap.groups, setup, closed=snap.closed)
    comparison = None
    if other_token:
        try:
            other = store.workshop_by_host_token(other_token)
        except StoreError:
            other = None
        if other is not None and other.id != workshop.id:
            pairs = side_by_side(bank, store.workshop_responses(workshop.id), store.workshop_responses(other.id),
                                 this_closed=not workshop.is_open, other_closed=not other.is_open)
            comparison = Comparison(workshop.title, other.title, pairs)
    return with_gaps(group, view, comparison)
