"""The roadmap as a spreadsheet and as calendar events: complete, correct, and formula-safe."""

from __future__ import annotations

import datetime as dt
import io

import icalendar
import openpyxl
import pytest

from readiness.answers import Assessment, RoadmapEdits
from readiness.export import roadmap_ics, roadmap_xlsx, safe_cell
from readiness.roadmap import add_action, build_roadmap
from readiness.samples import worst_answers

HEADERS = {c: c.title() for c in ("id", "title", "phase", "owner", "start", "end", "status", "kpi", "why")}
HOSTILE = ["=HYPERLINK(\"http://evil\")", "+45 12 34", "-1+2", "@SUM(A1)", "\tcmd", "\rcmd", "Ærø – “ok”", "😀", "שלום"]


@pytest.fixture
def roadmap(bank):
    edits = RoadmapEdits()
    for i, title in enumerate(HOSTILE):
        edits = add_action(edits, {"title": title, "owner": title, "start": f"2027-03-{i + 1:02d}",
                                   "end": f"2027-03-{i + 2:02d}", "why": "a;b,c\\d\nnew line"})
    return build_roadmap(bank, Assessment(answers=worst_answers(bank), edits=edits), "en", dt.date(2027, 1, 4))


@pytest.mark.parametrize("value, expected", [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"),
                                             ("\tx", "'\tx"), ("\rx", "'\rx"), ("ok", "ok"), (5, 5), ("", "")])
def test_safe_cell_neutralises_formula_starts(value, expected):
    assert safe_cell(value) == expected


def test_the_spreadsheet_holds_every_action_with_real_dates_and_no_formulas(roadmap):
    data = roadmap_xlsx(roadmap, HEADERS, {p.id: p.name for p in roadmap.phases}, {"todo": "To do"})
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == tuple(HEADERS.values())
    assert len(rows) - 1 == len(roadmap.actions)
    by_id = {r[0]: r for r in rows[1:]}
    for action in roadmap.actions:
        row = by_id[action.id]
        assert row[4].date() == action.start and row[5].date() == action.end
    for cell in (c for row in ws.iter_rows() for c in row):
        assert cell.data_type != "f", f"formula in {cell.coordinate}: {cell.value!r}"
        if isinstance(cell.value, str):
            assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_the_calendar_imports_with_one_all_day_event_per_action(roadmap):
    data = roadmap_ics(roadmap, "Fjordhavn – Køreplan", "seed", dt.datetime(2026, 11, 28, tzinfo=dt.UTC))
    assert all(len(line.encode()) <= 75 for line in data.decode().split("\r\n"))
    cal = icalendar.Calendar.from_ical(data)
    events = [e for e in cal.walk("VEVENT")]
    assert len(events) == len(roadmap.actions)
    def clean(text):  # control characters have no place in a calendar title
        return "".join(ch for ch in text if ch == "\n" or ord(ch) >= 32)

    got = sorted((str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND")) for e in events)
    # DTEND is exclusive for all-day events; recurring work is a one-day event repeating until its end
    want = sorted((clean(a.title), a.start, (a.start if a.every_weeks else a.end) + dt.timedelta(days=1))
                  for a in roadmap.actions)
    assert got == want
    recurring = [e for e in events if "RRULE" in e]
    assert recurring and len(recurring) == sum(1 for a in roadmap.actions if a.every_weeks)
    custom = next(e for e in events if str(e["SUMMARY"]) == "Ærø – “ok”")
    assert "a;b,c\\d\nnew line" in str(custom["DESCRIPTION"])
    assert str(cal["X-WR-CALNAME"]) == "Fjordhavn – Køreplan"


def test_calendar_event_ids_are_stable_across_exports(roadmap):
    first = roadmap_ics(roadmap, "x", "seed", dt.datetime(2026, 11, 28, tzinfo=dt.UTC))
    second = roadmap_ics(roadmap, "x", "seed", dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    uids = [line for line in first.decode().split("\r\n") if line.startswith("UID:")]
    assert uids == [line for line in second.decode().split("\r\n") if line.startswith("UID:")]
    assert len(set(uids)) == len(uids)
