"""The employee pulse in a real browser: the host creates a pulse for all staff, a phone answers it on
one screen and finishes, and the host's summary shows the shares once three have finished."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from readiness.store import Store
from tests.e2e.conftest import new_page, screenshot_dir, wait_ready
from tests.e2e.test_workshop_browser import key, phone

pytestmark = pytest.mark.e2e


def test_a_phone_answers_the_pulse_and_the_host_sees_the_summary(browser, server):
    shots = screenshot_dir()
    host = new_page(browser, "da-DK", 1280, 900)
    host.goto(server.url + "/host")
    wait_ready(host)
    host.locator(key("w.ws.organisation") + " input").fill("Fjordhavn Rådgivning A/S")
    host.keyboard.press("Enter")
    wait_ready(host)
    host.get_by_text("Kun puls, til alle medarbejdere", exact=True).click()
    wait_ready(host)
    host.locator(key("w.ws.create") + " button").click()
    expect(host.locator(key("ws-code"))).to_contain_text(re.compile(r"^\s*[A-Z0-9]{4} [A-Z0-9]{4}\s*$"),
                                                         timeout=30_000)  # the first click creates the schema
    code = host.locator(key("ws-code")).inner_text().replace(" ", "").strip()
    expect(host.get_by_text("Pulsen vises, når mindst 3 har afsluttet den (indtil nu: 0).")).to_be_visible()

    store = Store(server.database_url)  # two colleagues finished earlier
    try:
        for willing in ("gladly", "rather_not"):
            token = store.join_workshop(code)
            store.save_participant_answer(token, "pulse.willing", willing)
            store.save_participant_answer(token, "pulse.platforms", ["linkedin"])
            store.set_finished(token)
    finally:
        store.dispose()

    mobile = phone(browser)
    mobile.goto(f"{server.url}/join?code={code}")
    wait_ready(mobile)
    mobile.locator(key("w.ws.join") + " button").click()
    expect(mobile.locator("h1")).to_have_text("Medarbejderpuls")
    wait_ready(mobile)
    mobile.locator(key("w.ws.pulse.da.pulse.willing")).get_by_text("Ja, gerne", exact=True).click()
    wait_ready(mobile)
    mobile.locator(key("w.ws.pulse.da.pulse.platforms")).get_by_text("LinkedIn", exact=True).click()
    wait_ready(mobile)
    mobile.locator(key("w.ws.pulse.da.pulse.barriers")).get_by_text("Jeg har ikke tid i hverdagen", exact=True).click()
    wait_ready(mobile)
    mobile.screenshot(path=str(shots / "pulse-phone-da.png"), full_page=True)
    mobile.locator(key("w.ws.pulse.finish") + " button").click()
    expect(mobile.get_by_text("Du har svaret på 3 af 6 spørgsmål i pulsen.")).to_be_visible()

    expect(host.get_by_text("3 har afsluttet pulsen.", exact=True)).to_be_visible(timeout=30_000)  # the summary refreshes itself
    expect(host.get_by_text("Ja, gerne: 67 % (2)")).to_be_visible()
    expect(host.get_by_text("LinkedIn: 100 % (3)")).to_be_visible()
    wait_ready(host)
    host.locator(key("pulse-for-plan")).scroll_into_view_if_needed()
    host.screenshot(path=str(shots / "pulse-host-da.png"))
