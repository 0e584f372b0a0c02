"""In Chromium: the projector notices by itself that the host closed the workshop; the answers
file uploader speaks Danish inside too; a tie and a missing area as the host sees them."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from readiness.store import get_store, presenter_key
from tests.e2e.conftest import new_page, screenshot_dir, wait_ready

pytestmark = pytest.mark.e2e


def test_the_projector_says_closed_without_a_reload(browser, server):
    store = get_store(server.database_url)
    workshop, host = store.create_workshop("Fjordhavn", "Kick-off", "da")
    screen = new_page(browser, "da-DK", 1366, 800)
    screen.goto(f"{server.url}/present?code={workshop.code}&k={presenter_key(host)}")
    wait_ready(screen)
    expect(screen.get_by_text("og skriv koden")).to_be_visible()
    store.set_workshop_status(workshop.id, "closed")
    # no reload: the page's own watch redraws it within a refresh or two
    screen.wait_for_timeout(1000)
    expect(screen.locator("h1")).to_have_text("Workshoppen er lukket", timeout=20_000)
    expect(screen.get_by_text("og skriv koden")).to_have_count(0)
    screen.screenshot(path=str(screenshot_dir() / "present-closed-da.png"))


def test_the_uploader_speaks_danish_inside(browser, server):
    page = new_page(browser, "da-DK", 1366, 900)
    page.goto(server.url)
    wait_ready(page)
    page.get_by_text("Har I en fil med svar fra tidligere?").click()
    uploader = page.locator('[data-testid="stFileUploader"]')
    expect(uploader.locator('[data-testid="stFileUploaderDropzoneInstructions"]')).to_have_text(
        "JSON-fil, højst 1 MB")
    expect(uploader.get_by_role("button", name="Vælg fil")).to_be_visible()
    text = uploader.inner_text()
    assert "Upload" not in text and "per file" not in text, text
    uploader.scroll_into_view_if_needed()
    uploader.screenshot(path=str(screenshot_dir() / "uploader-da.png"))


def test_the_host_sees_a_tie_and_the_areas_left_out(browser, server):
    store = get_store(server.database_url)
    workshop, host = store.create_workshop("Fjordhavn", "Kick-off", "da")
    for frequency in ("daily", "weekly", "biweekly", "monthly", "ad_hoc"):
        token = store.join_workshop(workshop.code)
        store.save_participant_answer(token, "cadence.frequency", frequency)
        store.save_participant_answer(token, "ownership.sponsor", "partly")
        store.set_finished(token)
    page = new_page(browser, "da-DK", 1366, 900)
    page.goto(f"{server.url}/host?h={host}")
    wait_ready(page)
    expect(page.get_by_text("6 områder er ikke med i diagrammet")).to_be_visible()
    page.screenshot(path=str(screenshot_dir() / "host-left-out-da.png"), full_page=True)
    page.get_by_role("tab", name="Bliv enige og tag noter").click()
    wait_ready(page)
    page.locator(".st-key-w-da-ws-agree_section").get_by_text("Rytme", exact=True).click()
    wait_ready(page)
    tie = page.get_by_text("Stemmelighed – beslut det i rummet: Hver dag, Hver uge, Hver anden uge")
    expect(tie).to_be_visible()
    tie.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir() / "host-tie-da.png"))
