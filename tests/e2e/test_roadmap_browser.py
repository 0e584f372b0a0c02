"""The roadmap and the wizard's frame in a real browser: adding an action that survives a reload,
the step in the URL (wizard and workshop participant), the language switch that always shows the
current language, and screenshots of the charts at 390 px and 1366 px in both languages.

One server for the whole module (each test starts from its own assessment or workshop).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from readiness.store import Store
from tests.conftest import ARTIFACTS
from tests.e2e.conftest import Server, new_page, screenshot_dir, wait_ready
from tests.e2e.test_screenshots import demo_assessment

pytestmark = pytest.mark.e2e
WIDTHS = {"phone": 390, "desktop": 1366}


def key(name: str) -> str:
    return ".st-key-" + name.replace(".", "-")


@pytest.fixture(scope="module")
def srv(tmp_path_factory) -> Iterator[Server]:
    logs = ARTIFACTS / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    server = Server(f"sqlite:///{tmp_path_factory.mktemp('roadmap') / 'e2e.db'}", logs / "roadmap_browser.log",
                    {"READINESS_PUBLIC_URL": ""})
    server.start()
    yield server
    server.stop()


def _assessment(srv: Server, lang: str) -> str:
    store = Store(srv.database_url)
    token = store.create_assessment(language=lang)
    store.replace_assessment(token, demo_assessment(lang))
    store.dispose()
    return token


def _clipped_labels(page) -> list[str]:
    """Axis labels (and radar names) that reach outside their chart: cut off on the screen."""
    return page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
        const box = plot.getBoundingClientRect();
        if (!box.width) return [];
        return [...plot.querySelectorAll('.ytick text, .xtick text, .angularaxistick text, .legendtext, text.bartext')]
            .filter(t => { const r = t.getBoundingClientRect();
                           return r.width && (r.left < box.left - 1 || r.right > box.right + 1); })
            .map(t => t.textContent); })""")


def _charts_drawn(page) -> None:
    """Wait until every chart on the screen has drawn itself (a loaded machine can take seconds)."""
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .filter(c => c.offsetParent !== null).every(c => c.querySelector('.main-svg'))""", timeout=30_000)
    page.wait_for_timeout(300)


def _shoot(page, name: str) -> None:
    page.wait_for_timeout(600)  # let the charts finish drawing
    full = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(full + 40, 7000))})
    page.screenshot(path=str(screenshot_dir() / name))
    page.set_viewport_size(size)


def test_an_action_added_with_the_form_is_there_after_a_reload(browser, srv):
    token = _assessment(srv, "da")
    page = new_page(browser, "da-DK", 1366, 900)
    page.goto(f"{srv.url}/roadmap?a={token}")
    wait_ready(page)
    form = page.locator(key("roadmap-add"))
    expect(form.locator(key("w.roadmap.add.owner") + " input")).not_to_have_value("")  # the default is shown
    form.locator(key("w.roadmap.add.title") + " input").fill("Fortæl ledergruppen om piloten")
    page.keyboard.press("Enter")  # submits the form
    wait_ready(page)
    expect(page.get_by_text("»Fortæl ledergruppen om piloten« er tilføjet til køreplanen.")).to_be_visible()
    page.reload()
    wait_ready(page)
    # in the phone list (in the page on every screen, shown below the breakpoint) and the edit form's list
    expect(page.locator(key("roadmap-list")).get_by_text("Fortæl ledergruppen om piloten")).to_have_count(1)
    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.locator(key("roadmap-list")).get_by_text("Fortæl ledergruppen om piloten")).to_be_visible()
    expect(page.locator(key("roadmap-gantt"))).to_be_hidden()
    page.context.close()


def test_a_reload_keeps_the_wizard_step(browser, srv):
    page = new_page(browser, "da-DK", 1366, 900)
    page.goto(f"{srv.url}/assess")
    wait_ready(page)
    for _ in range(2):
        page.locator(key("w.next")).get_by_role("button").click()
        wait_ready(page)
    expect(page.get_by_text(re.compile(r"^Trin 3 af \d+"))).to_be_visible()
    assert "step=3" in page.url
    page.reload()
    wait_ready(page)
    expect(page.get_by_text(re.compile(r"^Trin 3 af \d+"))).to_be_visible()
    page.context.close()


def test_a_reload_keeps_the_participants_section(browser, srv):
    store = Store(srv.database_url)
    workshop, _ = store.create_workshop("Ærø Æbler", "Kickoff", "da")
    store.dispose()
    page = new_page(browser, "da-DK", 390, 844)
    page.goto(f"{srv.url}/join?code={workshop.code}")
    wait_ready(page)
    page.locator(key("w.ws.join")).get_by_role("button").click()
    wait_ready(page)
    for _ in range(2):
        page.locator(key("w.ws.next")).get_by_role("button").click()
        wait_ready(page)
    expect(page.get_by_text(re.compile(r"^3 af 7"))).to_be_visible()
    assert "step=3" in page.url and "p=" in page.url
    page.reload()
    wait_ready(page)
    expect(page.get_by_text(re.compile(r"^3 af 7"))).to_be_visible()
    page.context.close()


def _selected_language(page) -> str:
    checked = page.locator(key("w.lang")).get_by_role("radio", checked=True)
    return checked.inner_text() if checked.count() == 1 else ""


def test_the_language_switch_shows_the_current_language_after_every_page_change(browser, srv):
    page = new_page(browser, "da-DK", 1366, 900)
    page.goto(srv.url)
    wait_ready(page)
    assert _selected_language(page) == "Dansk"
    sidebar = page.locator('[data-testid="stSidebar"]')
    for name in ["Vurdering", "Resultat", "Køreplan", "Hent planen", "Resultat", "Vurdering", "Start"]:
        sidebar.get_by_role("link", name=name, exact=True).click()
        wait_ready(page)
        assert _selected_language(page) == "Dansk", name
    page.locator(key("w.lang")).get_by_role("radio", name="English").click()
    wait_ready(page)
    for name in ["Results", "Roadmap", "Assessment", "Start"]:
        sidebar.get_by_role("link", name=name, exact=True).click()
        wait_ready(page)
        assert _selected_language(page) == "English", name
    page.context.close()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_screenshots_of_the_charts_at_phone_and_desktop_width(browser, srv, lang):
    token = _assessment(srv, lang)
    for device, width in WIDTHS.items():
        page = new_page(browser, "da-DK" if lang == "da" else "en-GB", width, 900)
        for name in ("roadmap", "results"):
            page.goto(f"{srv.url}/{name}?a={token}")
            wait_ready(page)
            expect(page.locator('[data-testid="stException"]')).to_have_count(0)
            _charts_drawn(page)
            assert _clipped_labels(page) == []
            if name == "results":  # the bars too (a tab), and the first explanations open, so their tables show
                page.get_by_role("tab").nth(1).click()
                _charts_drawn(page)
                assert _clipped_labels(page) == []
                page.locator(".js-plotly-plot").last.screenshot(path=str(screenshot_dir() / f"h1-bars-{device}-{lang}.png"))
                for expander in page.locator('[data-testid="stExpander"] summary').all()[:3]:
                    expander.click()
            _shoot(page, f"h1-{name}-{device}-{lang}.png")
            if name == "roadmap":
                # the table's own scroller: as wide as its content, so no sideways scrolling at 1366 px
                widths = page.locator(key("w.editor.roadmap") + " .dvn-scroller").evaluate(
                    "t => [t.scrollWidth, t.clientWidth]")
                assert device == "phone" or widths[0] <= widths[1], widths
        page.context.close()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_screenshots_of_the_workshop_charts_at_phone_and_desktop_width(browser, srv, lang):
    from readiness.bank import load_bank
    from readiness.store import presenter_key

    bank = load_bank()
    steps = ["none", "started", "partly", "largely", "fully"]
    store = Store(srv.database_url)
    workshop, host = store.create_workshop("Fjordhavn Rådgivning A/S", "Kickoff", lang, anonymous=False)
    for n in range(5):
        token = store.join_workshop(workshop.code, f"P{n}")
        for i, question in enumerate(q for s in bank.planning_sections for q in s.scored_questions):
            store.save_participant_answer(token, question.id, steps[(i + n) % 5])
        store.set_finished(token)
    store.dispose()
    for device, width in WIDTHS.items():
        page = new_page(browser, "da-DK" if lang == "da" else "en-GB", width, 900)
        for name, url in (("host", f"/host?h={host}"),
                          ("present", f"/present?code={workshop.code}&k={presenter_key(host)}")):
            page.goto(srv.url + url)
            # not wait_ready: these pages refresh themselves every few seconds (live numbers)
            page.wait_for_selector('[data-testid="stMainBlockContainer"] h1')
            expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30_000)
            _charts_drawn(page)
            expect(page.locator('[data-testid="stException"]')).to_have_count(0)
            assert _clipped_labels(page) == []
            _shoot(page, f"h1-{name}-{device}-{lang}.png")
        page.context.close()
