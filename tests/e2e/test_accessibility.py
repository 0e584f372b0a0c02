"""WCAG 2.2 AA in a real Chromium: axe-core over every page, both languages, desktop and phone.

One server and one browser for the module, one browser context per language and screen. Each page
(every step of the wizard and of a workshop participant) must have no serious or critical
violation of the tags in :data:`tests.e2e.a11y.TAGS`, less the reviewed exclusions in
``axe_exclusions.yaml`` (Streamlit or plotly internals the app cannot reach, each with a reason).
The page's ``<html lang>`` must be its language, also after navigating and switching language.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS
from tests.e2e.a11y import LOCALES, VIEWPORTS, axe_or_skip, axe_violations, page_url, seed
from tests.e2e.conftest import Server, screenshot_dir, wait_ready

pytestmark = pytest.mark.e2e
PAGES = ["start", "assess", "results", "roadmap", "download", "progress", "compare", "privacy", "join",
         "participant", "host", "present"]
STEPPED = {"assess": ".st-key-w-next button", "participant": ".st-key-w-ws-next button"}


def scans_step(step: int, lang: str, device: str) -> bool:
    """Which steps of the wizard and the participant's pages a run checks: every other one, so that
    each step is checked once on a desktop and once on a phone, and once in each language
    (da: even steps on the desktop, odd ones on the phone; en: the other way round)."""
    return step % 2 == int((lang == "en") != (device == "phone"))


@pytest.fixture(scope="module")
def a11y_server(tmp_path_factory):
    logs = ARTIFACTS / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    srv = Server(f"sqlite:///{tmp_path_factory.mktemp('a11y') / 'e2e.db'}", logs / "test_accessibility.log",
                 {"READINESS_PUBLIC_URL": ""})
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def axe():
    return axe_or_skip()


@pytest.fixture(scope="module")
def seeded(a11y_server):
    return seed(a11y_server.database_url)


@pytest.fixture(scope="module")
def tabs(browser):
    """One page per (language, screen), reused by every test of the module."""
    opened = {}

    def get(lang: str, device: str):
        if (lang, device) not in opened:
            width, height = VIEWPORTS[device]
            context = browser.new_context(locale=LOCALES[lang], viewport={"width": width, "height": height},
                                          is_mobile=device == "phone", has_touch=device == "phone")
            page = context.new_page()
            page.set_default_timeout(30_000)
            opened[lang, device] = page
        return opened[lang, device]

    yield get
    for page in opened.values():
        page.context.close()


def _html_lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


@pytest.mark.parametrize("device", list(VIEWPORTS))
@pytest.mark.parametrize("lang", list(LOCALES))
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_violation(a11y_server, seeded, tabs, axe, name, lang, device):
    page = tabs(lang, device)
    page.goto(a11y_server.url + page_url(name, seeded[lang]))
    wait_ready(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    page.wait_for_timeout(300)  # charts draw after the run
    found, step = [], 0
    while True:
        assert _html_lang(page) == lang, (name, step)
        if name not in STEPPED or scans_step(step, lang, device):
            found += [f"{name} step {step}: {v}" for v in axe_violations(page, axe)]
        if name not in STEPPED or not page.locator(STEPPED[name]).count():
            break
        page.locator(STEPPED[name]).click()
        wait_ready(page)
        step += 1
    if found:
        page.screenshot(path=str(screenshot_dir() / f"a11y-{name}-{device}-{lang}.png"), full_page=True)
    assert not found, "\n".join(found)
    assert name not in STEPPED or step >= 5, f"walked only {step} steps"


def test_html_lang_follows_navigation_and_the_language_switch(a11y_server, seeded, tabs):
    page = tabs("da", "desktop")
    page.goto(a11y_server.url + page_url("start", seeded["da"]))
    wait_ready(page)
    assert _html_lang(page) == "da"
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("link", name="Resultat").click()
    wait_ready(page)
    assert _html_lang(page) == "da"
    page.locator(".st-key-w-lang").get_by_text("English", exact=True).click()
    wait_ready(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    sidebar.get_by_role("link", name="Roadmap").click()
    wait_ready(page)
    assert _html_lang(page) == "en"
    page.reload()
    wait_ready(page)
    assert _html_lang(page) == "en"
    page.locator(".st-key-w-lang").get_by_text("Dansk", exact=True).click()
    wait_ready(page)
    expect(page.locator("html")).to_have_attribute("lang", "da")
    sidebar.get_by_role("link", name="Hent planen").click()
    wait_ready(page)
    assert _html_lang(page) == "da"
    icons = page.evaluate("() => [...document.querySelectorAll('link[rel*=icon]')].map(l => l.href)")
    assert icons and all(h.startswith("data:image/png;base64,") for h in icons), icons  # ours, after navigating


CTA_STYLE = """(a) => { const s = getComputedStyle(a); const b = a.getBoundingClientRect();
    return {background: s.backgroundColor, colour: getComputedStyle(a.querySelector('p')).color, height: b.height}; }"""


@pytest.mark.parametrize("name, cta", [("start", "assess"), ("results", "roadmap"), ("roadmap", "download")])
def test_the_main_calls_to_action_are_primary_buttons(a11y_server, seeded, tabs, name, cta):
    page = tabs("en", "desktop")
    page.goto(a11y_server.url + page_url(name, seeded["en"]))
    wait_ready(page)
    link = page.locator(f".st-key-cta-{cta} a")
    expect(link).to_have_attribute("href", re.compile(rf"^{cta}\?a="))
    style = link.evaluate(CTA_STYLE)
    assert style == {"background": "rgb(15, 118, 110)", "colour": "rgb(255, 255, 255)", "height": style["height"]}
    assert style["height"] >= 44


def test_an_unanswered_slider_looks_unanswered_until_chosen(a11y_server, seeded, tabs):
    page = tabs("da", "desktop")
    page.goto(a11y_server.url + f"/assess?a={seeded['da'].unanswered}")
    wait_ready(page)
    for _ in range(6):  # to the content step
        page.locator(".st-key-w-next button").click()
        wait_ready(page)
    box = page.locator(".st-key-slider-unanswered-w-da-content-freedom")
    expect(box).to_have_count(1)
    assert box.evaluate("e => getComputedStyle(e).borderTopStyle") == "dashed"
    thumb = box.locator('div:has(> div > input[type="range"])')
    assert thumb.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 255, 255)"
    page.locator(".st-key-w-da-content-freedom-pick button").click()
    wait_ready(page)
    expect(box).to_have_count(0)
    thumb = page.locator('.st-key-w-da-content-freedom div:has(> div > input[type="range"])')
    assert thumb.evaluate("e => getComputedStyle(e).backgroundColor") != "rgb(255, 255, 255)"
