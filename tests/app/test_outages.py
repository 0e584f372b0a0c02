"""The database unavailable: every page that needs it says so politely and keeps the user's link.

The database is a PostgreSQL address nothing listens on (connections are refused at once), so
these run without any server. A bug is not an outage: it is not turned into this message.
"""

from __future__ import annotations

import pytest

from readiness import settings
from readiness.store import StoreUnavailable, new_token
from readiness.store.engine import outages_named
from tests.app.conftest import new_app
from tests.e2e.conftest import free_port
from ui import state

UNAVAILABLE_DA = "kan ikke nås lige nu"


@pytest.fixture
def database_down(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/readiness")
    settings.reload()


def _texts(at) -> str:
    return " ".join(e.value for kind in ("error", "warning", "info", "caption") for e in getattr(at, kind))


@pytest.mark.parametrize("page, param", [("pages/assess.py", "a"), ("pages/join.py", "p"), ("pages/host.py", "h")])
def test_a_link_opened_while_the_database_is_down_is_kept_and_the_page_says_so(database_down, page, param):
    token = new_token()
    at = new_app()
    at.query_params[param] = token
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert at.query_params[param] in (token, [token]), "the link must survive an outage"
    assert UNAVAILABLE_DA in _texts(at) or "kan ikke hentes" in _texts(at), _texts(at)
    at.run()  # and again: still kept, still polite
    assert not at.exception and at.query_params[param] in (token, [token])


def test_the_projector_screen_while_the_database_is_down_is_polite(database_down):
    at = new_app()
    at.query_params["code"] = "ACDEFH"
    at.query_params["k"] = "A" * 22
    at.switch_page("pages/present.py").run()
    assert not at.exception, at.exception
    assert UNAVAILABLE_DA in _texts(at), _texts(at)
    assert at.query_params["code"] in ("ACDEFH", ["ACDEFH"])


def test_answers_given_while_the_database_is_down_stay_in_the_tab_with_a_warning(database_down):
    at = new_app()
    at.switch_page("pages/assess.py").run()
    at.text_input(key="w.organisation").set_value("Fjordhavn").run()
    assert not at.exception, at.exception
    assert at.session_state[state.ASSESSMENT].organisation == "Fjordhavn"
    assert any("kunne ikke gemmes" in w.value for w in at.warning)


def test_an_unusable_setting_shows_one_clear_error_on_every_page(monkeypatch):
    monkeypatch.setenv("READINESS_RETENTION_DAYS", "abc")
    settings.reset()
    for page in ("pages/start.py", "pages/privacy.py", "pages/join.py"):
        at = new_app()
        at.switch_page(page).run()
        assert not at.exception, at.exception
        assert len(at.error) == 1 and "READINESS_RETENTION_DAYS: expected" in at.error[0].value.replace("\\", "")


def test_a_programming_error_is_not_mistaken_for_an_outage():
    with pytest.raises(ZeroDivisionError), outages_named("reading"):
        1 / 0  # noqa: B018
    import sqlalchemy.exc as sa_exc

    with pytest.raises(sa_exc.IntegrityError), outages_named("writing"):
        raise sa_exc.IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))
    with pytest.raises(StoreUnavailable), outages_named("writing"):
        raise sa_exc.OperationalError("INSERT", {}, Exception("connection refused"))
