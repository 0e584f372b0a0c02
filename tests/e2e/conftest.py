"""A real Streamlit server and a real Chromium (Debian's package) driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS, ROOT, skip_or_fail

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``streamlit run app.py`` on a free port, with its own database; restartable."""

    def __init__(self, database_url: str, log: Path, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.database_url = database_url
        self.log = log
        self.extra_env = env or {}
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if k != "READINESS_BRAND"}
        env.update({"DATABASE_URL": self.database_url, **self.extra_env})
        self._log = self.log.open("ab")
        self.proc = self.popen(env)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"streamlit did not become healthy; see {self.log}")

    def popen(self, env: dict[str, str]) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port), "--server.address",
             "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)

    def stop(self, kill: bool = False) -> None:
        if self.proc and self.proc.poll() is None:
            if kill:
                self.proc.kill()
            else:
                self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if getattr(self, "_log", None):
            self._log.close()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        skip_or_fail("Debian's chromium is not installed (make test installs it)")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path) -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def server(tmp_path, request) -> Iterator[Server]:
    logs = ARTIFACTS / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    srv = Server(f"sqlite:///{tmp_path / 'e2e.db'}", logs / f"{request.node.name}.log",
                 {"READINESS_PUBLIC_URL": ""})
    srv.start()
    yield srv
    srv.stop()


def screenshot_dir() -> Path:
    target = os.environ.get("READINESS_SCREENSHOTS")
    path = (ROOT / target) if target else ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


def new_page(browser, locale="da-DK", width=1280, height=900):
    context = browser.new_context(locale=locale, viewport={"width": width, "height": height}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def wait_ready(page) -> None:
    """Wait until Streamlit has finished the current run."""
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1')
    page.wait_for_function("""() => {
        const s = document.querySelector('[data-testid="stStatusWidget"]');
        return !s || !s.textContent.match(/Running|Kører/);
    }""")
    page.wait_for_timeout(400)
