"""The follow-up in a real browser, in both languages: resume link → Progress (check-in) → follow-up
(pre-filled, marked "from <date>") → an owner appointed → the compare page lists the blocker as resolved.
Writes the README's follow-up screenshots (``make screenshots``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import expect

from readiness.answers import parse_answers_file
from readiness.bank import load_bank
from readiness.i18n import t
from readiness.store import Store
from tests.e2e.conftest import new_page, screenshot_dir, wait_ready
from tests.e2e.test_wizard_browser import click_option, key

pytestmark = pytest.mark.e2e
SERIES = Path(__file__).resolve().parents[1] / "fixtures" / "series"


def _label(bank, question_id, option_id, lang):
    return bank.option(bank.questions[question_id], option_id).label.get(lang)


def _shot(page, name, whole=True):
    page.wait_for_timeout(800)  # let charts finish drawing
    full = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight") if whole else 0
    page.set_viewport_size({"width": 1280, "height": max(900, min(full + 40, 6000))})
    page.screenshot(path=str(screenshot_dir() / name))
    page.set_viewport_size({"width": 1280, "height": 900})


def _saved_months_ago(store, token, days=150):
    """As if the earlier assessment was last saved five months ago (the follow-up shows that date; within
    the retention period, so the purge leaves it)."""
    import sqlalchemy as sa

    from readiness.store import hash_token, schema

    when = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    with store.engine.begin() as conn:
        conn.execute(sa.update(schema.assessments).where(schema.assessments.c.token_hash == hash_token(token))
                     .values(updated_at=when))


def test_resume_link_follow_up_and_compare_in_both_languages(browser, server):
    bank = load_bank()
    earlier = parse_answers_file(bank, (SERIES / "earlier.json").read_bytes())
    store = Store(server.database_url)
    for lang in ("da", "en"):
        token = store.create_assessment(lang)
        store.replace_assessment(token, earlier.replace(language=lang,
                                                        roadmap_start=dt.date.today() - dt.timedelta(days=200)))
        _saved_months_ago(store, token)
        page = new_page(browser, "da-DK" if lang == "da" else "en-GB")
        page.goto(f"{server.url}/progress?a={token}")
        wait_ready(page)
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        expect(page.get_by_role("heading", name=t("followup.progress_title", lang))).to_be_visible()
        expect(page.get_by_role("heading", name=t("followup.overdue", lang))).to_be_visible()
        page.get_by_role("button", name=t("followup.checkin_save", lang)).click()
        wait_ready(page)
        expect(page.get_by_text(t("followup.checkin_saved", lang, date="").split("(")[0])).to_be_visible()
        if lang == "en":
            _shot(page, f"followup-progress-desktop-{lang}.png", whole=False)

        page.get_by_role("button", name=t("followup.start_button", lang)).click()
        wait_ready(page)
        expect(page.get_by_role("heading", name=t("assess.title", lang))).to_be_visible()
        expect(page.get_by_text(t("followup.started", lang)[:30])).to_be_visible()
        follow = page.url.split("a=")[1].split("&")[0]
        assert follow != token and store.series_length(follow) == 2
        page.locator(key(f"w.{lang}.jump")).click()
        page.get_by_role("option", name=f"2. {bank.section_by_id['ownership'].title.get(lang)}").click()
        wait_ready(page)
        expect(page.get_by_text(t("followup.from_date", lang, date="").strip()).first).to_be_visible()
        click_option(page, "ownership.function", _label(bank, "ownership.function", "hr", lang), lang)
        click_option(page, "ownership.named_person", _label(bank, "ownership.named_person", "yes", lang), lang)
        click_option(page, "ownership.owner_time", _label(bank, "ownership.owner_time", "largely", lang), lang)
        click_option(page, "ownership.goals", _label(bank, "ownership.goals", "partly", lang), lang)

        page.locator('[data-testid="stSidebar"]').get_by_role("link", name=t("followup.nav_compare", lang)).click()
        wait_ready(page)
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        expect(page.get_by_role("heading", name=t("followup.compare_title", lang))).to_be_visible()
        expect(page.get_by_text(f"{t('score.blockers', lang)} · {t('followup.resolved', lang)}")).to_be_visible()
        expect(page.locator('[data-testid="stPlotlyChart"]')).to_be_visible(timeout=30_000)  # slow on a busy machine
        then = dt.date.today() - dt.timedelta(days=150)
        from readiness.i18n import format_date

        expect(page.get_by_text(format_date(then, lang)).first).to_be_visible()
        assert f"a={follow}" in page.url
        _shot(page, f"followup-compare-desktop-{lang}.png")
        page.context.close()
    store.dispose()
