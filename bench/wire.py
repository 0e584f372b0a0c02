"""A real ``streamlit run`` server and a light client that speaks Streamlit's own protocol.

The client is what a browser tab is to the server, minus the browser: a WebSocket to
``/_stcore/stream`` carrying protobuf messages. It asks for script runs (``BackMsg.rerun_script``
with the widget states a click produces) and reads the server's ``ForwardMsg`` stream until the
run has finished. It draws nothing, so many of them fit on two cores beside the server.
Only loopback addresses are used; every wait is bounded.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

# Imported at once, not on first use: they import Streamlit (half a second), which must not
# land inside a timed wait.
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from .common import ROOT

STREAMLIT_FLAGS = ("--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType",
                   "none", "--server.address", "127.0.0.1")
RUN_TIMEOUT = 60.0


def run_async(coro: Any) -> Any:
    """``asyncio.run(coro)``, also where this thread already runs an event loop (Playwright's sync API
    keeps one in pytest's main thread): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = asyncio.run(coro)
        except BaseException as exc:  # re-raised in the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="bench-asyncio", daemon=True)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- the server -----------------------------------------------------------------------------


class Server:
    """``streamlit run SCRIPT`` on a free loopback port (optionally through :mod:`bench.hooked_streamlit`)."""

    def __init__(self, script: str | Path = "app.py", cwd: Path = ROOT, env: dict[str, str] | None = None,
                 hooked: bool = False, log: Path | None = None, flags: tuple[str, ...] = ()) -> None:
        self.script = str(script)
        self.flags = tuple(flags)
        self.cwd = cwd
        self.port = free_port()
        self.env = {k: v for k, v in os.environ.items() if k != "READINESS_BRAND"}
        self.env.update(env or {})
        self.hooked = hooked
        self.log = log
        self.proc: subprocess.Popen | None = None
        self.started_at = 0.0

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/_stcore/stream"

    def command(self) -> list[str]:
        entry = ["-m", "bench.hooked_streamlit"] if self.hooked else ["-m", "streamlit"]
        return [sys.executable, *entry, "run", self.script, "--server.port", str(self.port), *STREAMLIT_FLAGS, *self.flags]

    def spawn(self) -> None:
        if self.hooked:  # bench.hooked_streamlit must be importable from the server's folder
            self.env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), self.env.get("PYTHONPATH", "")) if p)
        out = self.log.open("ab") if self.log else subprocess.DEVNULL
        self.started_at = time.perf_counter()
        self.proc = subprocess.Popen(self.command(), cwd=self.cwd, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        if self.log:
            out.close()

    def wait_healthy(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited early (see {self.log or 'its output'})")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.02)
        raise RuntimeError(f"streamlit did not become healthy in {timeout} s")

    def start(self) -> Server:
        self.spawn()
        self.wait_healthy()
        return self

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what the server process uses ----------------------------------------------------------

    def rss_bytes(self) -> int:
        """The server's resident memory (VmRSS)."""
        assert self.proc is not None
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError("no VmRSS")

    def cpu_seconds(self) -> float:
        """User + system CPU time the server has used so far."""
        assert self.proc is not None
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# -- the client -----------------------------------------------------------------------------


@dataclasses.dataclass
class Widget:
    kind: str  # the element's proto field: radio, button, button_group, ...
    id: str
    proto: Any
    fragment_id: str = ""  # the st.fragment it was drawn in ("" for the page itself)

    @property
    def user_key(self) -> str:
        """The key the app gave the widget (Streamlit puts it at the end of the id)."""
        from streamlit.elements.lib.utils import user_key_from_element_id

        return user_key_from_element_id(self.id) or ""


class Session:
    """One browser tab's worth of protocol: open a page, then click (rerun with widget states)."""

    def __init__(self, server_url: str, page_name: str = "", query_string: str = "") -> None:
        self.url = server_url
        self.page_name = page_name
        self.query_string = query_string
        self.session_id = ""
        self.widgets: dict[str, Widget] = {}
        self.exceptions: list[str] = []
        self.runs = 0
        self._ws: Any = None
        self._reader: asyncio.Task | None = None
        self._finished: asyncio.Queue[tuple[int, float]] = asyncio.Queue()
        self._first_delta: float | None = None
        self._auto: asyncio.Task | None = None
        self.auto_reruns = 0
        self._auto_sent: float | None = None
        self.auto_times: list[float] = []  # each timed re-run of the fragment: its request to its end (seconds)

    async def connect(self, timeout: float = 30) -> None:
        import websockets
        import websockets.exceptions

        deadline = time.monotonic() + timeout
        while True:
            try:
                self._ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=None,
                                                    open_timeout=5, ping_interval=None)
                break
            except (TimeoutError, OSError, websockets.exceptions.WebSocketException):
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.01)
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for data in self._ws:
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "delta":
                if self._first_delta is None:
                    self._first_delta = time.perf_counter()
                self._element(msg.delta)
            elif kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "auto_rerun":
                self._start_auto(msg.auto_rerun.interval, msg.auto_rerun.fragment_id)
            elif kind == "script_finished":
                now = time.perf_counter()
                if msg.script_finished == 3 and self._auto_sent is not None:
                    self.auto_times.append(now - self._auto_sent)
                    self._auto_sent = None
                self._finished.put_nowait((msg.script_finished, now))

    def _element(self, delta: Any) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.exceptions.append(element.exception.message)
            return
        proto = getattr(element, kind)
        widget_id = getattr(proto, "id", "")
        if widget_id:
            self.widgets[widget_id] = Widget(kind, widget_id, proto, delta.fragment_id)

    def _start_auto(self, interval: float, fragment_id: str) -> None:
        """What the browser does for ``st.fragment(run_every=...)``: rerun the fragment on a timer."""
        if self._auto is None and interval > 0:
            self._auto = asyncio.create_task(self._auto_loop(interval, fragment_id))

    async def _auto_loop(self, interval: float, fragment_id: str) -> None:
        while True:
            await asyncio.sleep(interval)
            msg = BackMsg()
            state = msg.rerun_script
            state.query_string, state.page_name = self.query_string, self.page_name
            state.fragment_id = fragment_id
            state.is_auto_rerun = True
            self._auto_sent = time.perf_counter()
            await self._ws.send(msg.SerializeToString())
            self.auto_reruns += 1

    async def _wait_finished(self, timeout: float = RUN_TIMEOUT, fragment: bool = False) -> float:
        """Wait for the end of a whole run (not an early stop for a rerun, nor a fragment's run unless
        ``fragment``: then also the end of a fragment's run)."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no script_finished in time")
            status, at = await asyncio.wait_for(self._finished.get(), remaining)
            if status in (0, 1) or (fragment and status == 3):  # 3: FINISHED_FRAGMENT_RUN_SUCCESSFULLY
                self.runs += 1
                return at

    async def rerun(self, states: list[Any] | None = None) -> float:
        """Ask for a run with these widget states; the time until it finished (seconds).

        As the browser does, a change of a widget drawn inside an ``st.fragment`` re-runs only that
        fragment (the page's other widgets stay as they are).
        """
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string, state.page_name = self.query_string, self.page_name
        fragment = ""
        if states:
            state.widget_states.widgets.extend(states)
            owners = {self.widgets[s.id].fragment_id for s in states if s.id in self.widgets}
            fragment = owners.pop() if len(owners) == 1 else ""
        state.fragment_id = fragment
        for widget_id in [w.id for w in self.widgets.values() if not fragment or w.fragment_id == fragment]:
            del self.widgets[widget_id]
        self._first_delta = None
        start = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        return await self._wait_finished(fragment=bool(fragment)) - start

    async def open(self) -> float:
        """Connect and run the page, as a tab does when it loads; the time to the end of the run."""
        await self.connect()
        return await self.rerun()

    def find(self, kind: str, key_contains: str = "", key_endswith: str = "") -> list[Widget]:
        return [w for w in self.widgets.values()
                if w.kind == kind and key_contains in w.user_key and w.user_key.endswith(key_endswith)]

    @staticmethod
    def choose(widget: Widget, option_index: int) -> Any:
        """The widget state of picking a radio's option (its value is the option's label)."""
        state = WidgetState(id=widget.id)
        state.string_value = widget.proto.options[option_index]
        return state

    @staticmethod
    def click(widget: Widget) -> Any:
        return WidgetState(id=widget.id, trigger_value=True)

    async def close(self) -> None:
        for task in (self._auto, self._reader):
            if task is not None:
                task.cancel()
        if self._ws is not None:
            await self._ws.close()


async def first_page(server: Server, page_name: str = "", timeout: float = 90) -> dict[str, float]:
    """From the server's spawn: when the stream accepted us, the first delta came, and the run ended."""
    session = Session(server.ws_url, page_name)
    await session.connect(timeout=timeout)
    connected = time.perf_counter()
    finished = connected + await session.rerun()
    first = session._first_delta or finished
    exceptions = list(session.exceptions)
    await session.close()
    if exceptions:
        raise RuntimeError(f"the page failed: {exceptions[0][:200]}")
    return {"connected": connected - server.started_at, "first_delta": first - server.started_at,
            "finished": finished - server.started_at}
