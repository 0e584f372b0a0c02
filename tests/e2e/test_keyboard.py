"""The whole wizard with the keyboard alone (Tab, Space, Enter, arrow keys; no mouse), in Chromium:
start page → every step (required decisions and a readiness item each) → results → roadmap →
the plan's PDF. The test only reads where the focus is; every action is a key press."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from readiness.bank import load_bank
from tests.e2e.conftest import new_page, wait_ready
from tests.e2e.test_wizard_browser import key

pytestmark = pytest.mark.e2e
ORG = "Tastatur ApS"
FOCUS_IN = "(selector) => !!document.activeElement && !!document.activeElement.closest(selector)"


def tab_to(page, selector: str, limit: int = 200) -> None:
    """Press Tab until the focus is inside ``selector``."""
    for _ in range(limit):
        if page.evaluate(FOCUS_IN, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def press(page, name: str) -> None:
    page.keyboard.press(name)
    wait_ready(page)


def answer(page, question) -> None:
    box = key(f"w.da.{question.id}")
    if question.kind == "number":
        tab_to(page, box + " input")
        page.keyboard.type("85")
        press(page, "Tab")
        expect(page.locator(box + " input")).to_have_value("85")
    elif question.kind == "multi":
        tab_to(page, box + ' [data-testid="stButtonGroup"] button[data-variant]')
        press(page, "Space")
        expect(page.locator(box + ' [data-testid="stButtonGroup"] button[data-variant][data-selected="true"]')).to_have_count(1)
    elif question.widget == "slider":
        assert page.locator(key(f"slider-unanswered-w.da.{question.id}")).count() == 1
        tab_to(page, box + ' input[type="range"]')
        press(page, "ArrowRight")
        expect(page.locator(key(f"slider-unanswered-w.da.{question.id}"))).to_have_count(0)
    else:  # a single choice or a scale item: Space picks the focused option, an arrow the next one
        tab_to(page, box + ' input[type="radio"]')
        press(page, "Space")
        press(page, "ArrowDown")
        expect(page.locator(box + ' input[type="radio"]').nth(1)).to_be_checked()


def test_the_whole_wizard_by_keyboard_to_the_pdf(browser, server):
    bank = load_bank()
    page = new_page(browser, "da-DK", 1366, 900)
    page.goto(server.url)
    wait_ready(page)
    tab_to(page, key("cta-assess") + " a")
    press(page, "Enter")
    expect(page.get_by_role("heading", name="Vurdering", exact=True)).to_be_visible()

    tab_to(page, key("w.organisation") + " input")
    page.keyboard.type(ORG)
    press(page, "Tab")
    for number, section in enumerate(bank.sections):
        expect(page.locator('[data-testid="stProgress"]')).to_contain_text(f"Trin {number + 1} af {len(bank.sections)}")
        chosen = [q for q in section.questions if q.required and not q.is_scored] + list(section.scored_questions[:1])
        for question in chosen:
            answer(page, question)
        if number < len(bank.sections) - 1:
            tab_to(page, key("w.next") + " button")
            press(page, "Enter")

    tab_to(page, 'a[data-testid="stPageLink-NavLink"][href*="results"]:not([data-testid="stSidebar"] *)')
    assert page.evaluate("document.activeElement.innerText").strip().endswith("Se resultatet")
    press(page, "Enter")
    expect(page.get_by_text("Samlet parathed")).to_be_visible(timeout=30_000)
    tab_to(page, key("cta-roadmap") + " a")
    press(page, "Enter")
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible(timeout=30_000)
    tab_to(page, key("cta-download") + " a")
    press(page, "Enter")
    tab_to(page, '[data-testid="stDownloadButton"] button')
    assert page.evaluate("document.activeElement.innerText").strip().endswith("Hent PDF")
    with page.expect_download(timeout=60_000) as info:
        page.keyboard.press("Enter")
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    assert info.value.suggested_filename == "tastatur-aps-plan.pdf"
    page.context.close()
