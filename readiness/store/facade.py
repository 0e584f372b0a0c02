"""The :class:`Store`: assessments and workshops in one database, and the retention purge."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time

import sqlalchemy as sa

from .. import settings
from . import values
from .assessments import AssessmentQueries
from .engine import resolve_url
from .errors import StoreUnavailable
from .groups import GroupQueries
from .schema import assessments, participants, workshops
from .workshops import WorkshopQueries

log = logging.getLogger("readiness.store")

PURGE_INTERVAL_SECONDS = 3600

_stores: dict[str, Store] = {}
_stores_lock = threading.Lock()  # held while get_store() builds a Store
_purge_lock = threading.Lock()
_last_purge: dict[str, float] = {}


class Store(AssessmentQueries, WorkshopQueries, GroupQueries):
    """Assessments and workshops in one database. Thread-safe; share one per process (:func:`get_store`)."""

    def purge_untouched(self, days: int, now: dt.datetime | None = None) -> int:
        """Delete assessments and workshops nobody has changed for ``days`` days; how many went.

        A workshop counts as touched when the host changed it or a participant joined or
        answered. Deleting cascades to answers, participants and their answers. An assessment with
        a planned re-assessment or in a series of follow-ups (``keep_until`` set: its
        re-assessment date + 90 days) is kept until that day has passed, however long untouched.
        """
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise ValueError("days: expected a whole number >= 1")
        moment = values.utc(now or values.now())
        cutoff = moment - dt.timedelta(days=days)
        not_kept = sa.or_(assessments.c.keep_until.is_(None), assessments.c.keep_until < moment.date())
        recent_activity = (sa.select(participants.c.id)
                           .where(participants.c.workshop_id == workshops.c.id, participants.c.updated_at >= cutoff)
                           .exists())
        with self._write() as conn:
            gone = conn.execute(assessments.delete().where(assessments.c.updated_at < cutoff, not_kept)).rowcount
            gone += conn.execute(workshops.delete().where(workshops.c.updated_at < cutoff, ~recent_activity)).rowcount
        if gone:
            log.info("retention: deleted %d assessments and workshops untouched for %d days", gone, days)
        return gone

    def maybe_purge(self, interval: float = PURGE_INTERVAL_SECONDS) -> int | None:
        """Purge by the retention setting at most once per ``interval`` seconds in this process.

        Returns how many were deleted, or None when it was not time yet (or the database was
        unavailable: the purge is housekeeping, so an outage is logged and never raised into a page).
        """
        key = self.url
        with _purge_lock:
            last = _last_purge.get(key)
            clock = time.monotonic()
            if last is not None and clock - last < interval:
                return None
            _last_purge[key] = clock
        try:
            return self.purge_untouched(settings.get().retention_days)
        except StoreUnavailable:
            log.warning("retention: purge failed; trying again in %d s", interval, exc_info=True)
            return None


def get_store(url: str | None = None) -> Store:
    """The process's one :class:`Store` for ``url`` (or ``DATABASE_URL``), created on first use.

    :class:`~readiness.store.errors.StoreUnavailable` when the database cannot be reached (the
    next call tries again).
    """
    key = resolve_url(url)
    store = _stores.get(key)
    if store is not None:
        return store
    with _stores_lock:
        store = _stores.get(key)
        if store is None:
            store = _stores[key] = Store(key)
        return store
