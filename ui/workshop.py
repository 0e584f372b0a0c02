"""What the workshop's pages share: the store, links and the QR code, access checks, the attempt
limits for join codes and creations, and the bindings that tie the question widgets to stored answers.

Tokens are capabilities: they travel only in the URL of whoever holds them (``?h=`` for the
host, ``?p=`` for a participant) and in that session's state, and are never logged or shown
elsewhere. The presenter view's address carries the join code and a presenter key derived one
way from the host token (:func:`readiness.store.presenter_key`), never the host token itself.
"""

from __future__ import annotations

import dataclasses
import html
import io
import math
from collections.abc import Mapping
from typing import Any

import streamlit as st

from readiness import limits
from readiness.answers import AnswersError, validate_answer
from readiness.store import (
    StoreError,
    StoreUnavailable,
    Workshop,
    WorkshopClosed,
    normalise_code,
    presenter_key,
    valid_code,
)
from readiness.text import is_empty
from readiness.workshop import ANONYMITY_THRESHOLD, Aggregate

from . import env, state
from .guard import guard, note_outage
from .i18n import tr, trn
from .resume import base_url
from .widgets import Binding

HOST_PARAM, PARTICIPANT_PARAM, CODE_PARAM, PRESENTER_PARAM, JOIN_KEY_PARAM = "h", "p", "code", "k", "j"
REFRESH_SECONDS = 5


def store():
    from readiness.store import get_store

    return get_store()


# -- links and the QR code ------------------------------------------------------------------


def join_page_url() -> str:
    """The join page's address without a code (what people type from the projector)."""
    return f"{base_url()}/join"


def join_url(code: str, key: str | None = None) -> str:
    """The join link; with the workshop's signed join key (the host's and the projector's QR code),
    it opens the workshop without the typed code's attempt limit."""
    url = f"{join_page_url()}?{CODE_PARAM}={code}"
    return f"{url}&{JOIN_KEY_PARAM}={key}" if key else url


def host_url(token: str) -> str:
    return f"{base_url()}/host?{HOST_PARAM}={token}"


def presenter_url(code: str, host_token: str) -> str:
    return f"{base_url()}/present?{CODE_PARAM}={code}&{PRESENTER_PARAM}={presenter_key(host_token)}"


def spaced(code: str) -> str:
    """A join code as people read it aloud: ``ACDE 3479`` (codes of 6 from before: ``ACD 347``)."""
    half = len(code) // 2
    return f"{code[:half]} {code[half:]}"


@st.cache_data(max_entries=64, show_spinner=False)
def qr_png(url: str, scale: int = 12) -> bytes:
    """The URL as a QR code (PNG), dark on white with a quiet zone: readable from the back of a room."""
    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=scale, border=3, dark="#111827")
    return buf.getvalue()


def big_code(code: str, size_rem: float = 7.0) -> None:
    """The join code in very large type (for the projector).

    The code is one of ours (six characters of the join-code alphabet, checked here), never
    user text, so the small piece of HTML carries nothing anyone typed.
    """
    if not valid_code(code):
        return
    st.html(f'<div style="font: 700 {float(size_rem)}rem/1.05 ui-monospace, \'DejaVu Sans Mono\', monospace; '
            f'letter-spacing: .12em; color: #111827; margin: .2rem 0 .6rem">{html.escape(spaced(code))}</div>')


# -- the host -------------------------------------------------------------------------------


def host_access() -> tuple[Workshop, str] | None:
    """The workshop and token the host's link opens, or None (with a plain message when a link failed).

    Only a host token opens the host view: a join code or a participant's token is refused
    like any unknown link. The token is kept in the session so that the host view survives a
    visit to the wizard's pages, and put back into the URL.
    """
    raw = st.query_params.get(HOST_PARAM)
    token = raw or st.session_state.get(state.WS_HOST_TOKEN)
    if not token:
        return None
    try:
        with guard():  # the database is unavailable: the link stays, the page says so
            workshop = store().workshop_by_host_token(token)
    except StoreError:
        st.session_state.pop(state.WS_HOST_TOKEN, None)
        if HOST_PARAM in st.query_params:
            del st.query_params[HOST_PARAM]
        st.warning(tr("workshop.host.unknown_link"), icon=":material/link_off:")
        return None
    st.session_state[state.WS_HOST_TOKEN] = token
    if st.query_params.get(HOST_PARAM) != token:
        st.query_params[HOST_PARAM] = token
    return workshop, token


def forget_host() -> None:
    st.session_state.pop(state.WS_HOST_TOKEN, None)
    if HOST_PARAM in st.query_params:
        del st.query_params[HOST_PARAM]


def adopt_language(workshop: Workshop) -> None:
    """A phone or the projector takes on the workshop's language once (the sidebar's switch still changes it)."""
    if st.session_state.get(state.WS_LANGUAGE_FOR) != workshop.id:
        st.session_state[state.WS_LANGUAGE_FOR] = workshop.id
        if workshop.language != state.lang():
            state.set_lang(workshop.language)


# -- participants ---------------------------------------------------------------------------


def _source() -> tuple[str | None, str | None]:
    return env.client_address(), env.user_agent()


def code_wait() -> float:
    """Seconds before this device may look up a typed code again (0: now), the same for every code.

    Counted per device (address and browser, which a reload keeps), per address and overall; see
    :mod:`readiness.limits`.
    """
    return limits.code_attempts().wait(*_source())


def attempts_blocked() -> bool:
    """Whether typed codes from this device are refused for now (too many wrong ones lately)."""
    return code_wait() > 0


def register_wrong_code(code: str) -> None:
    """Count a wrong code towards the limits, once per session and code (a page may run twice for one visit)."""
    counted = st.session_state.setdefault(state.WS_WRONG_CODES, set())
    code = normalise_code(code)
    if code in counted:
        return
    counted.add(code)
    limits.code_attempts().failed(*_source())


def wait_minutes() -> int:
    return max(1, math.ceil(code_wait() / 60))


def join_allowed() -> bool:
    """Whether this browser session may create one more participant now (counted when it may)."""
    if not limits.joins().allow(st.session_state.get(state.WS_JOINS, 0), env.client_address()):
        return False
    st.session_state[state.WS_JOINS] = st.session_state.get(state.WS_JOINS, 0) + 1
    return True


def creation_allowed() -> bool:
    """Whether this address may create another workshop or assessment now (counted when it may)."""
    return limits.creations().allow(env.client_address())


def participant_token() -> str | None:
    """This phone's participant token: from ``?p=`` (a reload) or the session, put back into the URL."""
    raw = st.query_params.get(PARTICIPANT_PARAM)
    if raw and raw != st.session_state.get(state.WS_PARTICIPANT):
        st.session_state[state.WS_PARTICIPANT] = raw
        st.session_state[state.WS_STEP] = None  # decided once the token is opened (finished: the thank-you)
    token = st.session_state.get(state.WS_PARTICIPANT)
    if token and st.query_params.get(PARTICIPANT_PARAM) != token:
        st.query_params[PARTICIPANT_PARAM] = token
    return token


def set_participant(token: str | None, keep_code: bool = False) -> None:
    st.session_state[state.WS_PARTICIPANT] = token
    st.session_state[state.WS_STEP] = 0
    if token:
        st.query_params[PARTICIPANT_PARAM] = token
        if CODE_PARAM in st.query_params and not keep_code:
            del st.query_params[CODE_PARAM]
    elif PARTICIPANT_PARAM in st.query_params:
        del st.query_params[PARTICIPANT_PARAM]


def step() -> int:
    return st.session_state.get(state.WS_STEP) or 0


def set_step(value: int) -> None:
    st.session_state[state.WS_STEP] = max(0, value)


def _validated(question_id: str, value: Any) -> Any:
    bank = state.bank()
    if is_empty(value):
        return None
    return validate_answer(bank, bank.questions[question_id], value)


def mark_finished(token: str) -> bool:
    """Mark the participant finished; False (with a message) when the link no longer opens anything.
    A workshop closed meanwhile counts as finished: its answers are frozen as they are."""
    try:
        store().set_finished(token, True)
    except WorkshopClosed:
        state.flash("info", tr("workshop.join.closed_now"))
    except StoreError:
        state.flash("warning", tr("workshop.join.gone"))
        return False
    return True


def participant_binding(token: str, answers: Mapping[str, Any]) -> Binding:
    """Widgets bound to a participant's answers in the store (one row per answer, saved at once)."""

    def save(question_id: str, value: Any) -> None:
        value = _validated(question_id, value)
        try:
            store().save_participant_answer(token, question_id, value)
        except WorkshopClosed:
            raise AnswersError(tr("workshop.join.closed_now")) from None
        except StoreError:
            raise AnswersError(tr("workshop.join.gone")) from None
        except StoreUnavailable as exc:  # say so, keep the page alive
            note_outage(exc)
            raise AnswersError(tr("workshop.join.save_failed")) from None

    return Binding(get=answers.get, set=save, namespace="ws.", mark_required=False, horizontal=False)


# -- the host's agreed answers --------------------------------------------------------------


def agreed_binding(workshop_id: int, effective: Mapping[str, Any]) -> Binding:
    """Widgets showing the agreed answer as it stands (the facilitator's, else the suggestion)."""

    def save(question_id: str, value: Any) -> None:
        value = _validated(question_id, value)
        try:
            store().set_agreed_answer(workshop_id, question_id, value)
        except StoreUnavailable as exc:
            note_outage(exc)
            raise AnswersError(tr("store.unavailable")) from None

    return Binding(get=effective.get, set=save, namespace="agree.", reseed=True, mark_required=False)


# -- aggregates -----------------------------------------------------------------------------


def load_aggregate(workshop_id: int, *, live: bool = False) -> Aggregate:
    """What the shared views show: the published snapshot over the finished participants.

    A refresh reads only the participants written since the last one (by the workshop's revision)
    into the process's running aggregates, so it costs about the same in a room of 40 or 4,000.
    The snapshot moves only when at least three more have finished (or, once the workshop is
    closed, counted); ``joined`` and ``finished`` are always the current counts. ``live``: every
    answer as it stands, for the host of a named workshop, who may see each person's answers anyway.
    """
    from ui.cache import live_workshops

    bank, db = state.bank(), store()
    workshop = db.workshop(workshop_id)
    closed = not workshop.is_open
    entry = live_workshops().get((workshop.id, workshop.code), bank)
    with entry.lock:
        if entry.closed is not None and entry.closed != closed:
            entry.reset(bank)
        entry.closed = closed
        revision, changed = db.workshop_changes(workshop_id, entry.revision)
        entry.catch_up(revision, changed, closed)
        if live:
            return entry.everyone.result()
        return dataclasses.replace(entry.published.aggregate, joined=len(entry.everyone),
                                   finished=entry.everyone.finished)


def too_few_finished(agg: Aggregate) -> str:
    """Why nothing is shown yet, counting the finished (what the shared views wait for)."""
    return tr("live.too_few", n=ANONYMITY_THRESHOLD, count=agg.finished)


def too_few_message(count: int) -> str:
    return tr("workshop.live.too_few", n=ANONYMITY_THRESHOLD, count=count)


def level_badge(level: str | None) -> str:
    """A coloured badge (markdown) for a disagreement level."""
    if level is None:
        return f":gray-badge[{tr('workshop.level.none')}]"
    colour = {"disagree": "red", "some": "orange", "agree": "green"}[level]
    return f":{colour}-badge[{tr(f'workshop.level.{level}')}]"


def disagreement_number(stats) -> str:
    """The number behind a level, in words: '3 steps' or '55 % chose the same'."""
    from readiness.i18n import format_percent

    if stats.spread is not None:
        return trn("workshop.live.spread_value", stats.spread)
    if stats.agreement is not None:
        return tr("workshop.live.agreement_value", share=format_percent(100 * stats.agreement, state.lang()))
    return ""
