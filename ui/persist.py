"""Autosave: every answer and edit goes to the store as it happens.

The wizard calls these functions; they never raise into the page. A database that is down
costs a warning, not the answers: they stay in the session and are written on the next save.
Tokens never reach the log.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from readiness.answers import Assessment, fitting_answers
from readiness.bank import load_bank

log = logging.getLogger("readiness.ui")
SAVE_FAILED = "ra.save_failed"


def _store():
    from readiness.store import get_store

    store = get_store()
    store.maybe_purge()  # retention, before the first use in this process; then at most once an hour
    return store


def _failed(action: str, exc: Exception) -> None:
    import streamlit as st

    log.warning("could not %s: %s", action, type(exc).__name__)
    st.session_state[SAVE_FAILED] = True


def _ok() -> None:
    import streamlit as st

    st.session_state.pop(SAVE_FAILED, None)


def save_failed() -> bool:
    import streamlit as st

    return bool(st.session_state.get(SAVE_FAILED))


def create(assessment: Assessment) -> str | None:
    """A new stored assessment holding ``assessment``; its token (None if the store is down)."""
    try:
        store = _store()
        token = store.create_assessment(language=assessment.language, bank_version=assessment.bank_version)
        store.replace_assessment(token, assessment)
    except Exception as exc:  # the page must go on; the answers are still in the session
        _failed("create an assessment", exc)
        return None
    _ok()
    return token


def save_answer(token: str | None, question_id: str, value: Any) -> None:
    if token is None:
        return
    try:
        _store().save_answer(token, question_id, value)
    except Exception as exc:
        _failed("save an answer", exc)
    else:
        _ok()


def save_meta(token: str | None, assessment: Assessment, **fields: Any) -> None:
    if token is None:
        return
    try:
        _store().save_meta(token, **fields)
    except Exception as exc:
        _failed("save", exc)
    else:
        _ok()


def replace(token: str | None, assessment: Assessment) -> None:
    if token is None:
        return
    try:
        _store().replace_assessment(token, assessment)
    except Exception as exc:
        _failed("save an import", exc)
    else:
        _ok()


def load(token: str) -> Assessment:
    """The stored assessment for a resume token, checked against today's bank.

    Raises the store's BadToken / UnknownToken for tokens that open nothing. Answers that no
    longer fit the bank (a retired question, say) are left out rather than breaking the page.
    """
    assessment = _store().load_assessment(token)
    return assessment.replace(answers=fitting_answers(load_bank(), assessment.answers))


def delete(token: str | None) -> bool:
    if token is None:
        return False
    try:
        return _store().delete_assessment(token)
    except Exception as exc:
        _failed("delete", exc)
        return False


def maybe_purge() -> None:
    """Apply the retention setting now and then (the store rate-limits itself).

    Only once this process uses the store: a first page that saves nothing need not import
    SQLAlchemy (cold start). The first use of the store purges before anything else.
    """
    if "readiness.store" not in sys.modules:
        return
    try:
        _store()  # purges when it is time
    except Exception as exc:
        _failed("apply retention", exc)
