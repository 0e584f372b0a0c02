import datetime as dt

import pytest

from readiness.answers import Assessment, RoadmapEdits
from readiness.roadmap import (
    add_action,
    avoid_holidays,
    build_roadmap,
    edit_action,
    remove_action,
    resolve_start,
)
from readiness.samples import best_answers, worst_answers

START = dt.date(2027, 1, 4)


def _plan(bank, answers, start=START):
    return build_roadmap(bank, Assessment(answers=answers), "en", start=start)


def test_phases_run_back_to_back_from_the_start_and_never_overlap(bank):
    roadmap = _plan(bank, worst_answers(bank))
    assert roadmap.phases[0].start == START
    for a, b in zip(roadmap.phases, roadmap.phases[1:]):
        assert a.end < b.start
        assert b.start - a.end == dt.timedelta(days=1)
    for phase, spec in zip(roadmap.phases, bank.meta.phases):
        assert (phase.end - phase.start).days + 1 == 7 * spec.weeks


def test_start_date_order_is_override_then_saved_then_context_then_today(bank):
    today = dt.date(2026, 11, 28)
    base = Assessment(answers={"context.start_date": "2027-03-01"})
    assert resolve_start(base.replace(roadmap_start=dt.date(2027, 2, 1)), "2027-05-03", today) == dt.date(2027, 5, 3)
    assert resolve_start(base.replace(roadmap_start=dt.date(2027, 2, 1)), None, today) == dt.date(2027, 2, 1)
    assert resolve_start(base, None, today) == dt.date(2027, 3, 1)
    assert resolve_start(Assessment(), None, today) == today


def test_every_action_lies_within_dates_and_has_an_owner_kpi_and_reason(bank):
    roadmap = _plan(bank, worst_answers(bank))
    assert len(roadmap.actions) >= 10
    for a in roadmap.actions:
        assert a.start <= a.end
        assert a.start >= START
        assert a.title and a.why and a.kpi and a.owner
        assert a.status == "todo"


def test_actions_are_ordered_by_phase_then_date_then_priority(bank):
    roadmap = _plan(bank, worst_answers(bank))
    order = [p.id for p in bank.meta.phases]
    keys = [(order.index(a.phase), a.start, a.priority) for a in roadmap.actions]
    assert keys == sorted(keys)


def test_gaps_fire_actions_and_each_action_says_which_answers_triggered_it(bank):
    roadmap = _plan(bank, worst_answers(bank))
    ids = {a.id for a in roadmap.actions}
    assert {"executive_sponsor", "write_goals_kpis", "positive_policy", "content_calendar"} <= ids
    sponsor = next(a for a in roadmap.actions if a.id == "executive_sponsor")
    assert any(tr.question == "ownership.sponsor" for tr in sponsor.triggers)


def test_the_best_answers_fire_no_gap_actions_only_the_standing_ones(bank):
    roadmap = _plan(bank, best_answers(bank))
    always = {r.id for r in bank.rules.actions if r.when.always}
    assert always <= {a.id for a in roadmap.actions}
    assert len(roadmap.actions) <= len(always) + 2
    for action in roadmap.actions:
        assert not any(tr.question and bank.questions[tr.question].is_scored for tr in action.triggers), action.id


def test_red_flags_drive_roadmap_actions(bank):
    answers = best_answers(bank) | {"content.freedom": "ready_made", "cadence.frequency": "daily",
                                    "platforms.start": ["linkedin", "instagram", "tiktok"],
                                    "content.sources": ["videos"], "training.consent_routine": "none"}
    ids = {a.id for a in _plan(bank, answers).actions}
    assert {"suggestions_not_scripts", "steady_digest", "narrow_platforms", "consent_routine"} <= ids


def test_owner_defaults_to_the_owning_function_and_falls_back_when_undecided(bank):
    answers = worst_answers(bank) | {"ownership.function": "hr"}
    owners = {a.owner for a in _plan(bank, answers).actions}
    assert "HR" in owners
    undecided = worst_answers(bank) | {"ownership.function": "undecided"}
    owners = {a.owner for a in _plan(bank, undecided).actions}
    assert any(o.startswith(bank.rules.owner_fallback.en + " (appointed by ") for o in owners)


def test_pilot_size_follows_the_organisation_size(bank):
    def pilot(employees):
        answers = worst_answers(bank) | {"context.employees": employees}
        return next(a for a in _plan(bank, answers).actions if a.id == "recruit_pilot")

    small, large = pilot(40), pilot(4000)
    assert small.title + small.why != large.title + large.why
    assert "100" in large.title + large.why


def test_no_action_starts_in_the_summer_holiday_and_the_move_is_explained(bank):
    roadmap = _plan(bank, worst_answers(bank), start=dt.date(2027, 7, 1))
    assert roadmap.phases[0].start == dt.date(2027, 7, 1)
    for a in roadmap.actions:
        assert a.start.month != 7
    moved = [a for a in roadmap.actions if a.moved]
    assert moved and "August" in moved[0].moved


@pytest.mark.parametrize("day, expected", [
    (dt.date(2027, 12, 24), dt.date(2028, 1, 2)),
    (dt.date(2028, 1, 1), dt.date(2028, 1, 2)),
    (dt.date(2027, 7, 15), dt.date(2027, 8, 1)),
    (dt.date(2027, 6, 30), dt.date(2027, 6, 30)),
])
def test_holiday_avoidance_moves_to_the_first_day_after(bank, day, expected):
    assert avoid_holidays(bank.meta.holidays, day)[0] == expected


def test_edits_are_applied_on_top_of_the_generated_plan(bank):
    answers = worst_answers(bank)
    generated = {a.id: a for a in _plan(bank, answers).actions}
    edits = edit_action(bank, RoadmapEdits(), generated, "executive_sponsor", {"status": "doing", "owner": "Mette"})
    edits = remove_action(edits, "content_calendar")
    edits = add_action(edits, {"title": "Intern lancering", "start": "2027-02-01", "end": "2027-02-05"})
    roadmap = build_roadmap(bank, Assessment(answers=answers, edits=edits), "en", START)
    by_id = {a.id: a for a in roadmap.actions}
    assert by_id["executive_sponsor"].status == "doing"
    assert by_id["executive_sponsor"].owner == "Mette"
    assert by_id["executive_sponsor"].edited == ("owner", "status")
    assert "content_calendar" not in by_id
    assert by_id["custom-1"].title == "Intern lancering"
    assert by_id["custom-1"].origin == "added"


def test_an_edit_of_an_action_that_no_longer_fires_is_dropped_with_it(bank):
    worst = worst_answers(bank)
    generated = {a.id: a for a in _plan(bank, worst).actions}
    edits = edit_action(bank, RoadmapEdits(), generated, "executive_sponsor", {"status": "done"})
    edits = remove_action(edits, "content_calendar")
    edits = add_action(edits, {"title": "Egen", "start": "2027-02-01", "end": "2027-02-05"})
    roadmap = build_roadmap(bank, Assessment(answers=best_answers(bank), edits=edits), "en", START)
    ids = {a.id for a in roadmap.actions}
    assert "executive_sponsor" not in ids
    assert roadmap.dropped_edits == ("executive_sponsor",)
    assert "custom-1" in ids
    again = build_roadmap(bank, Assessment(answers=worst, edits=edits), "en", START)
    assert "content_calendar" not in {a.id for a in again.actions}


def test_an_edit_back_to_the_generated_value_is_not_stored(bank):
    generated = {a.id: a for a in _plan(bank, worst_answers(bank)).actions}
    original = generated["executive_sponsor"].owner
    edits = edit_action(bank, RoadmapEdits(), generated, "executive_sponsor", {"owner": "Mette"})
    edits = edit_action(bank, edits, generated, "executive_sponsor", {"owner": original})
    assert edits.empty


def test_reassessment_date_is_the_reassessment_action_and_follows_the_bank_without_it(bank):
    roadmap = _plan(bank, worst_answers(bank))
    assert roadmap.reassess_on == next(a.start for a in roadmap.actions if a.id == "reassess")
    removed = build_roadmap(bank, Assessment(answers=worst_answers(bank), edits=RoadmapEdits(removed=("reassess",))),
                            "en", start=START)
    after = START + dt.timedelta(weeks=bank.meta.reassess_after_weeks)  # 5 July 2027: in the summer holiday
    assert removed.reassess_on == avoid_holidays(bank.meta.holidays, after)[0] == dt.date(2027, 8, 1)
