"""Time and budget on the roadmap page in a real browser: the estimates expander with its totals and table."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from readiness.answers import parse_answers_file
from readiness.bank import load_bank
from readiness.store import Store
from tests.e2e.conftest import new_page, screenshot_dir, wait_ready

pytestmark = pytest.mark.e2e
ARCHETYPES = Path(__file__).resolve().parents[1] / "fixtures" / "archetypes"


def test_the_roadmap_page_shows_the_time_and_budget_estimates(browser, server):
    bank = load_bank()
    assessment = parse_answers_file(bank, (ARCHETYPES / "pilot-ready.json").read_bytes())
    store = Store(server.database_url)
    token = store.create_assessment("da")
    store.replace_assessment(token, assessment.with_answer("ownership.hours", 2))
    page = new_page(browser, "da-DK")
    page.goto(f"{server.url}/roadmap?a={token}")
    wait_ready(page)
    expander = page.get_by_text("Tid og budget (skøn)")
    expander.scroll_into_view_if_needed()
    expander.click()
    wait_ready(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("timer om ugen for ejeren", exact=False)).to_be_visible()
    expect(main.get_by_text("Den travleste fase", exact=False)).to_be_visible()  # 2 hours set aside is too few
    page.locator('[data-testid="stExpander"]').last.screenshot(path=str(screenshot_dir() / "roadmap-effort-da.png"))
