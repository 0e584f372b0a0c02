"""Markdown injection: text from a file, a workshop's title or an organisation's name is shown literally.

A key ``![](http://host/pixel.gif)`` must not load a pixel, a bracketed link must not become a
phishing link in the "answers loaded" box, and a bare address (``https://…``, ``www.…``,
``a@b.dk``) must not become a link on the join card, the host page, the projector or a phone.
AppTest sees the markdown source; tests/e2e/test_safety_browser.py checks the rendered page.
"""

from __future__ import annotations

import json
import re

import pytest

from readiness.store import get_store, presenter_key
from tests.app.conftest import new_app
from ui import state
from ui.components import escape_markdown

PAYLOADS = ["![](http://host/pixel.gif)", "[Your session expired – log in again](http://evil.example/login)",
            "https://evil.example", "www.evil.example", "a@b.dk", "<img src=x onerror=alert(1)>"]
TITLE = "Kickoff https://evil.example www.evil.example"
ORGANISATION = "Org a@b.dk ![](http://host/pixel.gif) [log in](http://evil.example)"
# what markdown would turn into a link, an image or HTML: an unescaped bracket or angle, or a bare
# address whose start is not broken by the word joiner
UNSAFE = re.compile(r"(?<!\\)[\[<]|:(?=//)|www(?=\\?\.)|\w@", re.IGNORECASE)


def _sources(at) -> list[str]:
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in at.get(kind)]
    return parts


def assert_no_live_markup(at, *needles: str) -> None:
    """Every element quoting user text (found by ``needles``) has it escaped; at least one quotes it."""
    quoting = [s for s in _sources(at) if any(n in s.replace("\\", "").replace("\u2060", "") for n in needles)]
    assert quoting, "the page should show the user's text"
    for source in quoting:
        assert not UNSAFE.search(source), source


def test_the_escape_helper_breaks_every_kind_of_link():
    for payload in PAYLOADS + [TITLE, ORGANISATION, "WWW.EVIL.EXAMPLE", "HTTPS://EVIL.EXAMPLE", "mailto:a@b.dk"]:
        escaped = escape_markdown(payload)
        assert not UNSAFE.search(escaped), escaped
        assert escaped.replace("\\", "").replace("\u2060", "") == payload  # nothing lost but the markup


def _import_message(doc) -> tuple[bool, str]:
    from streamlit.testing.v1 import AppTest

    def script():
        import streamlit as st

        from ui import state
        from ui.importer import import_bytes

        state.init("da")
        if "payload" in st.session_state:
            st.session_state["result"] = import_bytes(st.session_state["payload"])

    at = AppTest.from_function(script, default_timeout=60)
    at.run()
    at.session_state["payload"] = json.dumps(doc).encode()
    at.run()
    return at.session_state["result"]


@pytest.mark.parametrize("where", ["unknown key", "unknown question id"])
def test_an_import_message_quoting_the_file_shows_it_literally(where):
    doc = {"format": "readiness-answers/1", "language": "da", "answers": {}}
    if where == "unknown key":
        doc.update({payload: 1 for payload in PAYLOADS})
    else:
        doc["answers"] = {PAYLOADS[1]: "x"}  # the first bad id stops the import and is named
    ok, message = _import_message(doc)
    assert ok == (where == "unknown key")
    at = new_app()
    at.session_state[state.FLASH] = ("success" if ok else "error", message)
    at.run()
    assert not at.exception, at.exception
    assert_no_live_markup(at, "evil.example")


@pytest.fixture
def workshop(database):
    store = get_store(database)
    ws, host = store.create_workshop(ORGANISATION, TITLE, "en", show_results=True)
    return store, ws, host


def _open(page: str, **params: str):
    at = new_app("en-GB")
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_the_host_page_shows_title_and_organisation_literally(workshop):
    _, _, host = workshop
    at = _open("pages/host.py", h=host)
    assert_no_live_markup(at, "Kickoff", "log in")


def test_the_projector_shows_title_and_organisation_literally(workshop):
    _, ws, host = workshop
    at = _open("pages/present.py", code=ws.code, k=presenter_key(host))
    assert_no_live_markup(at, "Kickoff", "log in")


def test_the_join_card_and_the_phone_show_the_title_literally(workshop):
    store, ws, _ = workshop
    at = _open("pages/join.py", code=ws.code)
    assert_no_live_markup(at, "Kickoff", "log in")  # the join card: title and organisation
    at.button(key="w.ws.join").click().run()
    assert not at.exception, at.exception
    assert_no_live_markup(at, "Kickoff")  # a step on the phone
