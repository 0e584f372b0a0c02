"""What a monitor asks a running server: can it reach its database (``/_readiness``, see asgi.py).

Not for the load balancer: a shared database outage would take every replica out of HAProxy at
once and replace the app's own polite message with the balancer's error page, so HAProxy checks
liveness only (``/_stcore/health``). This is for the people who run it.
"""

from __future__ import annotations

from .store import StoreUnavailable, get_store

OK = {"database": "ok"}
UNAVAILABLE = {"database": "unavailable"}


def database_status() -> tuple[int, dict[str, str]]:
    """``(200, {"database": "ok"})`` when the database answers a query, else ``(503, {"database": "unavailable"})``."""
    try:
        get_store().ping()
    except StoreUnavailable:
        return 503, UNAVAILABLE
    except Exception:  # a broken setting, a driver error: not ready either, and nothing to leak
        return 503, UNAVAILABLE
    return 200, OK
