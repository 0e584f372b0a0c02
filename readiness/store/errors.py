"""The store's named errors: what the pages turn into friendly messages.

Two families, deliberately apart:

- :class:`StoreError` and its subclasses: something the user has (a link, a code) opens nothing
  or may not be used now. Pages answer with "this link no longer works" and forget the token.
- :class:`StoreUnavailable`: the database cannot be reached or written right now (a server that
  is down, a full disk, a read-only or corrupt file). It is **not** a :class:`StoreError`, so no
  handler for a bad link resets a session or forgets its ``?a=`` / ``?p=`` token because of an
  outage: the link is kept and the page says the data is unavailable for the moment.

Messages never hold a token.
"""

from __future__ import annotations


class StoreError(Exception):
    """Something the user did or has (a link, a code) the store cannot serve. Never holds a token."""


class BadToken(StoreError):
    """The token is malformed (empty, too long, wrong characters); no query was made."""


class UnknownToken(StoreError):
    """The token is well formed but opens nothing (never existed, deleted or purged)."""


class UnknownCode(UnknownToken):
    """No workshop has this join code (or the code is malformed)."""


class UnknownWorkshop(StoreError):
    """No workshop has this id (it was deleted or purged)."""


class WorkshopClosed(StoreError):
    """The workshop is closed: nobody can join, and answers can no longer change."""


class WorkshopFull(StoreError):
    """The workshop has as many participants as it may hold (``READINESS_MAX_PARTICIPANTS``)."""


class SchemaError(StoreError):
    """The database schema cannot be brought to this version of the app."""


class StoreUnavailable(Exception):
    """The database cannot be reached or written right now; try again later. Not a :class:`StoreError`."""
