"""Follow-through over time: the answers file's predecessor and progress, check-ins, follow-ups, compare."""

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from readiness.answers import AnswersError, StatusChange, dumps, parse_answers_file
from readiness.compare import compare
from readiness.progress import (
    checkin_dates,
    keep_until,
    next_checkin,
    progress_view,
    record_statuses,
    start_followup,
    status_since,
)
from readiness.roadmap import build_roadmap
from readiness.scoring import score

SERIES = Path(__file__).resolve().parents[1] / "fixtures" / "series"


def load(bank, name):
    return parse_answers_file(bank, (SERIES / name).read_bytes())


@pytest.fixture
def earlier(bank):
    return load(bank, "earlier.json")


@pytest.fixture
def later(bank):
    return load(bank, "later.json")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_half_a_year_on_with_an_owner_the_no_owner_blocker_is_resolved_and_ownership_is_up(bank, earlier, later, lang):
    c = compare(bank, earlier, later, lang)
    assert c.blockers.resolved == ("no_owner",)
    assert c.blockers.new == () and c.blockers.remaining == ()
    by_id = {s.id: s for s in c.sections}
    assert by_id["ownership"].delta > 0
    assert all(s.delta == 0 for s in c.sections if s.id != "ownership")
    assert c.earlier.level_id == score(bank, earlier.answers, lang).level.id
    assert c.later.level_id == score(bank, later.answers, lang).level.id
    assert c.overall_delta == round(c.later.overall - c.earlier.overall, 1)
    assert "ownership.goals" in c.gaps_closed  # "don't know" then, answered now
    assert c.messages["no_owner"] == next(b.message for b in score(bank, earlier.answers, lang).blockers)


def test_the_bank_knows_which_questions_an_older_version_lacked(bank):
    assert bank.lacked_by(bank.version) == bank.lacked_by(None) == frozenset()
    assert bank.lacked_by("2026.11.1") == frozenset(q.id for q in bank.questions.values()
                                                   if q.added_in and q.added_in > "2026.11.1")


def test_the_same_file_twice_shows_no_change(bank, later):
    c = compare(bank, later, later)
    assert not c.changed
    assert c.overall_delta == 0 and all(s.delta == 0 for s in c.sections)
    assert c.blockers.resolved == c.blockers.new == ()


def test_swapped_the_no_owner_blocker_is_new(bank, earlier, later):
    c = compare(bank, later, earlier)
    assert c.blockers.new == ("no_owner",)
    assert c.blockers.resolved == ()
    assert c.sections[0].delta < 0


def test_roadmap_progress_counts_the_later_files_statuses_and_done_actions_that_no_longer_fire(bank, earlier, later):
    c = compare(bank, earlier, later, as_of=dt.date(2026, 7, 14))
    roadmap = build_roadmap(bank, later)
    assert c.counts["doing"] == sum(a.status == "doing" for a in roadmap.actions) == 1
    assert c.counts["done"] >= 1
    gone = later.replace(edits=later.edits, predecessor=dataclasses.replace(
        later.predecessor, statuses={**later.predecessor.statuses, "make_voluntary": "done"}))
    assert compare(bank, earlier, gone, as_of=dt.date(2026, 7, 14)).counts["done"] == c.counts["done"] + 1


def test_overdue_is_judged_on_the_later_saved_at_unless_a_day_is_given(bank, earlier, later):
    assert compare(bank, earlier, later).as_of == dt.date(2026, 7, 14)
    late = compare(bank, earlier, later, as_of=dt.date(2027, 6, 1))
    assert late.overdue and all(a.end < dt.date(2027, 6, 1) and a.status in ("todo", "doing") for a in late.overdue)
    assert compare(bank, earlier, later, as_of=dt.date(2026, 7, 14)).overdue == ()


def test_questions_an_older_bank_lacked_do_not_count_against_the_earlier_score(bank, earlier, monkeypatch):
    partial = earlier.replace(answers={"ownership.function": "hr", "ownership.owner_time": "fully"})
    newer = [q for q in bank.section_by_id["ownership"].questions if q.id not in partial.answers]
    monkeypatch.setattr(type(bank), "lacked_by", lambda self, version: frozenset(
        q.id for q in newer) if version == "2020.1" else frozenset())  # as if added since 2020.1
    same_bank = compare(bank, partial, partial)
    older = compare(bank, partial.replace(bank_version="2020.1"), partial)
    assert older.earlier.overall > same_bank.earlier.overall
    assert {s.id: s.earlier for s in older.sections}["ownership"] == 100.0


# -- the answers file ---------------------------------------------------------------------------


def test_predecessor_and_progress_travel_in_the_answers_file(bank, later):
    again = parse_answers_file(bank, dumps(bank, later))
    assert again.predecessor == later.predecessor
    assert again.progress == later.progress
    assert again.progress["appoint_owner"][-1] == StatusChange("done", dt.date(2026, 3, 12))
    doc = json.loads(dumps(bank, later))
    assert "predecessor" not in doc["roadmap"] and "progress" not in doc["roadmap"]


def test_an_old_file_without_the_new_keys_still_loads_and_writes_none_of_them(bank, earlier):
    assert earlier.predecessor is None and earlier.progress == {}
    doc = json.loads(dumps(bank, earlier))
    assert "predecessor" not in doc and "progress" not in doc


@pytest.mark.parametrize("patch, where", [
    ({"predecessor": {"predecessor": {}}}, "predecessor.predecessor"),
    ({"predecessor": {"statuses": {"appoint_owner": "finished"}}}, "predecessor.statuses.appoint_owner"),
    ({"predecessor": {"saved_at": 5}}, "predecessor.saved_at"),
    ({"progress": {"appoint_owner": [{"status": "done"}]}}, "progress.appoint_owner[0].date"),
    ({"progress": {"appoint_owner": [{"status": "done", "date": "2026-02-30"}]}}, "progress.appoint_owner[0].date"),
    ({"progress": {"appoint_owner": {"status": "done"}}}, "progress.appoint_owner"),
    ({"progress": {"Bad Id!": []}}, "progress.Bad Id!"),
])
def test_a_bad_predecessor_or_progress_is_rejected_naming_the_field(bank, patch, where):
    doc = {"format": "readiness-answers/1", "answers": {}, **patch}
    with pytest.raises(AnswersError) as err:
        parse_answers_file(bank, json.dumps(doc))
    assert str(err.value).startswith(where)


def test_predecessor_answers_that_no_longer_fit_the_bank_are_left_out(bank):
    doc = {"format": "readiness-answers/1", "answers": {},
           "predecessor": {"answers": {"ownership.function": "hr", "gone.question": "x", "ownership.sponsor": "nope"}}}
    assert parse_answers_file(bank, json.dumps(doc)).predecessor.answers == {"ownership.function": "hr"}


# -- progress and check-ins ----------------------------------------------------------------------


def test_a_check_in_dates_confirmed_and_changed_statuses_and_the_page_counts_them(bank, later):
    roadmap = build_roadmap(bank, later)
    open_ids = [a.id for a in roadmap.actions if a.status in ("todo", "doing") and a.id not in later.progress]
    day = dt.date(2026, 8, 14)
    checked = record_statuses(bank, later, roadmap, {open_ids[0]: "done", open_ids[1]: "todo"}, day)
    after = build_roadmap(bank, checked)
    statuses = {a.id: a.status for a in after.actions}
    assert statuses[open_ids[0]] == "done"
    assert checked.progress[open_ids[1]][-1] == StatusChange("todo", day)  # confirmed, dated
    assert status_since(checked.progress, open_ids[0], "done") == day
    view = progress_view(bank, checked, after, day)
    assert view.counts["done"] == sum(s == "done" for s in statuses.values())
    assert view.last_checkin == day
    assert view.next_checkin == day + dt.timedelta(days=30)
    assert sum(p.done for p in view.phases) == view.counts["done"]
    with pytest.raises(ValueError):
        record_statuses(bank, later, roadmap, {"no-such-action": "done"}, day)


def test_overdue_actions_come_first_and_next_due_are_open(bank, later):
    roadmap = build_roadmap(bank, later)
    view = progress_view(bank, later, roadmap, dt.date(2027, 1, 1))
    assert view.overdue and view.actions[: len(view.overdue)] == view.overdue
    assert all(i.action.status in ("todo", "doing") and not i.overdue for i in view.next_due)


def test_monthly_check_ins_run_until_the_re_assessment_and_the_store_keeps_it_90_days_after(bank, later):
    roadmap = build_roadmap(bank, later)
    dates = checkin_dates(roadmap)
    assert dates[0] == roadmap.start + dt.timedelta(days=30)
    assert all(d < roadmap.reassess_on for d in dates) and len(dates) >= 5
    assert keep_until(roadmap) == roadmap.reassess_on + dt.timedelta(days=90)
    assert next_checkin(later.replace(progress={}), roadmap, roadmap.reassess_on) is None


@pytest.mark.parametrize("prefill", [True, False])
def test_a_follow_up_is_linked_prefilled_or_blank_and_carries_the_statuses_over(bank, later, prefill):
    roadmap = build_roadmap(bank, later)
    follow = start_followup(bank, later, roadmap, prefill=prefill, today=dt.date(2027, 1, 15))
    assert follow.predecessor.saved_at == later.saved_at
    assert follow.predecessor.statuses == {a.id: a.status for a in roadmap.actions}
    assert (follow.answers == later.answers) is prefill
    assert follow.roadmap_start == dt.date(2027, 1, 15)
    carried = {a.id: a.status for a in build_roadmap(bank, follow).actions}
    if prefill:
        assert carried["write_goals_kpis"] == "done" and carried["time_agreement"] == "doing"
    again = parse_answers_file(bank, dumps(bank, follow))
    assert again.predecessor.answers == follow.predecessor.answers
    assert json.loads(dumps(bank, follow))["predecessor"].get("predecessor") is None


@pytest.mark.parametrize("lang, word", [("da", "Månedligt tjek"), ("en", "Monthly check-in")])
def test_the_calendar_holds_the_re_assessment_and_the_monthly_check_ins(bank, later, lang, word):
    import icalendar

    from readiness.export import followup_reminders, roadmap_ics

    roadmap = build_roadmap(bank, later, lang)
    reminders = followup_reminders(roadmap, "Fjordhavn", lang)
    data = roadmap_ics(roadmap, "x", "seed", dt.datetime(2026, 11, 28, tzinfo=dt.UTC), reminders=reminders)
    events = list(icalendar.Calendar.from_ical(data).walk("VEVENT"))
    assert len(events) == len(roadmap.actions) + len(checkin_dates(roadmap)) + 1
    checkins = sorted(e.decoded("DTSTART") for e in events if str(e["SUMMARY"]).startswith(word))
    assert checkins == list(checkin_dates(roadmap))
    assert any(e.decoded("DTSTART") == roadmap.reassess_on and "Fjordhavn" in str(e["SUMMARY"])
               and not str(e["SUMMARY"]).startswith(word) for e in events)
    assert len({str(e["UID"]) for e in events}) == len(events)

