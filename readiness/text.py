"""Rules for text and values that every layer applies the same way (answers, the store, the UI)."""

from __future__ import annotations

from typing import Any


def is_empty(value: Any) -> bool:
    """Whether an answer value means "no answer": None, an empty list or empty text."""
    return value is None or value == [] or value == ""


def text_problem(value: str, limit: int | None = None) -> str | None:
    """What is wrong with a text for storing and showing it (NUL, a lone surrogate, too long), or None."""
    if "\x00" in value:
        return "contains a NUL character"
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        return "contains a lone surrogate (broken Unicode)"
    if limit is not None and len(value) > limit:
        return f"text is {len(value):,} characters, the limit is {limit:,}"
    return None
