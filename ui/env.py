"""Reading the browser's locale and headers through one helper that tests can override.

AppTest has no hook for ``st.context``; tests set ``st.session_state[state.TEST_LOCALE]``.
"""

from __future__ import annotations

import streamlit as st

from readiness.i18n import browser_language

from .state import TEST_ADDRESS, TEST_LOCALE, TEST_USER_AGENT


def _context(test_key: str, attribute: str) -> str | None:
    """``st.context.<attribute>``, unless a test has set ``test_key`` in the session."""
    if test_key in st.session_state:
        return st.session_state[test_key]
    try:
        return getattr(st.context, attribute)
    except Exception:  # pragma: no cover - no browser context (bare mode)
        return None


def browser_locale() -> str | None:
    """The browser's preferred language tag (``da-DK``, ``en-GB`` ...), if known."""
    return _context(TEST_LOCALE, "locale")


def default_language() -> str:
    """The browser's language if there is a locale file for it (Danish for a Danish browser), else English."""
    return browser_language(browser_locale())


def client_address() -> str | None:
    """The client's IP address as Streamlit sees it (behind a proxy: the proxy's), if known."""
    return _context(TEST_ADDRESS, "ip_address")


def user_agent() -> str | None:
    """The browser's User-Agent header, if known (with the address, what a reload keeps: the attempt limit)."""
    if TEST_ADDRESS in st.session_state:
        return st.session_state.get(TEST_USER_AGENT)
    try:
        return st.context.headers.get("User-Agent")
    except Exception:  # pragma: no cover - no browser context (bare mode)
        return None
