"""Autosave: every answer and edit goes to the store as it happens.

The wizard marks what it changed (``ui/state.py``'s ``PENDING``) and calls :func:`flush`. An
unavailable database never raises into the page: it costs a warning in the sidebar, not the
answers, which stay in the session, and the changed fields stay marked. The next save that gets
through writes exactly the marked fields, each as an upsert of that field alone, so another tab
saving other fields of the same assessment is not overwritten; the warning stays until then.
Any other error is a bug and is not swallowed. Tokens never reach the log.
"""

from __future__ import annotations

import sys
from typing import Any

import streamlit as st

from readiness import limits
from readiness.answers import Assessment, fitting_answers
from readiness.bank import load_bank
from readiness.i18n import t
from readiness.store import StoreError, StoreUnavailable

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
    """A new stored assessment holding ``assessment``; its token (None if the store is unavailable,
    or this address created too many lately: the answers stay in the session, unsaved)."""
    from .env import client_address  # not at the top: ui.env imports ui.state, which imports this

    if not limits.creations().allow(client_address()):
        state.flash("warning", t("limits.too_many_assessments", state.lang()))
        return None
    try:
        store = _store()
        token = store.create_assessment(language=assessment.language, bank_version=assessment.bank_version)
        store.replace_assessment(token, assessment)
    except StoreUnavailable as exc:  # the page goes on; the answers are still in the session
        _failed(exc)
        return None
    st.session_state.pop(state.PENDING, None)  # all of it is stored now
    _ok()
    return token


def _write(store: Any, token: str, assessment: Assessment, fields: set[str]) -> None:
    if state.ALL_FIELDS in fields:  # an import: the file replaces everything
        store.replace_assessment(token, assessment)
        return
    answer_ids = sorted(f.removeprefix(state.ANSWER_FIELD) for f in fields if f.startswith(state.ANSWER_FIELD))
    extra = st.session_state.get(state.PENDING_VALUES, {})
    meta = {f: extra[f] if f in extra else getattr(assessment, f)
            for f in sorted(fields) if not f.startswith(state.ANSWER_FIELD)}
    if answer_ids:
        store.save_answers(token, {qid: assessment.answers.get(qid) for qid in answer_ids})
    if meta:
        store.save_meta(token, **meta)


def flush(token: str | None) -> None:
    """Write every field changed since the last successful save (kept marked if this one fails too)."""
    fields = set(st.session_state.get(state.PENDING) or ())
    if token is None or not fields:
        return
    try:
        _write(_store(), token, state.assessment(), fields)
    except StoreUnavailable as exc:
        _failed(exc)
    else:
        st.session_state.pop(state.PENDING, None)
        _ok()


def reopen(token: str) -> Assessment | None:
    """The stored assessment of a resume link that an outage kept from opening (None: still unavailable).

    A link that opens nothing (deleted meanwhile) is given up: the caller starts a new assessment.
    """
    try:
        return load(token)
    except StoreError:
        st.session_state.pop(state.PENDING_TOKEN, None)
        return None
    except StoreUnavailable as exc:
        _failed(exc)
        return None


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
