"""Screenshots of every page on a desktop and a phone, in Danish and English.

`make test` writes them to build/test-artifacts/screenshots (ignored); `make screenshots` writes
the ones the README shows to docs/screenshots. Each page must render without an exception.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from readiness.answers import Assessment
from readiness.bank import load_bank
from readiness.samples import best_answers, worst_answers
from readiness.store import Store
from tests.e2e.conftest import new_page, screenshot_dir, wait_ready

pytestmark = pytest.mark.e2e

PAGES = ["", "assess", "results", "roadmap", "download"]
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


def demo_assessment(lang: str) -> Assessment:
    """A believable, mixed assessment: some strengths, some gaps, a red flag or two."""
    bank = load_bank()
    answers = best_answers(bank)
    weak = worst_answers(bank)
    for section in ("training", "content", "cadence"):
        for q in bank.section_by_id[section].scored_questions:
            answers[q.id] = weak[q.id]
    answers.update({"cadence.frequency": "daily", "ownership.goals": "dont_know", "platforms.linkedin_profiles": "partly",
                    "context.employees": 85, "context.start_date": "2027-01-04"})
    return Assessment(answers=answers, language=lang, organisation="Fjordhavn Rådgivning A/S",
                      roadmap_start=dt.date(2027, 1, 4))


@pytest.mark.parametrize("lang", ["da", "en"])
def test_screenshots_of_every_page(browser, server, lang):
    store = Store(server.database_url)
    token = store.create_assessment(language=lang)
    store.replace_assessment(token, demo_assessment(lang))
    store.dispose()
    out = screenshot_dir()
    for device, (width, height) in VIEWPORTS.items():
        page = new_page(browser, "da-DK" if lang == "da" else "en-GB", width, height)
        for name in PAGES:
            page.goto(f"{server.url}/{name}?a={token}")
            wait_ready(page)
            expect(page.locator('[data-testid="stException"]')).to_have_count(0)
            page.wait_for_timeout(800)  # let charts finish drawing
            full = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
            page.set_viewport_size({"width": width, "height": max(height, min(full + 40, 6000))})
            page.screenshot(path=str(out / f"{name or 'start'}-{device}-{lang}.png"))
            page.set_viewport_size({"width": width, "height": height})
        page.context.close()
