"""The host's view of a workshop: create, show the code, watch live, agree, take notes, download, manage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from readiness.bank import Question
from readiness.brand import Brand
from readiness.export import responses_csv, responses_xlsx
from readiness.i18n import format_number, language_name, languages
from readiness.store import StoreError, Workshop, join_key
from readiness.theme import Theme
from readiness.workshop import (
    ANONYMITY_THRESHOLD,
    INVITED_NOTE,
    Aggregate,
    QuestionStats,
    agreed_assessment,
    effective_agreed,
    group_report,
    invited_count,
    may_show,
    visible_suggestions,
)

from . import frame, state, workshop_pulse
from . import workshop as ws_ui
from . import workshop_gaps as gaps_ui
from . import workshop_sense as sense
from .components import escape_markdown
from .guard import guard, guarded
from .i18n import loc, tr, trn
from .widgets import render_question
from .workshop_charts import question_histogram, section_distribution

DISPUTED = "_disputed"
CONTEXT = "context"
TOP_DISPUTED = 5


def _k(name: str) -> str:
    return state.widget_key(f"ws.{name}")


# -- create ---------------------------------------------------------------------------------


@guarded("workshop.create.failed")
def _create() -> None:
    ss = st.session_state
    organisation = (ss.get(_k("organisation")) or "").strip()
    if not organisation:
        state.flash("error", tr("workshop.create.need_organisation"))
        return
    if not ws_ui.creation_allowed():
        state.flash("error", tr("limits.too_many_workshops"))
        return
    title = (ss.get(_k("title")) or "").strip() or tr("workshop.create.default_title")
    language = ss.get(_k("language")) or state.lang()
    _, token = ws_ui.store().create_workshop(organisation[:200], title[:200], language,
                                             anonymous=bool(ss.get(_k("anonymous"), True)),
                                             show_results=bool(ss.get(_k("show_results"), False)),
                                             pulse=workshop_pulse.chosen_mode())
    gaps_ui.apply_created(ws_ui.store().workshop_by_host_token(token).id)
    ss[state.WS_HOST_TOKEN] = token
    st.query_params[ws_ui.HOST_PARAM] = token
    state.flash("success", tr("workshop.create.created"))


def render_create() -> None:
    st.title(tr("workshop.create.heading"))
    st.markdown(tr("workshop.create.lead"))
    ss = st.session_state
    ss.setdefault(_k("organisation"), state.assessment().organisation)
    ss.setdefault(_k("language"), state.lang())
    st.text_input(tr("workshop.create.organisation"), key=_k("organisation"), max_chars=200,
                  help=tr("sense.name_limit", n=200))
    st.text_input(tr("workshop.create.title"), key=_k("title"), max_chars=200,
                  placeholder=tr("workshop.create.default_title"))
    st.segmented_control(tr("workshop.create.language"), list(languages()), format_func=language_name,
                         key=_k("language"), required=True, help=tr("workshop.create.language_help"))
    st.toggle(tr("workshop.create.anonymous"), value=True, key=_k("anonymous"),
              help=tr("workshop.create.anonymous_help"))
    st.toggle(tr("workshop.create.show_results"), value=False, key=_k("show_results"),
              help=tr("workshop.create.show_results_help"))
    workshop_pulse.render_create_choice()
    gaps_ui.render_create_options()
    st.button(tr("workshop.create.submit"), type="primary", on_click=_create, key=_k("create"),
              icon=":material/add_circle:")
    st.caption(tr("workshop.create.privacy"))


# -- the header: code, QR, links ------------------------------------------------------------


def render_header(workshop: Workshop, token: str) -> None:
    st.title(escape_markdown(workshop.title))
    mode = tr("workshop.host.anonymous") if workshop.anonymous else tr("workshop.host.named")
    status = tr("workshop.host.open") if workshop.is_open else tr("workshop.host.closed")
    st.caption(f"{escape_markdown(workshop.organisation)} · {status} · {mode}{workshop_pulse.mode_caption(workshop)}")
    if not workshop.is_open:
        st.warning(tr("workshop.host.closed_note"), icon=":material/lock:")
    url = ws_ui.join_url(workshop.code, join_key(token))  # signed: it always opens, whatever the typed codes
    left, right = st.columns([3, 2], vertical_alignment="center")
    with left:
        st.markdown(tr("workshop.host.join_with_code"))
        with st.container(key="ws-code"):
            ws_ui.big_code(workshop.code, 4.5)
        st.markdown(tr("workshop.host.or_link"))
        st.code(url, language=None, wrap_lines=True)
        st.link_button(tr("workshop.host.open_presenter"), ws_ui.presenter_url(workshop.code, token), type="primary",
                       icon=":material/co_present:", help=tr("workshop.host.open_presenter_help"))
        with st.expander(tr("workshop.host.private_link"), icon=":material/key:"):
            st.caption(tr("workshop.host.private_link_help"))
            st.code(ws_ui.host_url(token), language=None, wrap_lines=True)
    with right:
        st.image(ws_ui.qr_png(url), width=240, caption=tr("workshop.host.qr_caption"), alt=tr("a11y.qr_alt"))


# -- live -----------------------------------------------------------------------------------


def _names(short: bool = True) -> dict[str, str]:
    return {s.id: loc(s.short if short else s.title) for s in state.bank().planning_sections}


def _counts(agg: Aggregate) -> None:
    for column, (name, value) in zip(st.columns(3), (("joined", agg.joined), ("finished", agg.finished),
                                                     ("answered", agg.responded))):
        with column.container(key=f"ws-count-{name}"):
            st.metric(tr(f"workshop.live.{name}"), value, border=True)


def _number(value: float) -> str:
    return format_number(value, state.lang(), 0 if float(value).is_integer() else 1)


def median_text(stats: QuestionStats, question: Question) -> str:
    """The median in words: a step of the scale, or the two steps it falls between."""
    if stats.middle is None:
        return ""
    if question.kind == "number":
        return tr("workshop.live.median", value=_number(stats.median))
    if not stats.scored:
        return ""
    labels = {o.value: loc(o.label) for o in state.bank().options_of(question)
              if o.value is not None and not getattr(o, "dont_know", False)}
    low, high = stats.middle
    if low == high:
        return tr("workshop.live.median", value=labels.get(low, low))
    return tr("workshop.live.median_between", low=labels.get(low, low), high=labels.get(high, high))


def stats_line(stats: QuestionStats) -> str:
    """A question's numbers in one line of markdown: answers, don't know, median, the level and its number."""
    bank = state.bank()
    question = bank.questions[stats.question_id]
    parts = [trn("workshop.live.n_answers", stats.answered)]
    if stats.scored or stats.dont_know:
        parts.append(tr("workshop.live.n_dont_know", n=stats.dont_know))
    median = median_text(stats, question)
    if median:
        parts.append(median)
    line = " · ".join(parts)
    if stats.level:
        line = f"{ws_ui.level_badge(stats.level)} **{ws_ui.disagreement_number(stats)}** · {line}"
    return line


def _histograms(agg: Aggregate, anonymous: bool) -> None:
    bank, theme = state.bank(), Theme.from_brand(frame.brand()[0])
    key = state.widget_key(f"{state.lang()}.ws.live_section")
    names = _names()
    ids = list(names)
    if st.session_state.get(key) not in ids:
        st.session_state[key] = ids[0]
    section_id = st.segmented_control(tr("workshop.live.section"), ids, format_func=names.get, key=key, required=True)
    questions = [q for q in bank.section_by_id[section_id].questions if q.kind in ("single", "multi", "scale", "number")]
    dont_know = loc(next((s.label for s in bank.meta.scale.steps if s.dont_know), None))
    for pair in (questions[i:i + 2] for i in range(0, len(questions), 2)):
        for column, question in zip(st.columns(2), pair):
            stats = agg.questions[question.id]
            with column.container(border=True, key=f"ws-hist-{question.id}"):
                st.markdown(f"**{escape_markdown(loc(question.text))}**")
                if not may_show(stats.responses, anonymous=anonymous, host=True):
                    st.caption(ws_ui.too_few_message(stats.responses))
                    continue
                st.markdown(stats_line(stats))
                if question.kind == "number":
                    if stats.low is not None:
                        st.caption(tr("workshop.live.range", low=_number(stats.low), high=_number(stats.high)))
                    continue
                labels = {o.id: loc(o.label) for o in bank.options_of(question)}
                st.plotly_chart(question_histogram(stats, labels, dont_know, theme), key=f"ws.chart.{question.id}",
                                config={"displayModeBar": False, "staticPlot": True}, width="stretch")


def _disagreements(agg: Aggregate, anonymous: bool) -> None:
    bank = state.bank()
    st.caption(tr("workshop.live.definition"))
    rated = agg.by_disagreement(min_responses=0)
    rated = [q for q in rated if may_show(q.responses, anonymous=anonymous, host=True)]
    if not rated:
        st.info(tr("workshop.live.no_levels"), icon=":material/info:")
        return
    for stats in rated[:15]:
        text = escape_markdown(loc(bank.questions[stats.question_id].text))
        section = escape_markdown(loc(bank.section_of[stats.question_id].short))
        st.markdown(f"{stats_line(stats)}  \n{text} :gray[({section})]")
    if len(rated) > 15:
        st.caption(trn("workshop.live.more", len(rated) - 15))


@st.fragment(run_every=ws_ui.REFRESH_SECONDS)
def live(workshop_id: int, anonymous: bool) -> None:
    """Counts and charts, refreshed every few seconds on their own (the rest of the page stays put)."""
    try:
        with guard("workshop.live.unavailable"):
            agg = ws_ui.load_aggregate(workshop_id, live=not anonymous)
    except StoreError:
        st.info(tr("workshop.host.gone"))
        return
    _counts(agg)
    if not may_show(agg.responded, anonymous=anonymous, host=True):
        message = ws_ui.too_few_finished(agg) if anonymous else ws_ui.too_few_message(agg.responded)
        st.info(message, icon=":material/visibility_off:")
        return
    if anonymous:
        st.caption(tr("live.batches", n=ANONYMITY_THRESHOLD))
    sections, questions, disputed = st.tabs([tr("workshop.live.tab_sections"), tr("workshop.live.tab_questions"),
                                             tr("workshop.live.tab_disagreement")])
    with sections:
        st.caption(tr("workshop.live.sections_help"))
        shown = sense.drawn([s for s in agg.sections if may_show(s.n, anonymous=anonymous, host=True)])
        note = sense.left_out(agg.sections, shown, _names())
        if shown:
            st.plotly_chart(section_distribution(shown, _names(), Theme.from_brand(frame.brand()[0]),
                                                 points=not anonymous),
                            key="ws.chart.sections", config={"displayModeBar": False}, width="stretch")
        if note:
            st.caption(note)
    with questions:
        _histograms(agg, anonymous)
    with disputed:
        _disagreements(agg, anonymous)


# -- agree and notes ------------------------------------------------------------------------


@guarded("workshop.agree.note_failed")
def _save_note(workshop_id: int, question_id: str, key: str) -> None:
    text = (st.session_state.get(key) or "").strip()
    ws_ui.store().set_workshop_note(workshop_id, question_id, text[:5000])


def render_agree(workshop: Workshop, agg: Aggregate) -> None:
    bank = state.bank()
    suggested = visible_suggestions(agg, anonymous=workshop.anonymous)
    binding = ws_ui.agreed_binding(workshop.id, effective_agreed(workshop.agreed, suggested))
    st.markdown(tr("workshop.agree.lead"))
    names = {DISPUTED: tr("workshop.agree.most_disputed"), **_names(), CONTEXT: loc(bank.section_by_id[CONTEXT].short)}
    key = state.widget_key(f"{state.lang()}.ws.agree_section")
    if st.session_state.get(key) not in names:
        st.session_state[key] = DISPUTED
    choice = st.segmented_control(tr("workshop.agree.show"), list(names), format_func=names.get, key=key, required=True)
    if choice == DISPUTED:
        rated = [q for q in agg.by_disagreement() if may_show(q.responses, anonymous=workshop.anonymous, host=True)]
        questions = [bank.questions[q.question_id] for q in rated[:TOP_DISPUTED]]
        if not questions:
            st.info(tr("workshop.live.no_levels"), icon=":material/info:")
    else:
        questions = list(bank.section_by_id[choice].questions)
        if choice == CONTEXT:
            st.caption(tr("workshop.agree.context_help"))
    for question in questions:
        stats = agg.questions.get(question.id)
        with st.container(border=True, key=f"ws-agree-{question.id}"):
            render_question(question, binding)
            if stats is not None and may_show(stats.responses, anonymous=workshop.anonymous, host=True):
                st.markdown(stats_line(stats))
            if question.id in workshop.agreed:
                st.caption(tr("workshop.agree.set_by_you"))
            elif question.id in suggested:
                st.caption(tr("workshop.agree.suggested"))
            sense.show_tie(stats if stats is not None and may_show(stats.responses, anonymous=workshop.anonymous,
                                                                   host=True) else None, workshop.agreed)
            if stats is None:
                continue
            note_key = state.widget_key(f"ws.note.{state.lang()}.{question.id}")
            st.session_state.setdefault(note_key, workshop.notes.get(question.id, ""))
            st.text_area(tr("workshop.agree.note"), key=note_key, height=68, max_chars=5000,
                         placeholder=tr("workshop.agree.note_placeholder"),
                         on_change=_save_note, args=(workshop.id, question.id, note_key))


# -- results and downloads ------------------------------------------------------------------


def group_pdf_builder(workshop_id: int, lang: str, brand: Brand, other: str | None = None) -> Callable[[], bytes]:
    """The group PDF, built on click from what the store holds then (never from session state)."""

    def build() -> bytes:
        from readiness.bank import load_bank
        from readiness.pulse import with_workshop_pulse
        from readiness.store import get_store
        from readiness.workshop import aggregate
        from reports import build_report

        bank, store = load_bank(), get_store()
        workshop = store.workshop(workshop_id)
        agg = aggregate(bank, store.workshop_responses(workshop_id))
        suggested = visible_suggestions(agg, anonymous=workshop.anonymous)
        assessment = agreed_assessment(bank, workshop.agreed, organisation=workshop.organisation, language=lang,
                                       suggested=suggested)
        assessment = with_workshop_pulse(assessment, store.workshop_responses(workshop_id), is_open=workshop.is_open)
        group = group_report(agg, title=workshop.title, anonymous=workshop.anonymous, agreed=workshop.agreed,
                             notes=workshop.notes, date=dt.date.today())
        group = gaps_ui.gap_report(bank, store, workshop, group, other)
        return build_report(bank, assessment, lang=lang, brand=brand, group=group)

    return build


def deck_builder(workshop_id: int, lang: str, brand: Brand) -> Callable[[], bytes]:
    """The workshop deck (PowerPoint), built on click from what the store holds then, like the group PDF."""

    def build() -> bytes:
        from readiness.bank import load_bank
        from readiness.plan import build_plan
        from readiness.store import get_store
        from readiness.workshop import aggregate
        from reports.pptx import workshop_pptx

        bank, store = load_bank(), get_store()
        workshop = store.workshop(workshop_id)
        agg = aggregate(bank, store.workshop_responses(workshop_id))
        assessment = agreed_assessment(bank, workshop.agreed, organisation=workshop.organisation, language=lang,
                                       suggested=visible_suggestions(agg, anonymous=workshop.anonymous))
        group = group_report(agg, title=workshop.title, anonymous=workshop.anonymous, agreed=workshop.agreed,
                             notes=workshop.notes, date=dt.date.today())
        group = gaps_ui.gap_report(bank, store, workshop, group)
        today = dt.date.today()
        return workshop_pptx(build_plan(bank, assessment, lang, today=today), group, bank, brand=brand, today=today)

    return build


def _export_builder(workshop_id: int, lang: str, kind: str, theme: Theme) -> Callable[[], bytes]:
    def build() -> bytes:
        from readiness.bank import load_bank
        from readiness.store import get_store

        bank, store = load_bank(), get_store()
        workshop = store.workshop(workshop_id)
        responses = store.workshop_responses(workshop_id)
        closed = not workshop.is_open
        groups = gaps_ui.export_groups(workshop, responses)
        if kind == "csv":
            return responses_csv(bank, responses, lang=lang, anonymous=workshop.anonymous, closed=closed, groups=groups)
        return responses_xlsx(bank, responses, lang=lang, anonymous=workshop.anonymous, agreed=workshop.agreed,
                              notes=workshop.notes, theme=theme, closed=closed, groups=groups)

    return build


def render_results(workshop: Workshop, agg: Aggregate) -> None:
    from ui.cache import plan
    from ui.downloads import file_stem

    bank, lang = state.bank(), state.lang()
    theme = Theme.from_brand(frame.brand()[0])
    suggested = visible_suggestions(agg, anonymous=workshop.anonymous)
    assessment = agreed_assessment(bank, workshop.agreed, organisation=workshop.organisation, language=lang,
                                   suggested=suggested)
    st.markdown(tr("workshop.results.lead"))
    result = plan(assessment, lang).score
    left, right = st.columns([1, 2])
    left.metric(tr("workshop.results.overall"), f"{result.overall:.0f} / 100", border=True)
    with right:
        st.markdown(f"### {result.level.name}")
        st.markdown(result.level.meaning)
    stem = file_stem(workshop.organisation, lang).rsplit("-", 1)[0] + "-" + tr("workshop.results.file_word")
    st.download_button(tr("workshop.results.pdf"), group_pdf_builder(workshop.id, lang, frame.brand()[0]),
                       file_name=f"{stem}.pdf", mime="application/pdf", type="primary", icon=":material/picture_as_pdf:",
                       on_click="ignore", key=_k("pdf"))
    st.caption(tr("workshop.results.pdf_help"))
    workshop_pulse.render_answers_download(workshop, stem)
    st.download_button(tr("deliverables.pptx_button"), deck_builder(workshop.id, lang, frame.brand()[0]),
                       file_name=f"{stem}.pptx", mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                       icon=":material/slideshow:", on_click="ignore", key=_k("pptx"), help=tr("deliverables.pptx_help"))
    counted_now = agg.finished if workshop.is_open else agg.joined  # everyone counts once it is closed
    if workshop.anonymous and counted_now < ANONYMITY_THRESHOLD:
        st.info(tr("live.exports_wait", n=ANONYMITY_THRESHOLD, count=counted_now), icon=":material/visibility_off:")
    else:
        _export_buttons(workshop, lang, theme, stem)
    st.caption(tr("workshop.results.exports_help"))
    st.divider()
    st.markdown(tr("workshop.results.to_wizard_help"))
    if st.button(tr("workshop.results.to_wizard"), icon=":material/arrow_forward:", key=_k("to_wizard")):
        state.replace_assessment(assessment)
        frame.go("results")


def _export_buttons(workshop: Workshop, lang: str, theme: Theme, stem: str) -> None:
    left, right = st.columns(2)
    left.download_button(tr("workshop.results.csv"), _export_builder(workshop.id, lang, "csv", theme), file_name=f"{stem}.csv",
                         mime="text/csv", icon=":material/table_view:", on_click="ignore", key=_k("csv"))
    right.download_button(tr("workshop.results.xlsx"), _export_builder(workshop.id, lang, "xlsx", theme),
                          file_name=f"{stem}.xlsx", icon=":material/table:", on_click="ignore", key=_k("xlsx"),
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


# -- manage ---------------------------------------------------------------------------------


@guarded()
def _set_status(workshop_id: int, status: str) -> None:
    ws_ui.store().set_workshop_status(workshop_id, status)
    state.flash("success", tr(f"workshop.manage.{status}_done"))


@guarded()
def _set_show_results(workshop_id: int, key: str) -> None:
    ws_ui.store().update_workshop(workshop_id, show_results=bool(st.session_state.get(key)))


@guarded()
def _set_invited(workshop_id: int, key: str) -> None:
    value = st.session_state.get(key)
    ws_ui.store().set_workshop_note(workshop_id, INVITED_NOTE, str(int(value)) if value else "")


@guarded()
def _delete(workshop_id: int) -> None:
    ws_ui.store().delete_workshop(workshop_id)
    ws_ui.forget_host()
    state.flash("success", tr("workshop.manage.deleted"))


def render_manage(workshop: Workshop) -> None:
    if workshop.is_open:
        st.markdown(tr("workshop.manage.close_help"))
        st.button(tr("workshop.manage.close"), icon=":material/lock:", key=_k("close"), on_click=_set_status,
                  args=(workshop.id, "closed"))
    else:
        st.markdown(tr("workshop.manage.reopen_help"))
        st.button(tr("workshop.manage.reopen"), icon=":material/lock_open:", key=_k("reopen"), on_click=_set_status,
                  args=(workshop.id, "open"))
    show_key = _k("show_results_setting")
    st.session_state[show_key] = workshop.show_results
    st.toggle(tr("workshop.create.show_results"), key=show_key, help=tr("workshop.create.show_results_help"),
              on_change=_set_show_results, args=(workshop.id, show_key))
    invited_key = _k("invited")
    st.session_state[invited_key] = invited_count(workshop.notes)
    st.number_input(tr("workshop.manage.invited"), min_value=0, max_value=100_000, step=1, key=invited_key,
                    placeholder=tr("workshop.manage.invited_placeholder"), help=tr("workshop.manage.invited_help"),
                    on_change=_set_invited, args=(workshop.id, invited_key), width=260)
    gaps_ui.render_manage(workshop)
    st.divider()
    st.markdown(tr("workshop.manage.new_help"))
    st.button(tr("workshop.manage.new"), icon=":material/add_circle:", key=_k("new"), on_click=ws_ui.forget_host)
    with st.popover(tr("workshop.manage.delete"), icon=":material/delete:"):
        st.markdown(tr("workshop.manage.delete_confirm"))
        st.button(tr("workshop.manage.delete_yes"), type="primary", key=_k("delete"), on_click=_delete,
                  args=(workshop.id,))
