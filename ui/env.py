"""Reading the browser's locale and headers through one helper that tests can override.

AppTest has no hook for ``st.context``; tests set ``st.session_state["ra.test_locale"]``.
"""

from __future__ import annotations

import streamlit as st

TEST_LOCALE = "ra.test_locale"
TEST_ADDRESS = "ra.test_address"


def browser_locale() -> str | None:
    """The browser's preferred language tag (``da-DK``, ``en-GB`` ...), if known."""
    if TEST_LOCALE in st.session_state:
        return st.session_state[TEST_LOCALE]
    try:
        return st.context.locale
    except Exception:  # pragma: no cover - no browser context (bare mode)
        return None


def default_language() -> str:
    """Danish for a Danish browser, English otherwise."""
    loc = (browser_locale() or "").lower()
    return "da" if loc.startswith("da") else "en"


def client_address() -> str | None:
    """The client's IP address as Streamlit sees it (behind a proxy: the proxy's), if known."""
    if TEST_ADDRESS in st.session_state:
        return st.session_state[TEST_ADDRESS]
    try:
        return st.context.ip_address
    except Exception:  # pragma: no cover - no browser context (bare mode)
        return None
