"""Adding a language is a locale file and the bank's texts, no code: with a throwaway Swedish locale
and bank (tests/third_language.py), every page renders in Swedish, and so do the PDF and the CSV."""

from __future__ import annotations

import datetime as dt

import pytest

from readiness import bank as bank_module
from readiness import i18n
from readiness.answers import Assessment
from readiness.i18n import t
from readiness.samples import best_answers, worst_answers
from readiness.store import get_store, presenter_key
from tests import third_language
from tests.app.conftest import new_app
from ui import state
from ui.frame import PAGES

SV = third_language.CODE
MARK = third_language.MARK
WIZARD_PAGES = [p.path for p in PAGES if p.id not in ("host", "join", "present")]


@pytest.fixture(autouse=True)
def swedish(tmp_path, monkeypatch):
    """The app pointed at locales and a bank with Swedish added (in this process: AppTest runs here)."""
    monkeypatch.setattr(i18n, "LOCALE_DIR", third_language.write_locales(tmp_path / "locales"))
    monkeypatch.setattr(bank_module, "DEFAULT_BANK_DIR", third_language.write_bank(tmp_path / "questions"))
    return bank_module.load_bank()


@pytest.fixture
def store(database):
    return get_store(database)


def _texts(at) -> str:
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in at.get(kind)]
    return "\n".join(parts)


def _ok(at):
    assert not at.exception, at.exception
    return at


def test_a_swedish_browser_gets_swedish_and_the_switch_offers_it():
    at = _ok(new_app("sv-SE").run())
    assert at.session_state[state.LANG] == SV
    assert at.title[0].value.startswith(MARK)
    switch = at.sidebar.get("button_group")[0]
    assert "Svenska" in str(switch.proto)


@pytest.mark.parametrize("fill", ["none", "full", "worst"])
@pytest.mark.parametrize("page", WIZARD_PAGES)
def test_every_wizard_page_renders_in_the_third_language(swedish, page, fill):
    answers = {"none": {}, "full": best_answers(swedish), "worst": worst_answers(swedish)}[fill]
    at = new_app("sv-SE")
    at.session_state[state.ASSESSMENT] = Assessment(answers=answers, organisation="Ärlig AB", language=SV)
    _ok(at.switch_page(page).run())
    assert at.title and at.title[0].value.startswith(MARK), at.title


def test_the_assessment_shows_the_banks_swedish_texts_and_takes_answers(swedish):
    at = _ok(new_app("sv-SE").switch_page("pages/assess.py").run())
    at.session_state[state.STEP] = 1
    _ok(at.run())
    question = swedish.sections[1].questions[0]
    radio = at.radio(key=f"w.{SV}.{question.id}")
    assert radio.label.startswith(MARK)
    radio.set_value(swedish.options_of(question)[0].id)
    _ok(at.run())
    assert question.id in at.session_state[state.ASSESSMENT].answers
    at.session_state[state.STEP] = 0
    _ok(at.run())
    date_widget = at.date_input(key=f"w.{SV}.context.start_date")
    date_widget.set_value(dt.date(2027, 1, 4))
    _ok(at.run())
    assert at.session_state[state.ASSESSMENT].answers["context.start_date"] == "2027-01-04"


def test_the_workshop_pages_render_in_the_third_language(store):
    workshop, host = store.create_workshop("Ärlig AB", "Uppstart", SV, show_results=True)
    for i in range(5):
        token = store.join_workshop(workshop.code)
        store.save_participant_answer(token, "ownership.sponsor", ["none", "started", "partly", "largely", "fully"][i])
        store.set_finished(token)

    create = _ok(new_app("sv-SE").switch_page("pages/host.py").run())
    assert create.title[0].value.startswith(MARK)

    at = new_app("sv-SE")
    at.query_params["h"] = host
    _ok(at.switch_page("pages/host.py").run())
    assert f"{MARK}spread 4 steps" in _texts(at)  # a plural form, from the Swedish file
    for tab in ("agree", "results", "manage"):
        at.session_state[f"w.{SV}.ws.host_tab"] = t(f"workshop.host.tab_{tab}", SV)
        _ok(at.run())

    phone = new_app("en-GB")
    phone.query_params["code"] = workshop.code
    _ok(phone.switch_page("pages/join.py").run())
    phone.button(key="w.ws.join").click()
    _ok(phone.run())
    assert phone.session_state[state.LANG] == SV  # the workshop's language
    phone.radio(key=f"w.ws.{SV}.ownership.sponsor").set_value("largely")
    _ok(phone.run())

    screen = new_app("sv-SE")
    screen.query_params["code"] = workshop.code
    screen.query_params["k"] = presenter_key(host)
    _ok(screen.switch_page("pages/present.py").run())
    assert MARK in _texts(screen)


def test_the_plan_and_the_workshop_csv_come_in_the_third_language(swedish):
    from readiness.export import responses_csv
    from reports import build_report

    pdf = build_report(swedish, Assessment(answers=worst_answers(swedish), language=SV),
                       creation_date=dt.date(2026, 11, 28))
    assert pdf.startswith(b"%PDF") and b"sv-SE" in pdf

    class Response:
        participant_id, display_name, finished, answers = 1, None, True, {"ownership.sponsor": "fully"}

    csv = responses_csv(swedish, [Response()], lang=SV, anonymous=True).decode("utf-8-sig")
    assert csv.startswith(MARK)
