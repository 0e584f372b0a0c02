"""Autosave: every answer and edit goes to the store as it happens.

The wizard calls these functions; an unavailable database never raises into the page: it costs
a warning in the sidebar, not the answers, which stay in the session. Any other error is a bug
and is not swallowed. Tokens never reach the log.
"""

from __future__ import annotations

import sys
from typing import Any

import streamlit as st

from readiness.answers import Assessment, fitting_answers
from readiness.bank import load_bank
from readiness.store import StoreUnavailable

from . import state
from .guard import note_outage


def _store():
    from readiness.store import get_store

    store = get_store()
    store.maybe_purge()  # retention, before the first use in this process; then at most once an hour
    return store


def _failed(exc: StoreUnavailable) -> None:
    note_outage(exc)
    st.session_state[state.SAVE_FAILED] = True


def _ok() -> None:
    st.session_state.pop(state.SAVE_FAILED, None)


def save_failed() -> bool:
    return bool(st.session_state.get(state.SAVE_FAILED))


def create(assessment: Assessment) -> str | None:
    """A new stored assessment holding ``assessment``; its token (None if the store is unavailable)."""
    try:
        store = _store()
        token = store.create_assessment(language=assessment.language, bank_version=assessment.bank_version)
        store.replace_assessment(token, assessment)
    except StoreUnavailable as exc:  # the page goes on; the answers are still in the session
        _failed(exc)
        return None
    _ok()
    return token


def save_answer(token: str | None, question_id: str, value: Any) -> None:
    if token is None:
        return
    try:
        _store().save_answer(token, question_id, value)
    except StoreUnavailable as exc:
        _failed(exc)
    else:
        _ok()


def save_meta(token: str | None, **fields: Any) -> None:
    if token is None:
        return
    try:
        _store().save_meta(token, **fields)
    except StoreUnavailable as exc:
        _failed(exc)
    else:
        _ok()


def replace(token: str | None, assessment: Assessment) -> None:
    if token is None:
        return
    try:
        _store().replace_assessment(token, assessment)
    except StoreUnavailable as exc:
        _failed(exc)
    else:
        _ok()


def load(token: str) -> Assessment:
    """The stored assessment for a resume token, checked against today's bank.

    Raises the store's BadToken / UnknownToken for tokens that open nothing, and StoreUnavailable
    when the database cannot be reached. Answers that no longer fit the bank (a retired question,
    say) are left out rather than breaking the page.
    """
    assessment = _store().load_assessment(token)
    return assessment.replace(answers=fitting_answers(load_bank(), assessment.answers))


def touch(token: str) -> None:
    """Opening a resume link counts as use (for the retention purge); an outage only costs the touch."""
    try:
        _store().touch_assessment(token)
    except StoreUnavailable as exc:
        note_outage(exc)


def create_followup(earlier_token: str | None, followup: Assessment, keep_until: Any) -> str | None:
    """Store the follow-up of the assessment ``earlier_token`` opens; its token (None on an outage)."""
    if earlier_token is None:
        return None
    try:
        token = _store().create_followup(earlier_token, followup, keep_until)
    except StoreUnavailable as exc:
        _failed(exc)
        return None
    _ok()
    return token


def delete(token: str | None) -> bool:
    if token is None:
        return False
    try:
        return _store().delete_assessment(token)
    except StoreUnavailable as exc:
        _failed(exc)
        return False


def maybe_purge() -> None:
    """Apply the retention setting now and then (the store rate-limits itself).

    Only once this process uses the store: a first page that saves nothing need not import
    SQLAlchemy (cold start). The first use of the store purges before anything else.
    """
    if "readiness.store.facade" not in sys.modules:
        return
    try:
        _store()  # purges when it is time
    except StoreUnavailable as exc:
        _failed(exc)
