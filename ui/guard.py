"""The one way pages meet an unavailable database: a polite message, the user's link kept.

Only :class:`~readiness.store.StoreUnavailable` is caught here. A bad link is a
:class:`~readiness.store.StoreError`, handled where it happens; any other exception is a bug and is
not swallowed: Streamlit logs it with its traceback and shows a generic error (the app's
``showErrorDetails = "none"``).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import streamlit as st

from readiness.store import StoreUnavailable

from . import state
from .i18n import tr

log = logging.getLogger("readiness.ui")
F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_MESSAGE = "store.unavailable"


def note_outage(exc: StoreUnavailable) -> None:
    """Log an outage (its message never holds a token)."""
    log.warning("%s", exc)


@contextmanager
def guard(message_key: str = DEFAULT_MESSAGE, *, stop: bool = True, quiet: bool = False) -> Iterator[None]:
    """Run page code that uses the store; when the database is unavailable, say so (and stop the page).

    ``quiet`` shows the message as a caption (the live views, which try again by themselves).
    """
    try:
        yield
    except StoreUnavailable as exc:
        note_outage(exc)
        if quiet:
            st.caption(tr(message_key))
        else:
            st.error(tr(message_key), icon=":material/cloud_off:")
        if stop:
            st.stop()


def guarded(message_key: str = DEFAULT_MESSAGE) -> Callable[[F], F]:
    """For widget callbacks: when the database is unavailable, flash ``message_key`` on the next run."""

    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        def inner(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except StoreUnavailable as exc:
                note_outage(exc)
                state.flash("error", tr(message_key))
                return None

        return inner  # type: ignore[return-value]

    return wrap
