"""The gap page of the group PDF and deck, and the side-by-side page (issue 15): what a group shows,
and that no group figure from fewer than the threshold is printed."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest

from readiness.brand import DEFAULT_BRAND
from readiness.groups import Group, GroupSetup, group_view, with_gaps
from readiness.plan import build_plan
from readiness.side_by_side import Comparison, side_by_side
from readiness.store import Response
from readiness.workshop import aggregate, agreed_assessment, group_report
from tests.reports.conftest import TODAY, build

OWNERSHIP = ("ownership.owner_time", "ownership.sponsor", "ownership.goals", "ownership.strategy_link",
             "ownership.budget")
SETUP = GroupSetup((Group("top", "Top management"), Group("mgr", "Middle managers"), Group("emp", "Zeta crew"),
                    Group("hr", "Quill team")))


def _room(spec):
    responses, groups = [], {}
    for i, (gid, option) in enumerate(spec, 1):
        responses.append(Response(i, None, True, {q: option for q in OWNERSHIP}))
        groups[i] = gid
    return responses, groups


TEN = [("top", "fully")] * 4 + [("mgr", "partly")] * 3 + [("emp", "none")] * 2 + [(None, "none")]


def _report(bank, responses, groups, lang, comparison=None):
    agg = aggregate(bank, responses)
    assessment = agreed_assessment(bank, {}, organisation="Fjordhavn A/S", language=lang, suggested=agg.suggested())
    group = group_report(agg, title="Kick-off", anonymous=True, agreed={}, notes={}, date=dt.date(2026, 11, 28))
    return assessment, with_gaps(group, group_view(bank, responses, groups, SETUP), comparison)


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize("lang, title, gap", [
    ("en", "Where the groups differ", "50 points between Top management (100) and Middle managers (50)"),
    ("da", "Hvor grupperne ser forskelligt", "50 point mellem Top management (100) og Middle managers (50)")])
def test_the_gap_page_shows_the_groups_of_4_and_3_and_never_the_2(bank, report_dir, lang, title, gap):
    responses, groups = _room(TEN)
    other = [Response(100 + i, None, True, {q: "started" for q in OWNERSHIP}) for i in range(3)]
    comparison = Comparison("Kick-off", "Staff session", side_by_side(bank, responses, other))
    assessment, group = _report(bank, responses, groups, lang, comparison)
    built = build(bank, assessment, "gaps", report_dir, lang, group=group)
    text = _pdf_text(built.path)
    assert title in text
    assert "Top management (4)" in text and "Middle managers (3)" in text
    assert "Zeta crew" not in text and "Quill team" not in text
    assert gap in " ".join(text.split())  # the ownership gap, 100 - 50
    # side by side: the whole room's ownership mean (4 x 100 + 3 x 50 + 3 x 0) / 10 = 55 against 25
    assert "Staff session" in text and "+30" in text


def test_no_group_page_figures_when_the_rest_would_give_one_away(bank, report_dir):
    responses, groups = _room([("top", "fully")] * 4 + [("mgr", "partly")] * 3 + [("emp", "none")])
    assessment, group = _report(bank, responses, groups, "en")
    text = _pdf_text(build(bank, assessment, "gaps-disclosure", report_dir, "en", group=group).path)
    assert "Top management (4)" in text
    assert "Middle managers" not in text and "Zeta crew" not in text


def test_the_deck_has_a_gap_slide_with_only_the_groups_shown(bank):
    from pptx import Presentation

    from reports.pptx import workshop_pptx

    responses, groups = _room(TEN)
    assessment, group = _report(bank, responses, groups, "en")
    data = workshop_pptx(build_plan(bank, assessment, "en", today=TODAY), group, bank, brand=DEFAULT_BRAND, today=TODAY)
    slides = list(Presentation(io.BytesIO(data)).slides)
    gap = [s for s in slides if s.shapes.title is not None and s.shapes.title.text == "Where the groups differ"]
    assert len(gap) == 1
    chart = next(shape.chart for shape in gap[0].shapes if shape.has_chart)
    assert [series.name for series in chart.plots[0].series] == ["Top management (4)", "Middle managers (3)"]
    assert list(chart.plots[0].series[0].values)[0] == 100.0
    assert "Ownership" in gap[0].notes_slide.notes_text_frame.text
    assert b"Zeta crew" not in data and b"Quill team" not in data
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
                      if name.endswith(".xml"))
    assert "Zeta crew" not in xml and "Middle managers (3)" in xml


def test_a_workshop_without_groups_gets_no_gap_page(bank, report_dir):
    responses, _ = _room(TEN)
    agg = aggregate(bank, responses)
    assessment = agreed_assessment(bank, {}, organisation="Fjordhavn A/S", language="en", suggested=agg.suggested())
    group = group_report(agg, title="Kick-off", anonymous=True, agreed={}, notes={})
    assert with_gaps(group, None) is group
    text = _pdf_text(build(bank, assessment, "no-gaps", report_dir, "en", group=group).path)
    assert "Where the groups differ" not in text
