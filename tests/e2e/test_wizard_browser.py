"""The wizard in a real browser: start page to download, a reload, a server restart."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import new_page, screenshot_dir, wait_ready

pytestmark = pytest.mark.e2e
ORG = "Fjordhavn Rådgivning A/S"


def key(name: str) -> str:
    return ".st-key-" + name.replace(".", "-")


def click_option(page, question_id: str, label: str, lang: str = "da") -> None:
    page.locator(key(f"w.{lang}.{question_id}")).get_by_text(label, exact=True).click()
    wait_ready(page)


def click_next(page) -> None:
    page.locator(key("w.next")).get_by_role("button").click()
    wait_ready(page)


def answer_everything(page, scale_label="Det meste er på plads") -> None:
    """Go through every step, answering each scale item and a few decisions (Danish labels)."""
    from readiness.bank import load_bank

    bank = load_bank()
    page.locator(key("w.organisation") + " input").fill(ORG)
    page.keyboard.press("Enter")
    wait_ready(page)
    page.locator(key("w.da.context.employees") + " input").fill("85")
    page.keyboard.press("Enter")
    wait_ready(page)
    for number, section in enumerate(bank.sections):
        if number == 1:
            click_option(page, "ownership.function", "HR")
        for q in section.scored_questions:
            click_option(page, q.id, scale_label)
        if number < len(bank.sections) - 1:
            click_next(page)


def test_from_start_page_through_every_step_to_a_downloaded_pdf(browser, server):
    page = new_page(browser, "da-DK")
    page.goto(server.url)
    wait_ready(page)
    expect(page.get_by_role("heading", name="Er I klar til employee advocacy?")).to_be_visible()
    page.get_by_role("link", name="Start vurderingen").click()
    wait_ready(page)
    answer_everything(page)
    assert "a=" in page.url  # the resume token travels in the URL

    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Resultat").click()
    wait_ready(page)
    expect(page.get_by_text("Samlet parathed")).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    page.screenshot(path=str(screenshot_dir() / "e2e-results.png"), full_page=True)

    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Køreplan").click()
    wait_ready(page)
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()  # the roadmap editor (the estimates follow)
    assert "a=" in page.url

    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Hent planen").click()
    wait_ready(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Hent PDF").click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert ORG in text
    assert info.value.suggested_filename == "fjordhavn-raadgivning-a-s-plan.pdf"
    page.context.close()


def test_switching_to_english_midway_keeps_the_answers(browser, server):
    page = new_page(browser, "da-DK")
    page.goto(server.url + "/assess")
    wait_ready(page)
    click_next(page)
    click_option(page, "ownership.sponsor", "Delvist")
    page.locator(key("w.lang")).get_by_text("English", exact=True).click()
    wait_ready(page)
    expect(page.get_by_role("heading", name="Who is responsible for employee advocacy?")).to_be_visible()
    expect(page.locator(key("w.en.ownership.sponsor")).get_by_role("radio", name="Partly")).to_be_checked()
    page.context.close()
