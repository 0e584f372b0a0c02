"""Every page with the database down, poisoned imports in the UI, and the uploader's limit.

The database is a PostgreSQL address nothing listens on (as in tests/app/test_outages.py): every
page that touches the store says so politely; none shows an exception.
"""

from __future__ import annotations

import json

import pytest

from readiness import settings
from readiness.answers import MAX_FILE_BYTES
from readiness.store import new_token
from tests.app.conftest import new_app
from tests.e2e.conftest import free_port
from ui import state

UNAVAILABLE = ("kan ikke nås lige nu", "kan ikke hentes")


OUTAGES = ["postgresql refused", "corrupt sqlite file"]


@pytest.fixture(params=OUTAGES)
def database_down(request, monkeypatch, tmp_path):
    if request.param == "postgresql refused":
        url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/readiness"
    else:
        broken = tmp_path / "broken.db"
        broken.write_bytes(b"this is not a database" * 200)
        url = f"sqlite:///{broken}"
    monkeypatch.setenv("DATABASE_URL", url)
    settings.reload()


def _texts(at) -> str:
    return " ".join(str(e.value) for kind in ("error", "warning", "info", "caption", "markdown")
                    for e in at.get(kind))


PAGES = {
    "start": ("pages/start.py", {}),
    "assess": ("pages/assess.py", {}),
    "results": ("pages/results.py", {}),
    "roadmap": ("pages/roadmap.py", {}),
    "download": ("pages/download.py", {}),
    "privacy": ("pages/privacy.py", {}),
    "host, new": ("pages/host.py", {}),
    "join, typed": ("pages/join.py", {}),
    "join link": ("pages/join.py", {"code": "ACDEFHJK"}),
    "participant page": ("pages/join.py", {"p": new_token()}),
    "projector, code only": ("pages/present.py", {"code": "ACDEFHJK"}),
    "projector": ("pages/present.py", {"code": "ACDEFHJK", "k": "A" * 22}),
    "resume link": ("pages/results.py", {"a": new_token()}),
}
TOUCHES_STORE = {"join link", "participant page", "projector, code only", "projector", "resume link"}


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_with_the_database_down_shows_no_exception(database_down, name):
    page, params = PAGES[name]
    at = new_app()
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception, at.exception
    if name in TOUCHES_STORE:
        assert any(u in _texts(at) for u in UNAVAILABLE), _texts(at)
    at.run()
    assert not at.exception, at.exception


def test_looking_up_a_typed_code_with_the_database_down_is_polite(database_down):
    at = new_app()
    at.switch_page("pages/join.py").run()
    at.text_input(key="w.ws.code").input("ACDEFHJK").run()
    at.button(key="w.ws.look_up").click().run()
    assert not at.exception, at.exception
    assert any(u in _texts(at) for u in UNAVAILABLE), _texts(at)


def _import(data: bytes) -> tuple[bool, str]:
    from streamlit.testing.v1 import AppTest

    def script():
        import streamlit as st

        from ui import state
        from ui.importer import import_bytes

        state.init("en")
        if "payload" in st.session_state:
            st.session_state["result"] = import_bytes(st.session_state["payload"])

    at = AppTest.from_function(script, default_timeout=60)
    at.run()
    at.session_state["payload"] = data
    at.run()
    assert not at.exception, at.exception
    return at.session_state["result"]


@pytest.mark.parametrize("raw, field", [
    ('{"format": "readiness-answers/1", "answers": {"context.employees": ' + "9" * 5000 + "}}",
     "The answer to “How many employees do you have?”"),
    ('{"format": "readiness-answers/1", "answers": {}, "roadmap": {"start": "9999-12-31"}}',
     "The roadmap's start date lies outside the years 1900–2200"),
])
def test_a_poisoned_import_in_the_app_is_refused_naming_the_field(raw, field):
    ok, message = _import(raw.encode())
    assert not ok and field in message.replace("\\", ""), message


def test_the_uploader_takes_every_file_the_format_accepts():
    at = new_app("en-GB")
    at.run()
    uploader = at.get("file_uploader")[0].proto
    assert uploader.max_upload_size_mb * 1_000_000 >= MAX_FILE_BYTES  # Streamlit's MB are 10^6 bytes
    padding = MAX_FILE_BYTES - 100  # a file of 1,048,476 bytes: above Streamlit's old 1 MB, within the format
    doc = json.dumps({"format": "readiness-answers/1", "answers": {}, "notes": {}, "saved_at": ""})
    data = (doc[:-1] + ', "x": "' + "y" * (padding - len(doc) - 9) + '"}').encode()
    assert 1_000_000 < len(data) <= MAX_FILE_BYTES
    ok, message = _import(data)
    assert ok, message
    too_big = data + b" " * (MAX_FILE_BYTES - len(data) + 1)
    ok, message = _import(too_big)
    assert not ok and "1,048,577" in message and "1,048,576" in message, message


def test_the_roadmap_editor_holds_added_actions_at_the_formats_200_with_a_message():
    from streamlit.testing.v1 import AppTest

    def script():
        import datetime as dt

        import streamlit as st

        from readiness.answers import Assessment, RoadmapEdits
        from ui import roadmap_editor, state

        state.init("en")
        if "seeded" not in st.session_state:
            phase = state.bank().meta.phases[0].id
            added = tuple({"id": f"c{i}", "title": "t", "start": "2027-01-01", "end": "2027-01-02", "phase": phase,
                           "status": "todo", "why": "", "owner": "", "kpi": ""} for i in range(200))
            st.session_state[state.ASSESSMENT] = Assessment(language="en", edits=RoadmapEdits(added=added))
            st.session_state["seeded"] = True
        if st.session_state.pop("add", False):
            st.session_state[state.widget_key(roadmap_editor.EDITOR)] = {"added_rows": [{"title": "one more"}]}
            roadmap_editor._on_edit([], dt.date(2027, 1, 1))

    at = AppTest.from_function(script, default_timeout=60)
    at.run()
    at.session_state["add"] = True
    at.run()
    assert not at.exception, at.exception
    assert len(at.session_state[state.ASSESSMENT].edits.added) == 200
    kind, message = at.session_state[state.FLASH]
    assert kind == "warning" and "200" in message
