"""The follow-up in AppTest: resume link → Progress (check-in) → follow-up (pre-filled, "from <date>") → compare."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from readiness.answers import parse_answers_file
from readiness.i18n import t
from readiness.store import Store
from tests.app.conftest import new_app
from tests.app.helpers import BANK, answer_step
from ui import state

SERIES = Path(__file__).resolve().parents[1] / "fixtures" / "series"


def _stored_earlier(database, lang, days_ago=200) -> str:
    store = Store(database)
    token = store.create_assessment(lang)
    earlier = parse_answers_file(BANK, (SERIES / "earlier.json").read_bytes())
    store.replace_assessment(token, earlier.replace(language=lang,
                                                roadmap_start=dt.date.today() - dt.timedelta(days=days_ago)))
    store.dispose()
    return token


def texts(at, kind):
    return " ".join(str(getattr(e, "value", "")) for e in getattr(at, kind))


@pytest.mark.parametrize("locale, lang", [("da-DK", "da"), ("en-GB", "en")])
def test_resume_link_progress_check_in_follow_up_and_compare(database, locale, lang):
    earlier_token = _stored_earlier(database, lang)
    at = new_app(locale)
    at.query_params["a"] = earlier_token
    at.switch_page("pages/progress.py").run()
    assert not at.exception, at.exception
    assert at.session_state[state.LANG] == lang
    assert at.title[0].value == t("followup.progress_title", lang)
    assert t("followup.overdue", lang) in texts(at, "subheader")  # 200 days in, the first actions are late

    # the monthly check-in: one status changed, the rest confirmed, all dated today
    boxes = [s for s in at.selectbox if str(s.key).startswith("w.checkin.")]
    first_id = boxes[0].key.removeprefix("w.checkin.")
    boxes[0].set_value("doing")
    next(b for b in at.button if b.label == t("followup.checkin_save", lang)).click()
    at.run()
    assert not at.exception, at.exception
    store = Store(database)
    saved = store.load_assessment(earlier_token)
    assert saved.progress[first_id][-1].status == "doing"
    assert saved.progress[first_id][-1].date == dt.date.today()
    assert len(saved.progress) == len(boxes)
    assert t("followup.checkin_saved", lang, date="").split("(")[0] in texts(at, "success")

    # the follow-up: a new, linked assessment, answers pre-filled and marked "from <date>"
    at.button(key="w.followup.start").click()
    at.run()
    assert not at.exception, at.exception
    follow_token = at.session_state[state.TOKEN]
    assert follow_token != earlier_token
    assert store.series_length(follow_token) == 2
    follow = store.load_assessment(follow_token)
    assert follow.answers == saved.answers
    assert {a: s for a, s in follow.predecessor.statuses.items() if a == first_id} == {first_id: "doing"}
    at.switch_page("pages/assess.py")  # AppTest does not follow st.switch_page; the browser test does
    at.session_state[state.STEP] = 1
    at.run()
    marks = [c.value for c in at.caption if t("followup.from_date", lang, date="").strip() in c.value]
    assert marks, "the carried-over answers are marked"
    assert t("followup.prefilled_note", lang, date="")[:20] in texts(at, "info")

    # an owner appointed now → the compare page lists the no-owner blocker as resolved
    answer_step(at, {"ownership.function": "hr", "ownership.named_person": "yes", "ownership.owner_time": "partly"})
    at.switch_page("pages/compare.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value == t("followup.compare_title", lang)
    resolved = texts(at, "success")
    assert t("followup.resolved", lang) in resolved
    assert next(b.message for b in BANK.rules.blockers if b.id == "no_owner").get(lang)[:30] in resolved
    assert at.metric[0].delta.startswith("+")
    store.dispose()


def test_compare_without_a_predecessor_says_so(app):
    app.switch_page("pages/compare.py").run()
    assert not app.exception
    assert t("followup.no_predecessor", "da")[:40] in texts(app, "info")


def test_progress_without_answers_points_to_the_questions(app):
    app.switch_page("pages/progress.py").run()
    assert not app.exception
    assert t("followup.no_actions", "da") in texts(app, "info")


def test_the_apps_pdf_of_a_follow_up_has_the_progress_page():
    import io

    from pypdf import PdfReader

    from readiness.brand import DEFAULT_BRAND
    from ui.downloads import pdf_builder

    bank, later = BANK, parse_answers_file(BANK, (SERIES / "later.json").read_bytes())
    titles = [o.title for o in PdfReader(io.BytesIO(pdf_builder(bank, later, "da", DEFAULT_BRAND)())).outline
              if not isinstance(o, list)]
    assert "Fremdrift siden sidst" in titles
    plain = pdf_builder(bank, later.replace(predecessor=None), "da", DEFAULT_BRAND)()
    assert "Fremdrift siden sidst" not in [o.title for o in PdfReader(io.BytesIO(plain)).outline
                                           if not isinstance(o, list)]


@pytest.mark.parametrize("locale, lang", [("da-DK", "da"), ("en-GB", "en")])
def test_the_privacy_page_says_how_long_a_series_is_kept(locale, lang):
    at = new_app(locale)
    at.switch_page("pages/privacy.py").run()
    assert not at.exception
    assert t("followup.privacy", lang)[:40] in " ".join(m.value for m in at.markdown)


@pytest.mark.parametrize("days_ago, key", [(100, "followup.next_checkin"), (330, "followup.reassess_due")])
def test_the_sidebar_says_when_the_next_check_in_or_the_re_assessment_is_due(database, days_ago, key):
    from readiness.i18n import format_date
    from readiness.roadmap import build_roadmap

    token = _stored_earlier(database, "en", days_ago)
    at = new_app("en-GB")
    at.query_params["a"] = token
    at.switch_page("pages/results.py").run()
    assert not at.exception
    roadmap = build_roadmap(BANK, Store(database).load_assessment(token))
    # 100 days in without a check-in: one is due now; 330 days in: the re-assessment date has passed
    day = dt.date.today() if days_ago == 100 else roadmap.reassess_on
    assert t(key, "en", date=format_date(day, "en")) in " ".join(c.value for c in at.sidebar.caption)
