"""A workshop in a real browser: one host and five phones answering at the same time, agreeing, the PDF.

The first request after the server starts is a deep link to the host page (Streamlit may serve
it as a plain "pages folder" app), and the phones work through their steps interleaved, so the
server handles their answers concurrently.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import new_page, screenshot_dir, wait_ready

pytestmark = pytest.mark.e2e
ORG = "Fjordhavn Rådgivning A/S"
SCALE = ["Slet ikke", "Så småt i gang", "Delvist", "Det meste er på plads", "Helt på plads", "Ved ikke"]
# what each of the five phones answers to "a member of management visibly backs the programme"
SPONSOR = [0, 2, 2, 4, 5]  # not at all, partly, partly, fully, don't know -> spread 4 steps
FUNCTION = ["HR", "HR", "Marketing", "HR", "Marketing"]
STEPS = ["Ejerskab", "Platforme", "Ambassadører", "Træning", "Motivation", "Indhold", "Rytme"]


def key(name: str) -> str:
    return ".st-key-" + name.replace(".", "-")


def create_workshop(host, base_url: str, organisation: str, title: str) -> str:
    """Create a workshop on the host page (a deep link as the first request) and return its code."""
    host.goto(base_url + "/host")
    wait_ready(host)
    expect(host.get_by_role("heading", name="Hold en workshop")).to_be_visible()
    host.locator(key("w.ws.organisation") + " input").fill(organisation)
    host.locator(key("w.ws.title") + " input").fill(title)
    host.keyboard.press("Enter")
    wait_ready(host)
    host.locator(key("w.ws.create") + " button").click()
    # the first workshop of a fresh server opens the database (and creates its schema) on this click
    expect(host.locator(key("ws-code"))).to_contain_text(re.compile(r"^\s*[A-Z0-9]{4} [A-Z0-9]{4}\s*$"))
    wait_ready(host)
    code = host.locator(key("ws-code")).inner_text().replace(" ", "").strip()
    assert re.fullmatch(r"[A-Z0-9]{8}", code)
    return code


def phone(browser):
    context = browser.new_context(locale="da-DK", viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def each(pages, action) -> None:
    """Do ``action`` on every phone without waiting in between, then wait for all of them."""
    for i, page in enumerate(pages):
        action(i, page)
    for page in pages:
        wait_ready(page)


def test_five_phones_answer_while_the_host_watches_then_agree_and_download(browser, server):
    shots = screenshot_dir()
    host = new_page(browser, "da-DK", 1280, 900)
    code = create_workshop(host, server.url, ORG, "Kick-off")  # the very first request after the server started
    assert "h=" in host.url
    presenter = host.locator('[data-testid="stLinkButton"] a').first.get_attribute("href")
    assert host.url.split("h=")[1].split("&")[0] not in presenter

    phones = [phone(browser) for _ in range(5)]
    each(phones, lambda i, p: p.goto(f"{server.url}/join?code={code}"))
    each(phones, lambda i, p: p.locator(key("w.ws.join") + " button").click())
    for p in phones:
        expect(p.locator("h1")).to_have_text("Ejerskab")
        assert "p=" in p.url
    phones[0].screenshot(path=str(shots / "workshop-phone-da.png"))

    def answer_first_step(i, p):
        p.locator(key("w.ws.da.ownership.function")).get_by_text(FUNCTION[i], exact=True).click()

    each(phones, answer_first_step)
    each(phones, lambda i, p: p.locator(key("w.ws.da.ownership.sponsor")).get_by_text(SCALE[SPONSOR[i]],
                                                                                        exact=True).click())
    for step in STEPS[1:]:
        each(phones, lambda i, p: p.locator(key("w.ws.next") + " button").click())
        for p in phones:
            expect(p.locator("h1")).to_have_text(step)
    each(phones, lambda i, p: p.locator(key("w.ws.finish") + " button").click())
    for p in phones:  # most questions are unanswered: each phone says how many and asks first
        expect(p.locator(key("ws-confirm-finish"))).to_contain_text("Du mangler at svare på")
    phones[0].screenshot(path=str(shots / "workshop-phone-unanswered-da.png"))
    each(phones, lambda i, p: p.locator(key("w.ws.finish_anyway") + " button").click())
    for p in phones:
        expect(p.get_by_text("Tak! Vi har fået dine svar.")).to_be_visible()
    phones[0].screenshot(path=str(shots / "workshop-phone-done-da.png"))

    # the host view refreshes on its own
    expect(host.locator(key("ws-count-finished"))).to_contain_text("5", timeout=30_000)
    expect(host.locator(key("ws-count-joined"))).to_contain_text("5")
    host.get_by_role("tab", name="Spørgsmål").click()
    histogram = host.locator(key("ws-hist-ownership.sponsor"))
    expect(histogram.locator(".js-plotly-plot")).to_be_visible()
    expect(histogram).to_contain_text("spænd 4 trin")
    counts = histogram.locator("text.bartext").all_text_contents()
    assert counts == ["1", "0", "2", "0", "1", "1"]  # not at all .. fully, then don't know
    functions = host.locator(key("ws-hist-ownership.function")).locator("text.bartext").all_text_contents()
    assert functions == ["3", "0", "0", "2", "0", "0", "0"]
    host.screenshot(path=str(shots / "workshop-host-da.png"), full_page=True)

    # the screen for the projector: no host token in its address
    screen = new_page(browser, "da-DK", 1920, 1080)
    screen.goto(presenter)
    wait_ready(screen)
    expect(screen.locator(key("ws-present-finished"))).to_contain_text("5")
    screen.screenshot(path=str(shots / "workshop-screen-da.png"))
    screen.context.close()

    # discuss the most disputed question and agree
    host.get_by_role("tab", name="Bliv enige og tag noter").click()  # opening it fetches the answers anew
    wait_ready(host)
    agree = host.locator(key("ws-agree-ownership.sponsor"))
    expect(agree.get_by_role("radio", name="Delvist")).to_be_checked()  # the median, pre-filled
    agree.get_by_text("Det meste er på plads", exact=True).click()
    wait_ready(host)
    note = host.locator(key("w.ws.note.da.ownership.sponsor") + " textarea")
    note.fill("Direktøren melder sig som sponsor på mandag.")
    note.press("Control+Enter")
    wait_ready(host)

    host.get_by_role("tab", name="Resultat og filer").click()
    wait_ready(host)
    with host.expect_download(timeout=60_000) as info:
        host.locator(key("w.ws.pdf") + " button").click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert ORG in text
    assert "Workshoppen" in text and "Hvor gruppen var uenig" in text
    assert "Direktøren melder sig som sponsor på mandag." in text

    # a phone cannot open the host view with the join code
    phones[0].goto(f"{server.url}/host?h={code}")
    wait_ready(phones[0])
    expect(phones[0].get_by_role("heading", name="Hold en workshop")).to_be_visible()
    expect(phones[0].get_by_text("Værtslinket åbner ingen workshop", exact=False)).to_be_visible()
    for p in phones:
        p.context.close()
    host.context.close()
