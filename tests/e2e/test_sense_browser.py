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


@pytest.mark.parametrize("locale, opener, limit, button", [
    ("da-DK", "Har I en fil med svar fra tidligere?", "JSON-fil, højst 1 MB", "Vælg fil"),
    ("en-GB", "Have a file of earlier answers?", "JSON file, at most 1 MB", "Choose a file"),
])
def test_the_uploader_speaks_the_user_s_language_inside(browser, server, locale, opener, limit, button):
    page = new_page(browser, locale, 1366, 900)
    page.goto(server.url)
    wait_ready(page)
    page.get_by_text(opener).click()
    uploader = page.locator('[data-testid="stFileUploader"]')
    expect(uploader.locator('[data-testid="stFileUploaderDropzoneInstructions"]')).to_have_text(limit)
    expect(uploader.get_by_role("button", name=button)).to_be_visible()
    text = uploader.inner_text()
    assert "Upload" not in text and "per file" not in text, text
    uploader.scroll_into_view_if_needed()
    uploader.screenshot(path=str(screenshot_dir() / f"uploader-{locale[:2]}.png"))


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
    note = page.get_by_text("6 områder er ikke med i diagrammet")
    expect(note).to_be_visible()
    note.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir() / "host-left-out-da.png"))
    page.get_by_role("tab", name="Bliv enige og tag noter").click()
    wait_ready(page)
    page.locator(".st-key-w-da-ws-agree_section").get_by_text("Rytme", exact=True).click()
    wait_ready(page)
    tie = page.get_by_text("Stemmelighed – beslut det i rummet: Hver dag, Hver uge, Hver anden uge")
    expect(tie).to_be_visible()
    tie.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir() / "host-tie-da.png"))


def test_a_phone_asks_before_finishing_with_questions_unanswered(browser, server):
    from tests.e2e.test_workshop_browser import phone

    store = get_store(server.database_url)
    workshop, _ = store.create_workshop("Fjordhavn", "Kick-off", "da")
    token = store.join_workshop(workshop.code)
    store.save_participant_answer(token, "ownership.sponsor", "partly")
    p = phone(browser)
    p.goto(f"{server.url}/join?p={token}")
    wait_ready(p)
    for _ in range(6):
        p.locator(".st-key-w-ws-next button").click()
        wait_ready(p)
    p.locator(".st-key-w-ws-finish button").click()
    wait_ready(p)
    notice = p.locator(".st-key-ws-confirm-finish")
    expect(notice).to_contain_text("Du mangler at svare på")
    notice.scroll_into_view_if_needed()
    p.screenshot(path=str(screenshot_dir() / "phone-unanswered-da.png"))
    assert not store.participant(token).finished
    p.locator(".st-key-w-ws-finish_anyway button").click()
    expect(p.get_by_text("Tak! Vi har fået dine svar.")).to_be_visible()
    assert store.participant(token).finished
