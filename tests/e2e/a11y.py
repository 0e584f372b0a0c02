"""What the accessibility tests share: one seeded server, axe-core runs, the reviewed exclusions.

The seeded data covers every page: an assessment with answers (start, assess, results, roadmap,
download), a follow-up of it (progress, compare), and per language a workshop with a host, a
presenter link and a participant (host, present, join and the participant's steps).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import yaml

from readiness.store import Store, presenter_key

EXCLUSIONS = Path(__file__).with_name("axe_exclusions.yaml")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = ("serious", "critical")
VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}
LOCALES = {"da": "da-DK", "en": "en-GB"}


@dataclasses.dataclass(frozen=True)
class Seeded:
    token: str
    followup: str
    host: str
    code: str
    presenter: str
    participant: str
    unanswered: str  # an assessment whose content/freedom slider is not answered yet


def seed(database_url: str) -> dict[str, Seeded]:
    from tests.e2e.test_screenshots import demo_assessment

    store = Store(database_url)
    seeded = {}
    try:
        for lang in LOCALES:
            assessment = demo_assessment(lang)
            token = store.create_assessment(language=lang)
            store.replace_assessment(token, assessment.replace(roadmap_start=dt.date.today() - dt.timedelta(days=120)))
            followup = store.create_followup(token, assessment.replace(roadmap_start=dt.date.today()))
            workshop, host = store.create_workshop("Fjordhavn Rådgivning A/S", "Kick-off", lang, show_results=True)
            participant = store.join_workshop(workshop.code)
            unanswered = store.create_assessment(language=lang)
            store.replace_assessment(unanswered, assessment.replace(
                answers={k: v for k, v in assessment.answers.items() if k != "content.freedom"}))
            seeded[lang] = Seeded(token, followup, host, workshop.code, presenter_key(host), participant, unanswered)
    finally:
        store.dispose()
    return seeded


def page_url(name: str, s: Seeded) -> str:
    """The address of a page, holding what that page needs."""
    return {
        "start": f"/?a={s.token}", "assess": f"/assess?a={s.token}", "results": f"/results?a={s.token}",
        "roadmap": f"/roadmap?a={s.token}", "download": f"/download?a={s.token}",
        "progress": f"/progress?a={s.followup}", "compare": f"/compare?a={s.followup}",
        "privacy": f"/privacy?a={s.token}", "join": f"/join?code={s.code}", "participant": f"/join?p={s.participant}",
        "host": f"/host?h={s.host}", "present": f"/present?code={s.code}&k={s.presenter}",
    }[name]


@dataclasses.dataclass(frozen=True)
class Exclusion:
    rule: str
    selector: str
    reason: str


def exclusions() -> list[Exclusion]:
    entries = yaml.safe_load(EXCLUSIONS.read_text(encoding="utf-8")) or []
    found = [Exclusion(**entry) for entry in entries]
    for entry in found:
        assert entry.rule and entry.selector and len(entry.reason) > 20, entry
    return found


_MATCHES = """([target, selector]) => {
    const el = document.querySelector(target);
    return !!el && (el.matches(selector) || !!el.closest(selector));
}"""


def axe_violations(page, axe) -> list[str]:
    """Serious and critical violations on the page now, less the reviewed exclusions, one line each."""
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    skip = exclusions()
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") not in FAILING_IMPACTS:
            continue
        for node in violation["nodes"]:
            target = node["target"][0] if node["target"] else ""
            if isinstance(target, list):  # inside a frame
                target = target[0]
            if any(e.rule == violation["id"] and page.evaluate(_MATCHES, [target, e.selector]) for e in skip):
                continue
            summary = (node.get("failureSummary") or "").replace("\n", " ")[:240]
            found.append(f"{violation['id']} ({violation['impact']}): {target} :: {node['html'][:160]} :: {summary}")
    return found


def axe_or_skip():
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        from tests.conftest import skip_or_fail

        skip_or_fail("axe-playwright-python is not installed (requirements-dev.txt)")
    return Axe()
