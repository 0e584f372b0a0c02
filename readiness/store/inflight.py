"""The writes running in this process right now, so a server that is asked to stop can let them finish.

Every write transaction of the store counts itself here while it runs (``Database._write``). A
server shutting down (``asgi.py``, on SIGTERM) waits with :meth:`InFlight.drain` until none is
left, up to a grace period, before the process exits: an answer a participant tapped just
before a replica was stopped is committed, not rolled back with a killed connection.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class InFlight:
    def __init__(self) -> None:
        self._count = 0
        self._idle = threading.Condition()

    @property
    def count(self) -> int:
        return self._count

    @contextmanager
    def running(self) -> Iterator[None]:
        with self._idle:
            self._count += 1
        try:
            yield
        finally:
            with self._idle:
                self._count -= 1
                if not self._count:
                    self._idle.notify_all()

    def drain(self, timeout: float) -> bool:
        """Wait until no write runs (True), or ``timeout`` seconds have passed (False)."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
        return True


WRITES = InFlight()
