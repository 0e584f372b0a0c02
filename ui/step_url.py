"""The wizard's and a workshop participant's step in the URL (``?step=3``), so a reload stays put.

The URL holds the step as people count (1 is the first). Which one wins: on a session's first
run (a reload, a link) the URL's step is taken over; from then on the session's step is written
into the URL, so a click on "Next", a page change (which clears the URL's parameters) or a
click sent while the browser still shows the previous URL never moves anyone.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from . import state

PARAM = "step"


def _from_url() -> int | None:
    raw = st.query_params.get(PARAM)
    try:
        return int(str(raw)) - 1 if raw is not None else None
    except ValueError:
        return None


def sync(current: Callable[[], int], set_current: Callable[[int], None], last_key: str, highest: int) -> int:
    """Take a new step from the URL (0…``highest``) or put the session's step into it; the step."""
    wanted = _from_url()
    if last_key not in st.session_state and wanted is not None:
        set_current(max(0, min(wanted, highest)))
    value = str(current() + 1)
    if st.query_params.get(PARAM) != value:
        st.query_params[PARAM] = value
    st.session_state[last_key] = value
    return current()


def wizard() -> int:
    """The wizard's step (0-based), kept in step with ``?step=``."""
    return sync(state.step, state.set_step, state.STEP_IN_URL, len(state.bank().sections) - 1)


def participant(current: Callable[[], int], set_current: Callable[[int], None], highest: int) -> int:
    """A workshop participant's step (0-based; ``highest`` may be the thank-you), kept in ``?step=``."""
    return sync(current, set_current, state.WS_STEP_IN_URL, highest)
