"""Who the client is, behind the launcher (``python -m readiness.serve``, what ``make run`` starts).

Streamlit 1.67 serves through uvicorn, which by default believes ``X-Forwarded-For`` from
loopback. The attempt limit counts by client address, so a spoofed header must not give a
guesser a fresh address: the launcher trusts nobody unless ``READINESS_TRUSTED_PROXIES`` says so.
The per-address limit is set to 2 here, and the page shown for a code tells whether this address
is blocked.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from readiness import serve
from tests.conftest import ARTIFACTS, ROOT
from tests.e2e.conftest import Server, wait_ready

pytestmark = pytest.mark.e2e
BLOCKED = "Too many attempts"
WRONG = "/present?code=AAAAAAAA"


class LaunchedServer(Server):
    """The app started as ``make run`` starts it: through the launcher, not ``streamlit run``."""

    def popen(self, env: dict[str, str]) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "readiness.serve", "--server.port", str(self.port), "--server.address",
             "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)


def _server(tmp_path_factory, name: str, trusted: str) -> Iterator[LaunchedServer]:
    logs = ARTIFACTS / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    db = tmp_path_factory.mktemp(name) / "e2e.db"
    srv = LaunchedServer(f"sqlite:///{db}", logs / f"forwarded-{name}.log",
                         {"READINESS_PUBLIC_URL": "", "READINESS_TRUSTED_PROXIES": trusted,
                          "READINESS_WRONG_CODES_PER_ADDRESS": "2", "READINESS_WRONG_CODES_PER_DEVICE": "50"})
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def default_server(tmp_path_factory):
    yield from _server(tmp_path_factory, "default", "")


@pytest.fixture(scope="module")
def trusting_server(tmp_path_factory):
    yield from _server(tmp_path_factory, "trusting", "127.0.0.1")


def _visit(browser, url: str, forwarded_for: str) -> str:
    context = browser.new_context(locale="en-GB", extra_http_headers={"X-Forwarded-For": forwarded_for})
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(url)
        wait_ready(page)
        return page.inner_text('[data-testid="stMainBlockContainer"]')
    finally:
        context.close()


def _exhaust_and_try_another(browser, server: Server) -> str:
    assert BLOCKED not in _visit(browser, server.url + WRONG, "203.0.113.1")
    _visit(browser, server.url + WRONG, "203.0.113.1")  # the second wrong code "from" it: its limit
    assert BLOCKED in _visit(browser, server.url + WRONG, "203.0.113.1")
    return _visit(browser, server.url + WRONG, "198.51.100.2")  # a "different" address, spoofed


def test_the_launcher_tells_uvicorn_to_trust_only_the_configured_proxies():
    assert serve.command(["--server.port", "1"])[1:5] == ["-m", "streamlit", "run", str(ROOT / "asgi.py")]
    from readiness import settings

    assert settings.server_environment({})["FORWARDED_ALLOW_IPS"] == ""
    env = settings.server_environment({"READINESS_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8"})
    assert env["FORWARDED_ALLOW_IPS"] == "127.0.0.1,10.0.0.0/8"
    assert settings.server_environment({"READINESS_RETENTION_DAYS": "abc"})["FORWARDED_ALLOW_IPS"] == ""


def test_a_spoofed_forwarded_for_from_loopback_gives_no_fresh_address_by_default(browser, default_server):
    assert BLOCKED in _exhaust_and_try_another(browser, default_server)


def test_a_forwarded_for_from_a_trusted_proxy_is_believed(browser, trusting_server):
    assert BLOCKED not in _exhaust_and_try_another(browser, trusting_server)
