"""Two replicas behind HAProxy on one PostgreSQL database (``deploy/``), driven by a real Chromium.

The host is pinned to one replica and the participants to the other by HAProxy's own stickiness
cookie; the participants' replica is killed mid-workshop (``kill -9``), they reload their link,
land on the surviving replica and carry on with every acknowledged answer; a resume link made on
one replica opens everything on the other.
"""

from __future__ import annotations

import re
import shutil

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from deploy.cluster import LocalCluster, haproxy_config
from tests.conftest import ARTIFACTS, ROOT, skip_or_fail
from tests.e2e.conftest import wait_ready
from tests.e2e.test_wizard_browser import click_next, click_option
from tests.e2e.test_workshop_browser import create_workshop
from tests.pg import pg_cluster  # noqa: F401  (the session's PostgreSQL server)

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]
FUNCTION = ["HR", "Marketing", "HR"]
SCALE_PARTLY = "Delvist"


def key(name: str) -> str:
    return ".st-key-" + name.replace(".", "-")


@pytest.fixture(scope="module")
def cluster(pg_cluster):  # noqa: F811
    if shutil.which("haproxy") is None:
        skip_or_fail("Debian's haproxy is not installed (make test installs it)")
    url = pg_cluster.new_database()
    running = LocalCluster(url, replicas=2, folder=ARTIFACTS / "cluster", env={"READINESS_PUBLIC_URL": ""})
    try:
        running.start()  # both replicas start at once on the empty database
        yield running
    finally:
        running.stop()
        pg_cluster.drop_database(url)


def pinned(browser, cluster, replica: str, locale: str = "da-DK", phone: bool = False):
    """A browser context whose requests HAProxy sends to ``replica`` (its stickiness cookie set)."""
    options = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True} if phone \
        else {"viewport": {"width": 1280, "height": 900}}
    context = browser.new_context(locale=locale, **options)
    context.add_cookies([{"name": "SERVERID", "value": replica, "url": cluster.url}])
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def served_by(page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == "SERVERID")


def test_the_balancer_config_is_the_production_example_with_our_ports():
    template = (ROOT / "deploy" / "haproxy.cfg").read_text(encoding="utf-8")
    config = haproxy_config(template, 9000, [9101, 9102, 9103])
    assert "bind 127.0.0.1:9000" in config
    assert re.findall(r"server (app\d) 127\.0\.0\.1:(\d+) check cookie (app\d)", config) == [
        ("app1", "9101", "app1"), ("app2", "9102", "app2"), ("app3", "9103", "app3")]
    for setting in ("cookie SERVERID insert", "option redispatch", "timeout tunnel", "GET /_stcore/health"):
        assert setting in config


def test_two_replicas_opening_an_empty_database_at_once_migrate_it_once(browser, cluster):
    """Each replica opens the store on its first page that needs it: send both at once."""
    from readiness.store.schema import SCHEMA_REVISION

    pages = [pinned(browser, cluster, r.name) for r in cluster.replicas]
    for page in pages:  # a join link opens the store to look the code up
        page.goto(f"{cluster.url}/join?code=ACDEFHJK", wait_until="commit")
    for page in pages:
        wait_ready(page)
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    assert sorted(served_by(p) for p in pages) == ["app1", "app2"]
    engine = sa.create_engine(cluster.database_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all() == [SCHEMA_REVISION]
    finally:
        engine.dispose()
    for page in pages:
        page.context.close()


def test_a_workshop_survives_the_participants_replica_dying(browser, cluster):
    host = pinned(browser, cluster, "app1")
    code = create_workshop(host, cluster.url, "Klynge A/S", "To servere")
    assert served_by(host) == "app1"

    phones = [pinned(browser, cluster, "app2", phone=True) for _ in FUNCTION]
    for i, p in enumerate(phones):
        p.goto(f"{cluster.url}/join?code={code}")
        wait_ready(p)
        p.locator(key("w.ws.join") + " button").click()
        expect(p.get_by_role("heading", name="Ejerskab", level=1)).to_be_visible()
        wait_ready(p)
        p.locator(key("w.ws.da.ownership.function")).get_by_text(FUNCTION[i], exact=True).click()
        wait_ready(p)  # the run that saved the answer has finished: it is acknowledged
        assert served_by(p) == "app2"
    links = [p.url for p in phones]
    assert all("p=" in link for link in links)

    cluster.replica_for("app2").stop(kill=True)  # kill -9, mid-workshop

    for i, p in enumerate(phones):
        p.goto(links[i])
        wait_ready(p)
        assert served_by(p) == "app1"  # redispatched, and pinned there from now on
        function = p.locator(key("w.ws.da.ownership.function"))
        expect(function.get_by_role("radio", name=FUNCTION[i], exact=True)).to_be_checked()
        p.locator(key("w.ws.da.ownership.sponsor")).get_by_text(SCALE_PARTLY, exact=True).click()
        wait_ready(p)
        for _ in range(6):
            p.locator(key("w.ws.next") + " button").click()
            wait_ready(p)
        p.locator(key("w.ws.finish") + " button").click()
        p.locator(key("w.ws.finish_anyway") + " button").click()  # the rest is unanswered: finish anyway
        expect(p.get_by_text("Tak! Vi har fået dine svar.")).to_be_visible()

    # the host, on the surviving replica all along, sees every participant finish
    expect(host.locator(key("ws-count-finished"))).to_contain_text("3", timeout=30_000)
    engine = sa.create_engine(cluster.database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.text(
                "SELECT count(*) FROM participant_answers a JOIN participants p ON p.id = a.participant_id "
                "WHERE a.question_id IN ('ownership.function', 'ownership.sponsor')")).scalar()
    finally:
        engine.dispose()
    assert rows == 6  # every acknowledged answer, from before and after the replica died
    for p in [host, *phones]:
        p.context.close()


def test_a_resume_link_made_on_one_replica_opens_everything_on_the_other(browser, cluster):
    alive = [r.name for r in cluster.replicas if r.alive()]
    if len(alive) < 2:  # the workshop test killed one: bring it back, as an orchestrator would
        dead = next(r for r in cluster.replicas if not r.alive())
        dead.launch()
        dead.wait()
    page = pinned(browser, cluster, "app1", "en-GB")
    page.goto(cluster.url + "/assess")
    wait_ready(page)
    page.locator(key("w.organisation") + " input").fill("Two Servers Ltd")
    page.keyboard.press("Enter")
    wait_ready(page)
    click_next(page)
    click_option(page, "ownership.function", "Recruitment", "en")
    click_option(page, "ownership.sponsor", "Mostly in place", "en")
    resume = page.url
    assert "a=" in resume and served_by(page) == "app1"
    page.context.close()

    other = pinned(browser, cluster, "app2", "en-GB")
    other.goto(resume)
    wait_ready(other)
    assert served_by(other) == "app2"
    expect(other.get_by_text("Welcome back")).to_be_visible()
    other.locator(key("w.en.jump")).click()
    other.get_by_role("option", name="2. Ownership").click()
    wait_ready(other)
    expect(other.locator(key("w.en.ownership.sponsor")).get_by_role("radio", name="Mostly in place")).to_be_checked()
    expect(other.locator(key("w.en.ownership.function")).get_by_role("radio", name="Recruitment")).to_be_checked()
    other.context.close()
