"""The one module that owns every ``st.session_state`` key (the wizard's, the workshop's, the tests').

Answers live in our own key (an :class:`~readiness.answers.Assessment`), never only in widget
state: a widget without a key resets when its label changes (the language switch) and a keyed
widget loses its value when the user changes page. Widgets are seeded from here on every run
and write back through callbacks.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from readiness.answers import AnswerValue, Assessment, RoadmapEdits, validate_answer
from readiness.bank import Bank, load_bank
from readiness.i18n import DEFAULT_LANGUAGE, normalise_language
from readiness.text import is_empty

from . import persist

ASSESSMENT = "ra.assessment"
LANG = "ra.lang"
STEP = "ra.step"
STEP_IN_URL = "ra.step_in_url"  # the wizard's ?step= as this session last saw or wrote it (ui/step_url.py)
TOKEN = "ra.token"
FLASH = "ra.flash"
ROADMAP_NOTICE = "ra.roadmap_notice"  # what the last "add an action" or "change one action" did, shown once
SAVE_FAILED = "ra.save_failed"  # the last save did not reach the database (the sidebar says so)
TRIED_TOKEN = "ra.tried_token"  # the resume token from the URL already tried in this session
# Fields changed but not yet stored (an outage): "answer:<question id>", an Assessment meta field
# ("organisation", "language", "roadmap_start", "edits") or ALL_FIELDS (an import). See ui/persist.py.
PENDING = "ra.pending"
# Values of pending fields that the Assessment does not hold itself (a check-in's "keep_until").
PENDING_VALUES = "ra.pending_values"
ANSWER_FIELD = "answer:"
ALL_FIELDS = "*"
# A resume link (?a=) that could not be opened because the database was down: retried, and the
# answers given meanwhile are merged into it, rather than a new assessment being started.
PENDING_TOKEN = "ra.pending_token"
WIDGET_PREFIX = "w."
# What tests put in the session in place of the browser's (AppTest has no st.context): see ui/env.py.
TEST_LOCALE = "ra.test_locale"
TEST_ADDRESS = "ra.test_address"
TEST_USER_AGENT = "ra.test_user_agent"
# The workshop (pages host, join and present); tokens here are capabilities: never log them.
WS_HOST_TOKEN = "ra.ws.host_token"  # the host's token, so the host view survives a trip to the wizard
WS_PARTICIPANT = "ra.ws.participant"  # this phone's participant token (also in the URL as ?p=)
WS_STEP = "ra.ws.step"  # the participant's section (0-6; 7 = done)
WS_STEP_IN_URL = "ra.ws.step_in_url"  # the participant's ?step= as last seen or written (ui/step_url.py)
WS_JOINS = "ra.ws.joins"  # participants this browser session has created (see readiness.limits.JoinLimiter)
WS_WRONG_CODES = "ra.ws.wrong_codes"  # wrong codes already counted for this session (a rerun counts none again)
WS_NOTICE = "ra.ws.notice"  # a message for the join form, shown once next to the code field
WS_LANGUAGE_FOR = "ra.ws.language_for"  # the workshop whose language this phone has taken on (once)
WS_PULSE = "ra.ws.pulse"  # True while a phone shows the employee pulse after the planning questions
WS_CONFIRM_FINISH = "ra.ws.confirm_finish"  # unanswered questions counted when finish was pressed


def bank() -> Bank:
    return load_bank()


def init(default_lang: str) -> None:
    """Set up the session's keys once (idempotent)."""
    ss = st.session_state
    if LANG not in ss:
        ss[LANG] = normalise_language(default_lang)
    if ASSESSMENT not in ss:
        ss[ASSESSMENT] = Assessment(language=ss[LANG], bank_version=bank().version)
    ss.setdefault(STEP, 0)
    ss.setdefault(TOKEN, None)


def lang() -> str:
    return st.session_state.get(LANG, DEFAULT_LANGUAGE)


def set_lang(value: str) -> None:
    value = normalise_language(value)
    st.session_state[LANG] = value
    _update(assessment().replace(language=value), language=value)


def assessment() -> Assessment:
    return st.session_state[ASSESSMENT]


def _changed(*fields: str) -> None:
    st.session_state[PENDING] = set(st.session_state.get(PENDING) or ()) | set(fields)


def pending_fields() -> set[str]:
    return set(st.session_state.get(PENDING) or ())


def _update(new: Assessment, **meta: Any) -> None:
    st.session_state[ASSESSMENT] = new
    extra = {k: v for k, v in meta.items() if not hasattr(new, k)}
    if extra:
        st.session_state[PENDING_VALUES] = {**st.session_state.get(PENDING_VALUES, {}), **extra}
    if meta:
        _changed(*meta)
        persist.flush(token())


def token() -> str | None:
    return st.session_state.get(TOKEN)


def set_token(value: str | None) -> None:
    st.session_state[TOKEN] = value


def answer(question_id: str) -> AnswerValue | None:
    return assessment().answers.get(question_id)


def set_answer(question_id: str, value: AnswerValue | None) -> None:
    """Validate and store one answer (None or empty removes it); saved at once when persisted."""
    question = bank().questions[question_id]
    if not is_empty(value):
        value = validate_answer(bank(), question, value)
    st.session_state[ASSESSMENT] = assessment().with_answer(question_id, value)
    _changed(ANSWER_FIELD + question_id)
    persist.flush(ensure_token())


def set_organisation(name: str) -> None:
    _update(assessment().replace(organisation=name), organisation=name)
    ensure_token()


def set_roadmap_start(value: dt.date | None) -> None:
    _update(assessment().replace(roadmap_start=value), roadmap_start=value)


def edits() -> RoadmapEdits:
    return assessment().edits


def set_edits(value: RoadmapEdits) -> None:
    _update(assessment().replace(edits=value), edits=value)
    ensure_token()


def record_checkin(new: Assessment, keep_until: dt.date) -> None:
    """A check-in: the statuses (edits) and their dated progress, saved at once; the store keeps the
    assessment at least until ``keep_until`` (its re-assessment + 90 days)."""
    ensure_token()
    _update(new, edits=new.edits, progress=new.progress, keep_until=keep_until)


def ensure_token() -> str | None:
    """The assessment's resume token, created in the store on the first thing worth saving."""
    current = token()
    if current is None and st.session_state.get(PENDING_TOKEN):
        link = st.session_state[PENDING_TOKEN]
        loaded = persist.reopen(link)
        if loaded is not None:
            adopt(loaded, link)
            return link
        if st.session_state.get(PENDING_TOKEN):
            return None  # still unavailable: keep the link, never fork it into a new assessment
    if current is None:
        current = persist.create(assessment())
        if current is not None:
            set_token(current)
    return current


def replace_assessment(new: Assessment) -> None:
    """Swap in an imported assessment; every widget is reseeded from it."""
    new = new.replace(bank_version=bank().version)
    st.session_state[ASSESSMENT] = new
    st.session_state[LANG] = new.language
    clear_widgets()
    _changed(ALL_FIELDS)
    persist.flush(ensure_token())


def _overlay(stored: Assessment, here: Assessment, fields: set[str]) -> Assessment:
    """``stored`` with the fields changed here (and not yet saved) taken from ``here``."""
    if ALL_FIELDS in fields:
        return here
    merged = stored
    for field in fields:
        if field.startswith(ANSWER_FIELD):
            qid = field.removeprefix(ANSWER_FIELD)
            merged = merged.with_answer(qid, here.answers.get(qid))
        else:
            merged = merged.replace(**{field: getattr(here, field)})
    return merged


def adopt(loaded: Assessment, loaded_token: str) -> None:
    """Take over an assessment restored from the store (a resume link).

    Changes made in this tab while the link could not be opened (an outage) are merged in and
    written to it; the link stays the one the user opened.
    """
    if token() not in (None, loaded_token):
        persist.flush(token())  # what this tab changed in the assessment it had goes there first
    # only changes made to this very link (while an outage kept it from opening) are merged into it
    mine = token() == loaded_token or st.session_state.get(PENDING_TOKEN) == loaded_token
    pending = pending_fields() if mine else set()
    if not pending:
        st.session_state.pop(PENDING, None)
    merged = _overlay(loaded, assessment(), pending)
    st.session_state[ASSESSMENT] = merged
    st.session_state[LANG] = merged.language
    st.session_state.pop(PENDING_TOKEN, None)
    set_token(loaded_token)
    clear_widgets()
    persist.flush(loaded_token)


def reset() -> None:
    """Start afresh: a new, empty assessment (the old one stays in the store until deleted)."""
    st.session_state[ASSESSMENT] = Assessment(language=lang(), bank_version=bank().version)
    st.session_state[TOKEN] = None
    for key in (PENDING, PENDING_TOKEN):
        st.session_state.pop(key, None)
    st.session_state[STEP] = 0
    clear_widgets()


def clear_widgets() -> None:
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(WIDGET_PREFIX)]:
        del st.session_state[key]


def widget_key(name: str) -> str:
    return WIDGET_PREFIX + name


def step() -> int:
    return st.session_state.get(STEP, 0)


def set_step(value: int) -> None:
    st.session_state[STEP] = max(0, min(value, len(bank().sections) - 1))


def flash(kind: str, message: str) -> None:
    """A message to show once, on the next run (after a callback or a page switch)."""
    st.session_state[FLASH] = (kind, message)


def pop_flash() -> tuple[str, str] | None:
    return st.session_state.pop(FLASH, None)


def has_flash() -> bool:
    """Whether a message waits for the next run (a fragment then asks for the whole page)."""
    return st.session_state.get(FLASH) is not None
