"""Translation lookup for widgets and pages, in the session's current language."""

from __future__ import annotations

from typing import Any

from readiness.bank import LocalText
from readiness.i18n import t, tn

from . import state


def tr(key: str, **params: Any) -> str:
    """The product text ``key`` in the session's language."""
    return t(key, state.lang(), **params)


def trn(key: str, n: int, **params: Any) -> str:
    """The form of the product text ``key`` that fits the count ``n``, in the session's language."""
    return tn(key, n, state.lang(), **params)


def loc(text: LocalText | None) -> str:
    """A bank text in the session's language ('' for none)."""
    return text.get(state.lang()) if text is not None else ""
