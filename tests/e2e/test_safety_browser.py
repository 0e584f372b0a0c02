"""Safety in a real Chromium: user text makes no link or image on any page, and nothing is fetched elsewhere.

One server for the module: a workshop whose title and organisation hold bare and bracketed
addresses and an image, an import whose unknown keys do the same, and every request the pages make
logged (the favicon was fetched from a Google host; now nothing leaves this server).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

from readiness.store import get_store, presenter_key
from tests.conftest import ARTIFACTS
from tests.e2e.conftest import Server, new_page, wait_ready

pytestmark = pytest.mark.e2e
TITLE = "Kickoff https://evil.example www.evil.example"
ORGANISATION = "Org a@b.dk ![](http://host/pixel.gif) [log in](http://evil.example)"
# links or images that only user text could have made (a heading's own "#anchor" link is Streamlit's)
FROM_USER = """() => [...document.querySelectorAll('[data-testid="stMain"] a, [data-testid="stMain"] img')]
    .filter(e => !(e.getAttribute('href') || '').startsWith('#'))
    .map(e => e.outerHTML).filter(h => /evil|pixel|mailto|b\\.dk/i.test(h))"""


@pytest.fixture(scope="module")
def safety_server(tmp_path_factory):
    logs = ARTIFACTS / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    srv = Server(f"sqlite:///{tmp_path_factory.mktemp('safety') / 'e2e.db'}", logs / "test_safety_browser.log",
                 {"READINESS_PUBLIC_URL": ""})
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def workshop(safety_server):
    store = get_store(safety_server.database_url)
    ws, host = store.create_workshop(ORGANISATION, TITLE, "en", show_results=True)
    return ws, host


def _logged(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    return requests


def _foreign(requests: list[str]) -> list[str]:
    return [u for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
            and urlparse(u).hostname not in ("127.0.0.1", "localhost")]


def test_workshop_pages_make_no_link_or_image_from_the_title_or_organisation(browser, safety_server, workshop):
    ws, host = workshop
    page = new_page(browser, "en-GB")
    requests = _logged(page)
    for path in (f"/host?h={host}", f"/present?code={ws.code}&k={presenter_key(host)}", f"/join?code={ws.code}"):
        page.goto(safety_server.url + path)
        wait_ready(page)
        text = page.inner_text('[data-testid="stMain"]')
        assert "evil.example" in text and "Kickoff" in text, (path, text[:300])
        assert page.evaluate(FROM_USER) == [], path
    page.locator(".st-key-w-ws-join button").click()  # join: the phone's first step quotes the title
    wait_ready(page)
    assert "evil.example" in page.inner_text('[data-testid="stMain"]')
    assert page.evaluate(FROM_USER) == []
    assert _foreign(requests) == [], _foreign(requests)
    page.context.close()


def test_an_imported_file_with_links_in_its_keys_makes_no_link_or_image(browser, safety_server, tmp_path):
    doc = {"format": "readiness-answers/1", "language": "en", "answers": {},
           "![](http://host/pixel.gif)": 1, "[Your session expired](http://evil.example/login)": 1,
           "https://evil.example a@b.dk": 1}
    upload = tmp_path / "answers.json"
    upload.write_text(json.dumps(doc), encoding="utf-8")
    page = new_page(browser, "en-GB")
    requests = _logged(page)
    page.goto(safety_server.url + "/")
    wait_ready(page)
    page.locator('[data-testid="stExpander"] summary').last.click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.locator(".st-key-w-import button").click()
    page.wait_for_selector('[data-testid="stAlert"]:has-text("evil.example")')
    wait_ready(page)
    assert page.evaluate(FROM_USER) == []
    assert not [u for u in requests if "pixel" in u or "evil" in u]
    assert _foreign(requests) == [], _foreign(requests)
    favicon = page.evaluate("() => [...document.querySelectorAll('link[rel*=icon]')].map(l => l.href)")
    assert favicon and all(urlparse(h).hostname in ("127.0.0.1", None) or h.startswith("data:") for h in favicon), favicon
    page.context.close()


HEADERS_DOC = Path(__file__).resolve().parents[2] / "deploy" / "headers.md"


def documented_csp() -> str:
    text = HEADERS_DOC.read_text(encoding="utf-8")
    return text.split("<!-- csp -->", 1)[1].split("```", 2)[1].strip()


def test_the_documented_headers_are_the_same_in_every_example():
    text = HEADERS_DOC.read_text(encoding="utf-8")
    policy = documented_csp()
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert text.count(f'"{policy}"') == 2  # Caddy and nginx
    assert text.count('"no-referrer"') == 2

