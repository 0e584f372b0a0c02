"""Nothing lost: a reload, and a server restart followed by a resume link to a sub-page as the very
first request to the new process (the `pages/` folder pitfall of DESIGN.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import new_page, wait_ready
from tests.e2e.test_wizard_browser import click_next, click_option, key

pytestmark = pytest.mark.e2e


def test_answers_survive_a_reload_and_a_server_restart(browser, server):
    page = new_page(browser, "en-GB")
    page.goto(server.url + "/assess")
    wait_ready(page)
    page.locator(key("w.organisation") + " input").fill("Nordlys Care")
    page.keyboard.press("Enter")
    wait_ready(page)
    click_next(page)
    click_option(page, "ownership.function", "Recruitment", "en")
    click_option(page, "ownership.sponsor", "Mostly in place", "en")
    click_next(page)
    click_option(page, "platforms.company_page", "Just started", "en")
    click_next(page)
    click_option(page, "ambassadors.volunteers", "Partly", "en")
    resume = page.url
    assert "a=" in resume

    page.reload()
    wait_ready(page)
    expect(page.get_by_text("Welcome back")).to_be_visible()
    page.locator(key("w.en.jump")).click()
    page.get_by_role("option", name="2. Ownership").click()
    wait_ready(page)
    expect(page.locator(key("w.en.ownership.sponsor")).get_by_role("radio", name="Mostly in place")).to_be_checked()

    # an edit of the roadmap, then the server dies
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Roadmap").click()
    wait_ready(page)
    token = resume.split("a=")[1].split("&")[0]
    page.context.close()
    from readiness.answers import RoadmapEdits
    from readiness.store import Store

    store = Store(server.database_url)
    store.save_meta(token, edits=RoadmapEdits(changed={"executive_sponsor": {"owner": "Direktør Åse"}}))
    store.dispose()
    server.stop(kill=True)
    server.start()

    # the first request to the new process is a deep link to the roadmap page
    page = new_page(browser, "da-DK")
    page.goto(f"{server.url}/roadmap?a={token}")
    wait_ready(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.get_by_role("heading", name="Roadmap", exact=True)).to_be_visible()  # the assessment's language
    expect(page.locator('[data-testid="stSidebar"]').get_by_text("Your link")).to_be_visible()
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()  # the roadmap editor (the estimates follow)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Results").click()
    wait_ready(page)
    expect(page.get_by_text("Overall readiness")).to_be_visible()
    assert f"a={token}" in page.url
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Get the plan").click()
    wait_ready(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download answers file (JSON)").click()
    doc = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert doc["organisation"]["name"] == "Nordlys Care"
    assert doc["answers"]["ownership.sponsor"] == "largely"
    assert doc["answers"]["ambassadors.volunteers"] == "partly"
    assert doc["roadmap"]["edits"]["changed"]["executive_sponsor"] == {"owner": "Direktør Åse"}
    page.context.close()
