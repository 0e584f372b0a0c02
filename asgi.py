"""The server's entry (``python -m readiness.serve`` runs ``streamlit run asgi.py``): app.py, plus
a readiness route for monitoring and a shutdown that lets running saves finish.

- ``GET /_readiness``: ``200 {"database": "ok"}`` when this replica reaches its database, ``503
  {"database": "unavailable"}`` when not (readiness.health). For monitoring, not for the load
  balancer, which checks liveness only (``/_stcore/health``; see deploy/haproxy.cfg).
- On SIGTERM uvicorn stops accepting connections and closes the open ones (the browsers
  reconnect, through the load balancer, to another replica); before the process exits, the
  writes still running (an answer tapped a moment before) are given up to ``SHUTDOWN_GRACE``
  seconds to commit (readiness.store.inflight).

``streamlit run app.py`` still serves the same app, without these two.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from readiness.health import UNAVAILABLE, database_status
from readiness.store.inflight import WRITES

SHUTDOWN_GRACE = 20.0  # seconds a stopping server waits for running writes
CHECK_TIMEOUT = 5.0  # seconds the readiness route waits for the database
log = logging.getLogger("readiness.shutdown")


async def readiness(_request: Request) -> JSONResponse:
    try:
        status, body = await asyncio.wait_for(run_in_threadpool(database_status), CHECK_TIMEOUT)
    except TimeoutError:
        status, body = 503, UNAVAILABLE
    return JSONResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    yield
    running = WRITES.count
    if running:
        log.warning("stopping: waiting up to %g s for %d running write(s)", SHUTDOWN_GRACE, running)
    if not await asyncio.to_thread(WRITES.drain, SHUTDOWN_GRACE):
        log.error("stopping: %d write(s) still running after %g s", WRITES.count, SHUTDOWN_GRACE)


app = st.App(str(Path(__file__).resolve().parent / "app.py"), lifespan=lifespan,
             routes=[Route("/_readiness", readiness, methods=["GET", "HEAD"])])
