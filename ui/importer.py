"""Import an answers file: a bad file gets a clear message, and nothing already answered is lost."""

from __future__ import annotations

import streamlit as st

from readiness.answers import AnswersError, parse_answers_file

from . import state
from .components import escape_markdown
from .i18n import tr, trn

# Streamlit counts whole MB, and 1 refused files of 1,000,000-1,048,576 bytes the format accepts; the
# core checks the exact byte count (MAX_FILE_BYTES) and says so in a friendly message.
MAX_UPLOAD_MB = 2


def import_bytes(data: bytes) -> tuple[bool, str]:
    """Replace the session's assessment with the file's, or leave it untouched and say why."""
    warnings: list[str] = []
    try:
        imported = parse_answers_file(state.bank(), data, warnings)
    except AnswersError as exc:
        return False, tr("import.failed", problem=escape_markdown(str(exc)))
    state.replace_assessment(imported)
    message = trn("import.done", len(imported.answers))
    if warnings:
        message += " " + tr("import.warnings", details=escape_markdown("; ".join(warnings[:5])))
    return True, message


def _on_import() -> None:
    upload = st.session_state.get(state.widget_key("upload"))
    if upload is None:
        return
    ok, message = import_bytes(upload.getvalue())
    state.flash("success" if ok else "error", message)


def render() -> None:
    st.caption(tr("import.help"))
    st.file_uploader(tr("import.label"), type=["json"], key=state.widget_key("upload"), max_upload_size=MAX_UPLOAD_MB)
    st.button(tr("import.button"), type="primary", key=state.widget_key("import"), on_click=_on_import,
              disabled=st.session_state.get(state.widget_key("upload")) is None)
