"""Resume links: the assessment's token travels in the URL as ``?a=...`` from page to page."""

from __future__ import annotations

import streamlit as st

from readiness import settings
from readiness.store import StoreError, StoreUnavailable

from . import persist, state
from .guard import note_outage
from .i18n import tr

PARAM = "a"


def restore_from_url() -> None:
    """Open the assessment named by ``?a=`` once per token; a bad token gets a friendly message."""
    raw = st.query_params.get(PARAM)
    if not raw or raw == state.token() or raw == st.session_state.get(state.TRIED_TOKEN):
        return
    st.session_state[state.TRIED_TOKEN] = raw
    try:
        loaded = persist.load(raw)
    except StoreError:
        state.reset()
        state.flash("warning", tr("resume.unknown"))
        del st.query_params[PARAM]
        return
    except StoreUnavailable as exc:  # keep the link, say so, carry on; answers given meanwhile go into it
        note_outage(exc)
        st.session_state.pop(state.TRIED_TOKEN, None)  # try the link again on the next run
        st.session_state[state.PENDING_TOKEN] = raw  # and on the next save: never a new assessment
        state.flash("error", tr("resume.unavailable"))
        return
    state.adopt(loaded, raw)
    persist.touch(raw)  # opening the link counts as use (retention)
    state.flash("success", tr("resume.restored"))


def keep_in_url() -> None:
    """Put the token back into the URL (Streamlit clears query parameters on page changes)."""
    token = state.token()
    if token and st.query_params.get(PARAM) != token:
        st.query_params[PARAM] = token


def query_params() -> dict[str, str] | None:
    token = state.token()
    return {PARAM: token} if token else None


def base_url() -> str:
    """Where users reach this server: READINESS_PUBLIC_URL, else the address of this request."""
    configured = settings.get().public_url
    if configured:
        return configured
    try:
        url = st.context.url or ""
    except Exception:  # pragma: no cover
        url = ""
    if "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://{rest.split('/', 1)[0]}"
    return "http://localhost:8501"


def resume_url(token: str) -> str:
    return f"{base_url()}/assess?{PARAM}={token}"


def start_afresh() -> None:
    """A new, empty assessment in this tab; the old one stays behind its link."""
    state.reset()
    if PARAM in st.query_params:
        del st.query_params[PARAM]


def _delete() -> None:
    if persist.delete(state.token()):
        start_afresh()
        state.flash("success", tr("resume.deleted"))
    else:
        state.flash("error", tr("resume.delete_failed"))


def sidebar_box() -> None:
    """The resume link with a copy button, what it is for, and 'delete this assessment'."""
    token = state.token()
    if persist.save_failed():
        st.warning(tr("resume.save_failed"), icon=":material/cloud_off:")
    if not token:
        st.caption(tr("resume.not_yet"))
        return
    st.markdown(f"**{tr('resume.title')}**")
    st.code(resume_url(token), language=None, wrap_lines=True)
    st.caption(tr("resume.explain"))
    from .progress import next_checkin_line  # lazy: ui.progress imports the frame

    next_checkin_line()
    with st.popover(tr("resume.delete"), icon=":material/delete:"):
        st.write(tr("resume.delete_confirm"))
        st.button(tr("resume.delete_yes"), type="primary", on_click=_delete, key=state.widget_key("delete"))
