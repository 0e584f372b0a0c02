"""Actions dated outside their phase are found (the roadmap page says so)."""

from __future__ import annotations

import datetime as dt

from readiness.answers import Assessment
from readiness.bank import load_bank
from readiness.roadmap import add_action, build_roadmap, edit_action, generate
from readiness.roadmap_checks import outside_phase
from readiness.samples import worst_answers

BANK = load_bank()
START = dt.date(2027, 1, 4)


def _assessment(edits=None) -> Assessment:
    kwargs = {"edits": edits} if edits is not None else {}
    return Assessment(answers=worst_answers(BANK), language="da", roadmap_start=START, **kwargs)


def test_the_generated_plan_keeps_every_action_inside_its_phase():
    assert outside_phase(build_roadmap(BANK, _assessment())) == ()


def test_an_added_and_an_edited_action_outside_their_phase_are_found():
    roadmap = build_roadmap(BANK, _assessment())
    pilot = roadmap.phase("pilot")
    first = roadmap.actions_in("foundations")[0]
    _, actions = generate(BANK, worst_answers(BANK), START, "da")
    edits = add_action(_assessment().edits, {"title": "Eget", "phase": "pilot", "start": pilot.start,
                                             "end": pilot.end + dt.timedelta(days=3)})
    edits = edit_action(BANK, edits, {a.id: a for a in actions}, first.id,
                        {"start": (roadmap.phase("foundations").start - dt.timedelta(days=7)).isoformat()})
    found = {f.action.id: f for f in outside_phase(build_roadmap(BANK, _assessment(edits)))}
    assert set(found) == {"custom-1", first.id}
    assert found["custom-1"].late and not found["custom-1"].early and found["custom-1"].phase.id == "pilot"
    assert found[first.id].early
