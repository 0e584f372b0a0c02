"""Persistence: assessments and workshops in SQLite (one machine) or PostgreSQL (several).

The package is split so that what pages need often stays light:

- :mod:`.errors`, :mod:`.tokens`, :mod:`.models` and :mod:`.values` import nothing heavy (no
  SQLAlchemy): the named errors, tokens and join codes, the value objects;
- :mod:`.schema` (the tables), :mod:`.engine` (the connection, dialect differences, migrations,
  outages named), :mod:`.assessments` and :mod:`.workshops` (the queries) and :mod:`.facade`
  (:class:`Store`, :func:`get_store`) import SQLAlchemy, and are loaded only when one of their
  names is first used (``from readiness.store import Store`` still works).

Access is by capability: whoever holds a token (256 bits) may read and change what it opens.
Tokens are stored only as SHA-256 digests and never logged; no method lists other people's
assessments. Validating answers against the question bank is the caller's job.

Errors: :class:`StoreError` subclasses for links and codes that open nothing (:class:`BadToken`,
:class:`UnknownToken`, :class:`UnknownCode`, :class:`UnknownWorkshop`, :class:`WorkshopClosed`,
:class:`WorkshopFull`),
and :class:`StoreUnavailable`, deliberately not a :class:`StoreError`, when the database cannot be
reached or written.
"""

from __future__ import annotations

import importlib
from typing import Any

from .errors import (
    BadToken,
    SchemaError,
    StoreError,
    StoreUnavailable,
    UnknownCode,
    UnknownToken,
    UnknownWorkshop,
    WorkshopClosed,
    WorkshopFull,
)
from .models import (
    MAX_DISPLAY_NAME,
    MAX_QUESTION_ID,
    MAX_VALUE_CHARS,
    WORKSHOP_STATUSES,
    ParticipantView,
    Response,
    Workshop,
)
from .tokens import (
    CODE_ALPHABET,
    CODE_LENGTH,
    TOKEN_LENGTH,
    hash_token,
    join_key,
    new_code,
    new_token,
    normalise_code,
    presenter_key,
    valid_code,
    valid_token,
)

#: Heavy names and the submodule each comes from (imported on first use). The tables are in
#: :mod:`.schema` (``readiness.store.assessments`` and ``.workshops`` are the query modules).
_LAZY = {
    "Store": "facade", "get_store": "facade", "PURGE_INTERVAL_SECONDS": "facade",
    "metadata": "schema", "SCHEMA_REVISION": "schema",
    "resolve_url": "engine", "MIGRATIONS_DIR": "engine", "is_outage": "engine",
}

__all__ = [
    "CODE_ALPHABET", "CODE_LENGTH", "MAX_DISPLAY_NAME", "MAX_QUESTION_ID", "MAX_VALUE_CHARS", "TOKEN_LENGTH",
    "WORKSHOP_STATUSES", "BadToken", "ParticipantView", "Response", "SchemaError", "StoreError", "StoreUnavailable",
    "UnknownCode", "UnknownToken", "UnknownWorkshop", "Workshop", "WorkshopClosed", "WorkshopFull", "hash_token",
    "join_key", "new_code", "new_token", "normalise_code", "presenter_key", "valid_code", "valid_token", *_LAZY,
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
