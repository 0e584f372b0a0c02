"""Groups in the workshop's pages (issue 15): set-up, the phone's choice, the host's "by group" view with
its anonymity rules, the settings, and two workshops side by side."""

from __future__ import annotations

import json

import pytest

from readiness.groups import GroupSetup, default_groups
from readiness.store import get_store, presenter_key
from tests.app.conftest import new_app
from tests.app.test_workshop_pages import HOST, JOIN, PRESENT, _host, _tab, _texts
from ui.workshop import host_url

OWNERSHIP = ("ownership.owner_time", "ownership.sponsor", "ownership.goals", "ownership.strategy_link",
             "ownership.budget")


@pytest.fixture
def store(database):
    return get_store(database)


def _phones(store, workshop, spec):
    """Participants who answer every ownership statement and finish: [(group id or None, option), ...]."""
    for gid, option in spec:
        token = store.join_workshop(workshop.code)
        if gid is not None:
            store.set_participant_group(token, gid)
        for qid in OWNERSHIP:
            store.save_participant_answer(token, qid, option)
        store.set_finished(token)


def _grouped(store, title="Groups"):
    workshop, host = store.create_workshop("Org", title, "en")
    store.set_workshop_groups(workshop.id, GroupSetup(default_groups("en")))
    return workshop, host


def _by_group(at):
    at.session_state["w.en.ws.host_tab"] = "By group"
    at.run()
    assert not at.exception, at.exception
    return at


def _shown_line(at) -> str:
    return "\n".join(str(m.value) for m in at.get("markdown") if "Shown:" in str(m.value))


def _chart_groups(at) -> list[str]:
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        if spec["layout"].get("barmode") == "group":
            return [trace["name"] for trace in spec["data"]]
    return []


def _compare_table(at):
    return next((d.value for d in at.dataframe if "Difference" in d.value.columns), None)


def test_creating_a_workshop_with_the_default_groups_and_a_higher_threshold(store):
    at = new_app("en-GB")
    at.switch_page(HOST).run()
    at.text_input(key="w.ws.organisation").input("Fjordhavn A/S").run()
    at.toggle(key="w.ws.groups.on").set_value(True).run()
    assert at.text_area(key="w.ws.groups.labels").value.splitlines() == [
        "Top management", "Managers", "Employees", "HR and communication"]
    at.button_group(key="w.ws.groups.threshold").set_value(4).run()
    at.button(key="w.ws.create").click().run()
    assert not at.exception, at.exception
    workshop = store.workshop_by_host_token(at.query_params["h"])
    assert store.workshop_groups(workshop.id) == GroupSetup(default_groups("en"), 4)


def test_ten_phones_in_groups_of_4_3_and_2_plus_one_rather_not_say(store):
    workshop, host = _grouped(store)
    _phones(store, workshop, [("top", "fully")] * 4 + [("managers", "partly")] * 3 + [("employees", "none")] * 2
            + [(None, "none")])
    at = _by_group(_host(host))
    shown = _shown_line(at)
    assert "Top management (4)" in shown and "Managers (3)" in shown
    assert "Employees" not in shown and "3 participants are not shown by group" in shown
    assert _chart_groups(at) == ["Top management", "Managers"]
    text = _texts(at)
    assert "50 points between Top management (100) and Managers (50)" in text
    assert "What this gap usually means" in text
    assert "Employees (2)" not in text


def test_a_further_group_is_hidden_when_the_rest_would_give_one_person_away(store):
    workshop, host = _grouped(store, "Disclosure")
    _phones(store, workshop, [("top", "fully")] * 4 + [("managers", "partly")] * 3 + [("employees", "none")])
    at = _by_group(_host(host))
    shown = _shown_line(at)
    assert "Top management (4)" in shown and "Managers" not in shown and "4 participants are not shown" in shown
    assert _chart_groups(at) == ["Top management"]
    assert "Fewer than two groups can be shown" in _texts(at)


def test_too_few_shows_nothing_by_group_and_a_workshop_without_groups_says_so(store):
    workshop, host = _grouped(store, "Few")
    _phones(store, workshop, [("top", "fully")] * 2)
    at = _by_group(_host(host))
    assert "No group can be shown yet" in _texts(at) and not _chart_groups(at)
    plain, plain_host = store.create_workshop("Org", "Plain", "en")
    at = _by_group(_host(plain_host))
    assert "This workshop has no groups" in _texts(at)


def test_the_phone_picks_a_group_and_neither_phone_nor_projector_shows_figures_by_group(store):
    workshop, host = _grouped(store, "Phones")
    store.update_workshop(workshop.id, show_results=True)
    _phones(store, workshop, [("top", "fully")] * 4 + [("managers", "partly")] * 3)
    at = new_app("en-GB")
    at.query_params["code"] = workshop.code
    at.switch_page(JOIN).run()
    choice = at.radio(key="w.ws.groups.choice")
    assert list(choice.options) == ["Top management", "Managers", "Employees", "HR and communication",
                                    "Rather not say"]
    choice.set_value("managers").run()
    at.button(key="w.ws.join").click().run()
    assert not at.exception, at.exception
    assert store.participant_group(at.query_params["p"]) == "managers"
    at.session_state["ra.ws.step"] = 7
    at.run()
    for label in ("Top management", "Managers"):
        assert label not in _texts(at)
    screen = new_app("en-GB")
    screen.query_params["code"] = workshop.code
    screen.query_params["k"] = presenter_key(host)
    screen.switch_page(PRESENT).run()
    assert not screen.exception and "Top management" not in _texts(screen)


def test_rather_not_say_leaves_the_participant_without_a_group(store):
    workshop, _ = _grouped(store, "Shy")
    at = new_app("en-GB")
    at.query_params["code"] = workshop.code
    at.switch_page(JOIN).run()
    at.radio(key="w.ws.groups.choice").set_value("_none").run()
    at.button(key="w.ws.join").click().run()
    assert store.participant_group(at.query_params["p"]) is None


def test_settings_edit_groups_until_somebody_joins_then_only_raise_the_threshold(store):
    workshop, host = store.create_workshop("Org", "Edit", "en")
    at = _tab(_host(host), "manage")
    at.text_area(key="w.ws.groups.labels").set_value("Sales\nService\n").run()
    at.button(key="w.ws.groups.save").click().run()
    setup = store.workshop_groups(workshop.id)
    assert [g.label for g in setup.groups] == ["Sales", "Service"] and setup.threshold == 3
    store.join_workshop(workshop.code)
    at = _tab(_host(host), "manage")
    assert not [w for w in at.text_area if w.key == "w.ws.groups.labels"]  # no more editing the names
    assert "Somebody has joined" in _texts(at)
    at.button_group(key="w.ws.groups.threshold").set_value(5).run()
    at.button(key="w.ws.groups.save").click().run()
    assert store.workshop_groups(workshop.id).threshold == 5


def test_two_workshops_side_by_side_need_the_other_host_link(store):
    first, first_host = store.create_workshop("Org", "Management", "en")
    second, second_host = store.create_workshop("Org", "Employees session", "en")
    _phones(store, first, [(None, "fully")] * 3)
    _phones(store, second, [(None, "partly")] * 4)
    at = _by_group(_host(first_host))
    at.text_input(key="w.ws.groups.compare").input(f"{host_url(second_host)}").run()
    assert not at.exception, at.exception
    table = _compare_table(at)
    assert list(table.iloc[0]) == ["Ownership", "100", "50", "+50"]
    assert "Management and Employees session" in _texts(at)
    at.text_input(key="w.ws.groups.compare").input(f"https://x/join?code={second.code}").run()
    assert "That link opens no workshop" in _texts(at)
    assert _compare_table(at) is None
    at.text_input(key="w.ws.groups.compare").input(second.code).run()  # the join code alone opens nothing
    assert "That link opens no workshop" in _texts(at)
    at.text_input(key="w.ws.groups.compare").input(host_url(first_host)).run()
    assert "That is this workshop" in _texts(at)


@pytest.mark.parametrize("locale, words", [("en-GB", "Groups in workshops"), ("da-DK", "Grupper i workshops")])
def test_the_privacy_page_lists_the_group_as_personal_data(locale, words):
    at = new_app(locale)
    at.switch_page("pages/privacy.py").run()
    assert not at.exception, at.exception
    assert words in _texts(at)


def test_the_group_pdf_built_on_click_has_the_gap_page_and_the_comparison(store):
    import subprocess

    from readiness.brand import DEFAULT_BRAND
    from ui.workshop_host import group_pdf_builder

    workshop, host = _grouped(store, "Kick-off")
    _phones(store, workshop, [("top", "fully")] * 4 + [("managers", "partly")] * 3 + [("employees", "none")] * 2
            + [(None, "none")])
    other, other_host = store.create_workshop("Org", "Staff session", "en")
    _phones(store, other, [(None, "started")] * 3)
    data = group_pdf_builder(workshop.id, "en", DEFAULT_BRAND, other_host)()
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    assert "Where the groups differ" in text and "Top management (4)" in text and "Managers (3)" in text
    assert "Employees (2)" not in text
    assert "Two workshops side by side" in text and "Staff session" in text
    plain = group_pdf_builder(workshop.id, "en", DEFAULT_BRAND, "not a host token")()
    assert b"Staff session" not in plain


def test_group_names_are_shown_as_text_never_as_markup(store):
    from readiness.groups import Group

    hostile = "**Bold** <b>x</b> www.evil.example"
    workshop, host = store.create_workshop("Org", "Hostile", "en")
    store.set_workshop_groups(workshop.id, GroupSetup((Group("a", hostile), Group("b", "Plain"))))
    at = new_app("en-GB")
    at.query_params["code"] = workshop.code
    at.switch_page(JOIN).run()
    from ui.components import escape_markdown

    assert at.radio(key="w.ws.groups.choice").options[0] == escape_markdown(hostile)
    _phones(store, workshop, [("a", "fully")] * 3 + [("b", "none")] * 3)
    at = _by_group(_host(host))
    assert _chart_groups(at) == ["**Bold** &lt;b&gt;x&lt;/b&gt; www.evil.example", "Plain"]
    assert escape_markdown(hostile) in _shown_line(at)


def test_the_view_by_group_and_its_pdf_move_only_in_batches_of_the_threshold(store):
    import subprocess

    from readiness.brand import DEFAULT_BRAND
    from ui.workshop_host import group_pdf_builder

    workshop, host = _grouped(store, "Batches")
    _phones(store, workshop, [("top", "fully")] * 4 + [("managers", "partly")] * 3)
    at = _by_group(_host(host))
    assert "Top management (4)" in _shown_line(at)
    _phones(store, workshop, [("top", "none")])  # one more: nothing moves, so nobody's answer shows as a change
    at = _by_group(_host(host))
    assert "Top management (4)" in _shown_line(at)

    def pdf_text():
        data = group_pdf_builder(workshop.id, "en", DEFAULT_BRAND)()
        return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()

    assert "Top management (4)" in pdf_text()  # nor in a PDF downloaded again
    _phones(store, workshop, [("top", "none"), ("managers", "none")])  # three since the snapshot: it moves
    at = _by_group(_host(host))
    assert "Top management (6)" in _shown_line(at) and "Managers (4)" in _shown_line(at)
    assert "Top management (6)" in pdf_text()
