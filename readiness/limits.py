"""Attempt limits for join codes and rate limits for creating things: counters in memory, per process.

Pure and clock-driven (tests pass a fake clock). Nothing is stored in the database: each server
process counts its own, so in a cluster the limits hold per replica (the sticky load balancer
keeps a client on one replica, so a client meets one set of counters).

**Wrong codes** are counted per *device*, per *network address* and *overall* within a sliding
window. Streamlit's session id changes on every reload, so a "device" is the network address
together with the browser's User-Agent: it survives a reload and a new tab, and tells apart most
colleagues behind one office address. Past a limit, every look-up from that source is refused
for the same time, whether its code is right or wrong, so the answer never tells whether a code
exists. The wait is the time until the oldest counted failure leaves the window.

**Creations** (workshops and assessments) are counted per network address and overall, per hour.

Memory is bounded: a failure or creation is only recorded while its source is not blocked, so
no more than the overall limit of events is held per window.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from .workshop import JOIN_WINDOW_SECONDS, join_allowed

WRONG_CODE_WINDOW = 600.0  # seconds
CREATION_WINDOW = 3600.0  # seconds
#: The address key for a client whose address is unknown (Streamlit reports none for loopback).
LOCAL = "local"


def address_key(address: str | None) -> str:
    """The key a client's address is counted under (an unknown address is one shared key, never free)."""
    return address.strip() if isinstance(address, str) and address.strip() else LOCAL


def device_key(address: str | None, user_agent: str | None) -> str:
    """The key of a device: its address and its browser's User-Agent (both survive a reload)."""
    agent = user_agent.strip()[:300] if isinstance(user_agent, str) else ""
    return f"{address_key(address)}|{agent}"


class _Window:
    """Event times per key within a sliding window (oldest first)."""

    def __init__(self, window: float) -> None:
        self.window = window
        self.events: dict[str, deque[float]] = {}

    def recent(self, key: str, now: float) -> deque[float]:
        times = self.events.get(key)
        if times is None:
            return deque()
        while times and now - times[0] >= self.window:
            times.popleft()
        if not times:
            del self.events[key]
        return times

    def add(self, key: str, now: float) -> None:
        self.events.setdefault(key, deque()).append(now)

    def wait(self, key: str, limit: int, now: float) -> float:
        """Seconds until ``key`` is under ``limit`` again (0: it is now)."""
        times = self.recent(key, now)
        if len(times) < limit:
            return 0.0
        return max(0.0, times[len(times) - limit] + self.window - now)


class AttemptLimiter:
    """Wrong join codes per device, per address and overall, in a sliding window."""

    OVERALL = "*"

    def __init__(self, per_device: int, per_address: int, overall: int, window: float = WRONG_CODE_WINDOW,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = {"device": per_device, "address": per_address, "overall": overall}
        self.clock = clock
        self._windows = {name: _Window(window) for name in self.limits}
        self._lock = threading.Lock()

    def _keys(self, address: str | None, user_agent: str | None) -> dict[str, str]:
        return {"device": device_key(address, user_agent), "address": address_key(address), "overall": self.OVERALL}

    def wait(self, address: str | None, user_agent: str | None) -> float:
        """Seconds this source must wait before it may look up a code (0: now); the same for every code."""
        now = self.clock()
        with self._lock:
            return max(self._windows[name].wait(key, self.limits[name], now)
                       for name, key in self._keys(address, user_agent).items())

    def failed(self, address: str | None, user_agent: str | None) -> None:
        """Count a wrong code from this source (ignored while it is blocked: it was never looked up)."""
        now = self.clock()
        with self._lock:
            keys = self._keys(address, user_agent)
            if any(self._windows[n].wait(k, self.limits[n], now) for n, k in keys.items()):
                return
            for name, key in keys.items():
                self._windows[name].add(key, now)


class CreationLimiter:
    """Creations per address and overall, in a sliding window of an hour."""

    OVERALL = "*"

    def __init__(self, per_address: int, overall: int, window: float = CREATION_WINDOW,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.per_address, self.overall = per_address, overall
        self.clock = clock
        self._window = _Window(window)
        self._lock = threading.Lock()

    def allow(self, address: str | None) -> bool:
        """Whether this address may create one more now; if so, it is counted."""
        now = self.clock()
        key = "a:" + address_key(address)
        with self._lock:
            if self._window.wait(key, self.per_address, now) or self._window.wait(self.OVERALL, self.overall, now):
                return False
            self._window.add(key, now)
            self._window.add(self.OVERALL, now)
            return True


class JoinLimiter:
    """Participants created per browser session and per address (the rule of
    :func:`readiness.workshop.join_allowed`): one person cannot fill a room from private tabs, and
    a real room behind one address still gets in."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._window = _Window(JOIN_WINDOW_SECONDS)
        self._lock = threading.Lock()

    def allow(self, session_joins: int, address: str | None) -> bool:
        """Whether one more join may go ahead; if so, it is counted."""
        now = self.clock()
        key = address_key(address)
        with self._lock:
            if not join_allowed(session_joins, list(self._window.recent(key, now)), now):
                return False
            self._window.add(key, now)
            return True


# -- the process's limiters -----------------------------------------------------------------

_current: tuple[object, AttemptLimiter, CreationLimiter, JoinLimiter] | None = None
_current_lock = threading.Lock()


def _for_settings() -> tuple[AttemptLimiter, CreationLimiter, JoinLimiter]:
    """The process's limiters, built from the settings in use (new settings, e.g. in tests: new counters)."""
    from . import settings

    global _current
    current = settings.get()
    with _current_lock:
        if _current is None or _current[0] is not current:
            _current = (current,
                        AttemptLimiter(current.wrong_codes_per_device, current.wrong_codes_per_address,
                                       current.wrong_codes_overall),
                        CreationLimiter(current.creations_per_address, current.creations_per_hour),
                        JoinLimiter())
        return _current[1], _current[2], _current[3]


def code_attempts() -> AttemptLimiter:
    """The process's limiter of wrong join codes (from the settings)."""
    return _for_settings()[0]


def creations() -> CreationLimiter:
    """The process's limiter of created workshops and assessments (from the settings)."""
    return _for_settings()[1]


def joins() -> JoinLimiter:
    """The process's limiter of joins (new settings, e.g. in tests: new counters)."""
    return _for_settings()[2]
