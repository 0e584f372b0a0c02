"""Checking and encoding what goes into the store (JSON text columns), without SQLAlchemy."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from ..answers import RoadmapEdits
from ..text import is_empty, text_problem
from .models import MAX_DISPLAY_NAME, MAX_QUESTION_ID, MAX_VALUE_CHARS


def now() -> dt.datetime:
    """The current time in UTC (one place, so tests can move the clock: patch ``values.now``)."""
    return dt.datetime.now(dt.UTC)


def utc(value: dt.datetime) -> dt.datetime:
    """Datetimes from SQLite come back naive; everything we store is UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def dumps(value: Any, what: str) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        text.encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{what}: cannot be stored as JSON ({exc.__class__.__name__})") from None
    return text


def loads(text: str | None, default: Any) -> Any:
    if not text:
        return default
    return json.loads(text)


def encode_value(value: Any) -> str:
    text = dumps(value, "answer")
    if len(text) > MAX_VALUE_CHARS:
        raise ValueError(f"answer: {len(text):,} characters, the limit is {MAX_VALUE_CHARS:,}")
    return text


def text(value: Any, what: str, limit: int | None = None) -> str:
    """``value`` if it is text fit to store (see :func:`readiness.text.text_problem`); ValueError otherwise."""
    if not isinstance(value, str):
        raise ValueError(f"{what}: expected text, got {type(value).__name__}")
    problem = text_problem(value, limit)
    if problem:
        raise ValueError(f"{what}: {problem}")
    return value


def question_id(value: Any) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= MAX_QUESTION_ID:
        raise ValueError(f"question id: expected 1 to {MAX_QUESTION_ID} characters of text")
    return text(value, "question id")


def clean_name(name: str | None) -> str | None:
    """A participant's display name: one line, printable, at most 60 characters (None when empty)."""
    if name is None:
        return None
    if not isinstance(name, str):
        raise ValueError("display name: expected text")
    cleaned = " ".join(name.split())  # tabs, newlines and runs of spaces become one space
    cleaned = "".join(ch for ch in cleaned if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF)
    return cleaned[:MAX_DISPLAY_NAME].strip() or None


def edits_json(edits: RoadmapEdits) -> str:
    if not isinstance(edits, RoadmapEdits):
        raise ValueError("edits: expected a RoadmapEdits")
    return "{}" if edits.empty else dumps(edits.to_json(), "edits")


def edits_from(raw_text: str) -> RoadmapEdits:
    raw = loads(raw_text, {})
    if not raw:
        return RoadmapEdits()
    return RoadmapEdits(changed={k: dict(v) for k, v in (raw.get("changed") or {}).items()},
                        added=tuple(dict(a) for a in raw.get("added") or ()),
                        removed=tuple(raw.get("removed") or ()))


def notes_json(notes: Mapping[str, Any]) -> str:
    if not isinstance(notes, Mapping):
        raise ValueError("notes: expected a mapping")
    return dumps(dict(notes), "notes")


def answer_rows(values: Mapping[str, Any], at: dt.datetime) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows to upsert and question ids to delete (empty values remove their answer)."""
    upserts: list[dict[str, Any]] = []
    deletes: list[str] = []
    for qid, value in values.items():
        question_id(qid)
        if is_empty(value):
            deletes.append(qid)
        else:
            upserts.append({"question_id": qid, "value": encode_value(value), "updated_at": at})
    return upserts, deletes
