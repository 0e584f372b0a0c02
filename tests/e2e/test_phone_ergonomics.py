"""Thumb ergonomics on a phone (390 x 844, touch), measured in a real Chromium.

Touch targets at least 44 px tall, the sidebar folded away after a page was chosen from it, copy
buttons visible without hovering (a phone cannot hover), and the first question of every step on
the first screen rather than below the title, the progress bar and the step picker.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS
from tests.e2e.a11y import page_url, seed
from tests.e2e.conftest import Server, screenshot_dir, wait_ready

pytestmark = pytest.mark.e2e
WIDTH, HEIGHT = 390, 844
TOUCH = 44
FIRST_QUESTION = ('[data-testid="stMainBlockContainer"] :is([data-testid="stRadio"], [data-testid="stTextInput"], '
                  '[data-testid="stNumberInput"], [data-testid="stSlider"], [data-testid="stButtonGroup"], '
                  '[data-testid="stDateInput"], [data-testid="stTextArea"])')
# every visible thing a thumb presses, less the help "?" beside a label (Streamlit's tooltip icon)
TARGETS = """(root) => [...document.querySelectorAll(root)]
    .flatMap(r => [...r.querySelectorAll('button, a[href], [data-testid="stRadioOption"]')])
    .filter(e => e.offsetParent !== null && !e.closest('[data-testid="stTooltipIcon"]'))
    .map(e => { const b = e.getBoundingClientRect();
                return {what: (e.getAttribute('aria-label') || e.innerText || e.tagName).trim().slice(0, 40),
                        height: b.height, width: b.width}; })
    .filter(t => t.width > 0)"""
EFFECTIVE_OPACITY = """(e) => { let o = 1; for (; e; e = e.parentElement) o *= +getComputedStyle(e).opacity; return o; }"""


@pytest.fixture(scope="module")
def phone_server(tmp_path_factory):
    logs = ARTIFACTS / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    srv = Server(f"sqlite:///{tmp_path_factory.mktemp('phone') / 'e2e.db'}", logs / "test_phone_ergonomics.log",
                 {"READINESS_PUBLIC_URL": ""})
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def seeded(phone_server):
    return seed(phone_server.database_url)


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="da-DK", viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def _too_small(page, root: str) -> list[dict]:
    return [t for t in page.evaluate(TARGETS, root) if t["height"] < TOUCH - 0.5]


def _open_sidebar(page) -> None:
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    page.wait_for_function("""() => document.querySelector('[data-testid="stSidebar"]')
        .getBoundingClientRect().left >= 0""")


def test_touch_targets_are_44_px_tall_on_a_phone(phone_server, seeded, phone):
    phone.goto(phone_server.url + page_url("assess", seeded["da"]))
    wait_ready(phone)
    small = []
    for step in range(4):  # the context step, a single choice, several choices (pills), a scale
        small += [(step, t) for t in _too_small(phone, '[data-testid="stMain"]')]
        phone.locator(".st-key-w-next button").click()
        wait_ready(phone)
    radios = phone.evaluate("document.querySelectorAll('[data-testid=\"stRadioOption\"]').length")
    assert radios > 5
    _open_sidebar(phone)
    small += [("sidebar", t) for t in _too_small(phone, '[data-testid="stSidebar"]')]
    assert not small, small


def test_the_sidebar_folds_away_after_choosing_a_page(phone_server, seeded, phone):
    phone.goto(phone_server.url + page_url("start", seeded["da"]))
    wait_ready(phone)
    _open_sidebar(phone)
    phone.locator('[data-testid="stSidebar"]').get_by_role("link", name="Resultat").click()
    wait_ready(phone)
    assert "/results" in phone.url
    phone.wait_for_timeout(600)  # the fold's animation
    sidebar = phone.locator('[data-testid="stSidebar"]')
    assert sidebar.get_attribute("data-collapsed") == "true"
    assert sidebar.bounding_box() is None or sidebar.bounding_box()["x"] + sidebar.bounding_box()["width"] <= 0
    # switching the language in the sidebar is no page change: it stays open for the next choice
    _open_sidebar(phone)
    phone.locator(".st-key-w-lang").get_by_text("English", exact=True).click()
    wait_ready(phone)
    assert sidebar.get_attribute("data-collapsed") == "false"


def test_copy_buttons_show_without_hovering(phone_server, seeded, phone):
    phone.goto(phone_server.url + page_url("host", seeded["da"]))
    wait_ready(phone)
    phone.mouse.move(1, HEIGHT - 1)  # nowhere near the code block
    copy = phone.locator('[data-testid="stMain"] [data-testid="stCode"] button:visible')  # the join link
    expect(copy.first).to_be_attached()
    for i in range(copy.count()):
        assert copy.nth(i).evaluate(EFFECTIVE_OPACITY) == 1, i
        box = copy.nth(i).bounding_box()
        assert box["height"] >= TOUCH - 0.5 and box["width"] >= TOUCH - 0.5, box
    phone.goto(phone_server.url + page_url("start", seeded["da"]))
    wait_ready(phone)
    _open_sidebar(phone)
    resume = phone.locator('[data-testid="stSidebar"] [data-testid="stCode"] button')
    assert resume.count() == 1 and resume.evaluate(EFFECTIVE_OPACITY) == 1
    phone.screenshot(path=str(screenshot_dir() / "phone-sidebar-da.png"))


@pytest.mark.parametrize("name, next_button", [("assess", ".st-key-w-next button"),
                                               ("participant", ".st-key-w-ws-next button")])
def test_the_first_question_of_every_step_is_on_the_first_screen(phone_server, seeded, phone, name, next_button):
    """Its label and at least its first three options (or the whole question) above the fold."""
    phone.goto(phone_server.url + page_url(name, seeded["da"]))
    wait_ready(phone)
    late, step = [], 0
    while True:
        box = phone.locator(FIRST_QUESTION).first.bounding_box()
        if box["y"] + min(box["height"], 200) > HEIGHT:
            late.append((step, round(box["y"])))
            phone.screenshot(path=str(screenshot_dir() / f"phone-fold-{name}-{step}.png"))
        if not phone.locator(next_button).count():
            break
        phone.locator(next_button).click()
        wait_ready(phone)
        step += 1
    assert step >= 5
    assert not late, late
