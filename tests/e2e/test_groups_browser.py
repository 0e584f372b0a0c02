"""Groups in a real browser (issue 15): the host creates a workshop with the default groups, ten phones
join and pick theirs (4, 3 and 2 plus one "rather not say"), and the host's "by group" view shows the
groups of 4 and 3, never the 2.

Kept lean: the phones join and choose in the browser; their answers and finishes go through the
store (the same database), which the host view reads like any other.
"""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import new_page, screenshot_dir, wait_ready
from tests.e2e.test_workshop_browser import each, key

pytestmark = pytest.mark.e2e
GROUPS = ["Topledelse"] * 4 + ["Ledere"] * 3 + ["Medarbejdere"] * 2 + ["Vil helst ikke sige det"]
SPONSOR = {"Topledelse": "fully", "Ledere": "partly", "Medarbejdere": "none", "Vil helst ikke sige det": "none"}
OWNERSHIP = ("ownership.owner_time", "ownership.sponsor", "ownership.goals", "ownership.strategy_link",
             "ownership.budget")


def light_phone(browser):
    """A phone-sized context at scale 1 (ten of them render cheaply on a small machine)."""
    page = browser.new_context(locale="da-DK", viewport={"width": 390, "height": 844}, has_touch=True).new_page()
    page.set_default_timeout(60_000)
    return page


def test_ten_phones_in_groups_and_the_host_sees_the_gap_view(browser, server):
    from readiness.store import Store

    started = time.monotonic()
    shots = screenshot_dir()
    host = new_page(browser, "da-DK", 1280, 900)
    host.goto(server.url + "/host")
    wait_ready(host)
    host.locator(key("w.ws.organisation") + " input").fill("Fjordhavn A/S")
    host.keyboard.press("Enter")
    wait_ready(host)
    host.locator(key("w.ws.groups.on")).get_by_text("Del deltagerne op i grupper").click()
    wait_ready(host)
    expect(host.locator(key("w.ws.groups.labels") + " textarea")).to_have_value(
        "Topledelse\nLedere\nMedarbejdere\nHR og kommunikation")
    host.locator(key("w.ws.create") + " button").click()
    expect(host.locator(key("ws-code"))).to_contain_text(re.compile(r"^\s*[A-Z0-9]{4} [A-Z0-9]{4}\s*$"), timeout=30_000)
    wait_ready(host)
    code = host.locator(key("ws-code")).inner_text().replace(" ", "").strip()

    phones = [light_phone(browser) for _ in GROUPS]
    each(phones, lambda i, p: p.goto(f"{server.url}/join?code={code}"))
    print(f"phones loaded: {time.monotonic() - started:.1f} s")
    phones[0].screenshot(path=str(shots / "workshop-phone-group-da.png"))

    def choose_and_join(i, p):
        p.locator(key("w.ws.groups.choice")).get_by_text(GROUPS[i], exact=True).click()
        p.locator(key("w.ws.join") + " button").click()

    each(phones, choose_and_join)
    for p in phones:
        expect(p.locator("h1")).to_have_text("Ejerskab")
    print(f"phones joined: {time.monotonic() - started:.1f} s")
    store = Store(server.database_url)
    try:  # the answers and the finish through the store, to keep the test short
        for i, p in enumerate(phones):
            token = parse_qs(urlsplit(p.url).query)["p"][0]
            for qid in OWNERSHIP:
                store.save_participant_answer(token, qid, SPONSOR[GROUPS[i]])
            store.set_finished(token)
    finally:
        store.dispose()
    for p in phones:
        p.context.close()

    host.get_by_role("tab", name="Efter gruppe").click()
    shown = host.locator(key("ws-gaps-shown"))
    expect(shown).to_contain_text("Topledelse (4)", timeout=30_000)
    expect(shown).to_contain_text("Ledere (3)")
    expect(shown).to_contain_text("3 deltagere vises ikke efter gruppe")
    expect(shown).not_to_contain_text("Medarbejdere")
    gap = host.locator(key("ws-gap-ownership"))
    expect(gap).to_contain_text("mellem Topledelse")
    expect(gap).to_contain_text("Hvad forskellen typisk betyder")
    expect(host.locator(key("ws-gaps-chart") + " .js-plotly-plot")).to_be_visible(timeout=30_000)
    legend = host.locator(key("ws-gaps-chart") + " .legendtext").all_text_contents()
    assert legend == ["Topledelse", "Ledere"]
    expect(gap).to_contain_text("50 point")  # ownership: 100 against 50
    host.set_viewport_size({"width": 1280, "height": 2600})  # the page scrolls inside: make room for all of it
    host.get_by_role("tab", name="Efter gruppe").scroll_into_view_if_needed()
    wait_ready(host)
    expect(host.locator('[data-testid="stDataFrame"]').first).to_be_visible(timeout=30_000)
    host.wait_for_timeout(1500)
    wait_ready(host)
    host.screenshot(path=str(shots / "workshop-host-groups-da.png"))
    print(f"groups e2e: {time.monotonic() - started:.1f} s")
