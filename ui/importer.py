"""Import an answers file: a bad file gets a clear message, and nothing already answered is lost.

The core's errors carry a code and the offending field (:class:`readiness.answers.AnswersError`);
here they become a sentence in the user's language that names the field as the user knows it
(the question's own text, "the organisation's name"). The CLI keeps the core's English line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from readiness.answers import MAX_FILE_BYTES, MAX_SHORT_TEXT, AnswersError, parse_answers_file
from readiness.i18n import DEFAULT_LANGUAGE, format_number, messages

from . import state
from .components import escape_markdown
from .i18n import loc, tr, trn
from .uploader import localise_uploader

# Streamlit counts whole MB, and 1 refused files of 1,000,000-1,048,576 bytes the format accepts; the
# core checks the exact byte count (MAX_FILE_BYTES) and says so in a friendly message.
MAX_UPLOAD_MB = 2
_PREFIX = "import_messages"
_FIELDS = {"organisation": "organisation", "roadmap": "roadmap", "notes": "notes", "language": "language",
           "bank_version": "bank_version", "saved_at": "saved_at", "predecessor": "predecessor",
           "progress": "progress", "format": "format", "answers": "answers", "file": "file"}


def field_name(field: str | None) -> str:
    """A field of the answers file as the user knows it: a question by its text, the rest in words."""
    if not field:
        return tr(f"{_PREFIX}.field.file")
    if field.startswith("answers."):
        question = state.bank().questions.get(field.split(".", 1)[1].split("[", 1)[0])
        if question is not None:
            return tr(f"{_PREFIX}.field.question", text=loc(question.text))
    if field == "roadmap.start":
        return tr(f"{_PREFIX}.field.roadmap_start")
    head = field.split(".", 1)[0].split("[", 1)[0]
    if head in _FIELDS:
        return tr(f"{_PREFIX}.field.{_FIELDS[head]}")
    return tr(f"{_PREFIX}.field.named", name=field)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _params(params: Mapping[str, Any]) -> dict[str, Any]:
    lang = state.lang()
    out = {k: v for k, v in params.items() if k != "field"}
    for key in ("size", "limit", "length"):
        if isinstance(out.get(key), (int, float)):
            out[key] = format_number(out[key], lang, 0 if float(out[key]).is_integer() else 1)
    value = out.get("value")
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == "'":
        out["value"] = value[1:-1]  # the core quotes a text value the Python way; a sentence needs no quotes
    out["field"] = field_name(params.get("field"))
    return out


def error_message(exc: AnswersError) -> str:
    """The problem in the user's language (plain text, not yet escaped for markdown)."""
    key = f"{_PREFIX}.{exc.code}"
    if key in messages(DEFAULT_LANGUAGE):
        try:
            return _capital(tr(key, **_params(exc.params)))
        except (KeyError, IndexError):
            pass
    return _capital(tr(f"{_PREFIX}.invalid", field=field_name(exc.field)))  # a code this face does not know


def notice_message(notice: str) -> str:
    code, params = getattr(notice, "code", None), getattr(notice, "params", {})
    if code is None or f"{_PREFIX}.notice.{code}" not in messages(DEFAULT_LANGUAGE):
        return notice
    try:
        return tr(f"{_PREFIX}.notice.{code}", **{**_params(params), "name": params.get("field", "")})
    except (KeyError, IndexError):
        return notice


def import_bytes(data: bytes) -> tuple[bool, str]:
    """Replace the session's assessment with the file's, or leave it untouched and say why."""
    warnings: list[str] = []
    bank = state.bank()
    try:
        imported = parse_answers_file(bank, data, warnings)
    except AnswersError as exc:
        return False, tr("import.failed", problem=escape_markdown(error_message(exc)))
    state.replace_assessment(imported)
    message = trn("import.done", len(imported.answers))
    if imported.bank_version and imported.bank_version != bank.version:
        message += " " + tr(f"{_PREFIX}.other_version", version=escape_markdown(imported.bank_version),
                            current=bank.version)
    if warnings:
        details = "; ".join(notice_message(w) for w in warnings[:5])
        message += " " + tr("import.warnings", details=escape_markdown(details))
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
    localise_uploader(MAX_FILE_BYTES)
    st.button(tr("import.button"), type="primary", key=state.widget_key("import"), on_click=_on_import,
              disabled=st.session_state.get(state.widget_key("upload")) is None)


__all__ = ["MAX_SHORT_TEXT", "MAX_UPLOAD_MB", "error_message", "field_name", "import_bytes", "render"]
