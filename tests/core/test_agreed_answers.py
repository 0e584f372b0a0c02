"""Suggested agreed answers that make sense: exclusive options stand alone, ties go to the room.

Each case is small enough to count by hand; the expected answer is written next to the counts.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from readiness.bank import Question
from readiness.scoring import score
from readiness.store import Response
from readiness.workshop import aggregate, agreed_assessment, group_report, visible_suggestions

FORMAT = "training.format"  # none (exclusive), guide, elearning, workshop, coaching
FREQUENCY = "cadence.frequency"  # daily, weekly, biweekly, monthly, ad_hoc, never
SCALE = "ownership.sponsor"  # none 0, started 1, partly 2, largely 3, fully 4 (+ dont_know)


def _room(question_id: str, answers: list) -> list[Response]:
    return [Response(participant_id=i + 1, display_name=None, finished=True, answers={question_id: a})
            for i, a in enumerate(answers)]


def _stats(bank, question_id: str, answers: list):
    return aggregate(bank, _room(question_id, answers)).questions[question_id]


# -- the bank ---------------------------------------------------------------------------------


def test_no_training_is_marked_exclusive_in_the_bank(bank):
    options = {o.id: o for o in bank.questions[FORMAT].options}
    assert options["none"].exclusive is True
    assert not any(o.exclusive for oid, o in options.items() if oid != "none")


def test_only_a_multiple_choice_option_can_be_exclusive():
    with pytest.raises(ValidationError, match="exclusive"):
        Question.model_validate({"id": "x.y", "kind": "single", "text": {"da": "a", "en": "a"},
                                 "options": [{"id": "a", "label": {"da": "a", "en": "a"}, "exclusive": True},
                                             {"id": "b", "label": {"da": "b", "en": "b"}}]})


# -- multiple choice with an exclusive option ----------------------------------------------------


def test_the_exclusive_option_wins_alone_when_chosen_most(bank):
    # 6 answered: none 4, elearning 3 (both at least half). Old rule: ["none", "elearning"].
    q = _stats(bank, FORMAT, [["none"]] * 3 + [["none", "elearning"]] + [["elearning"]] * 2)
    assert (q.count("none"), q.count("elearning"), q.answered) == (4, 3, 6)
    assert (q.suggested, q.tied) == (["none"], ())


def test_the_other_options_win_without_the_exclusive_one(bank):
    # 6 answered: none 3, elearning 4, workshop 3 -> the others (strongest 4) beat "none" (3).
    q = _stats(bank, FORMAT, [["none"]] * 2 + [["none", "elearning"]] + [["elearning", "workshop"]] * 3)
    assert (q.count("none"), q.count("elearning"), q.count("workshop")) == (3, 4, 3)
    assert (q.suggested, q.tied) == (["elearning", "workshop"], ())


def test_an_exclusive_option_level_with_the_others_is_a_tie(bank):
    # 6 answered: none 3, elearning 3, workshop 3 -> "none" (3) draws with the others (3).
    q = _stats(bank, FORMAT, [["none"]] * 3 + [["elearning", "workshop"]] * 3)
    assert q.suggested is None
    assert q.tied == ("none", "elearning", "workshop")


def test_a_multiple_choice_without_an_exclusive_option_keeps_every_option_half_chose(bank):
    # 4 answered: guide 2, elearning 3, workshop 1 -> guide and elearning (at least half)
    q = _stats(bank, FORMAT, [["guide", "elearning"]] * 2 + [["elearning"], ["workshop"]])
    assert (q.suggested, q.tied) == (["guide", "elearning"], ())


def test_a_shared_most_chosen_option_below_half_is_a_tie(bank):
    # 5 answered, one option each: nobody reaches half, guide and workshop 2 each
    q = _stats(bank, FORMAT, [["guide"], ["guide"], ["workshop"], ["workshop"], ["coaching"]])
    assert (q.suggested, q.tied) == (None, ("guide", "workshop"))


@given(st.lists(st.sets(st.sampled_from(["none", "guide", "elearning", "workshop", "coaching"]), min_size=1),
                min_size=1, max_size=12))
def test_no_suggestion_ever_combines_no_training_with_training(bank, answers):
    q = _stats(bank, FORMAT, [sorted(a) for a in answers])
    assert q.suggested is None or "none" not in q.suggested or q.suggested == ["none"]
    assert (q.suggested is None) == bool(q.tied)


# -- single choice and scale ties -------------------------------------------------------------


def test_a_five_way_tie_on_reminders_is_not_settled_on_every_day(bank):
    q = _stats(bank, FREQUENCY, ["daily", "weekly", "biweekly", "monthly", "ad_hoc"])
    assert q.suggested is None
    assert q.tied == ("daily", "weekly", "biweekly", "monthly", "ad_hoc")


def test_the_plan_gets_no_made_up_answer_from_a_tie(bank):
    agg = aggregate(bank, _room(FREQUENCY, ["daily", "weekly", "biweekly", "monthly", "ad_hoc"]))
    suggested = visible_suggestions(agg, anonymous=True)
    assert FREQUENCY not in suggested
    assessment = agreed_assessment(bank, {}, suggested=suggested)
    assert FREQUENCY not in assessment.answers
    assert "daily_nudges" not in {f.id for f in score(bank, assessment.answers).red_flags}
    group = group_report(agg, title="T", anonymous=True, agreed={}, notes={}, date=dt.date(2027, 1, 4))
    assert FREQUENCY not in group.agreed


def test_a_tie_the_host_settles_is_the_agreed_answer(bank):
    agg = aggregate(bank, _room(FREQUENCY, ["daily", "weekly", "weekly", "daily"]))
    assert agg.questions[FREQUENCY].tied == ("daily", "weekly")
    assessment = agreed_assessment(bank, {FREQUENCY: "weekly"}, suggested=visible_suggestions(agg, anonymous=False))
    assert assessment.answers[FREQUENCY] == "weekly"


def test_a_single_choice_with_one_leader_is_suggested(bank):
    # weekly 3, daily 2, monthly 1 -> weekly
    q = _stats(bank, FREQUENCY, ["weekly"] * 3 + ["daily"] * 2 + ["monthly"])
    assert (q.suggested, q.tied) == ("weekly", ())


def test_a_scale_median_between_two_steps_is_a_tie(bank):
    # 1, 1, 3, 3: the middle two are 1 and 3 -> decide between "started" and "largely"
    q = _stats(bank, SCALE, ["started", "started", "largely", "largely"])
    assert (q.middle, q.suggested, q.tied) == ((1, 3), None, ("started", "largely"))


def test_a_scale_median_on_one_step_is_suggested(bank):
    # 1, 2, 2, 3: the middle two are both 2 -> "partly"; odd counts always have one middle
    assert _stats(bank, SCALE, ["started", "partly", "partly", "largely"]).suggested == "partly"
    assert _stats(bank, SCALE, ["none", "largely", "fully"]).suggested == "largely"


def test_mostly_dont_know_still_suggests_dont_know_not_a_tie(bank):
    # 3 don't know of 5; the real answers 0 and 4 would be a tie
    q = _stats(bank, SCALE, ["dont_know"] * 3 + ["none", "fully"])
    assert (q.suggested, q.tied) == ("dont_know", ())


def test_the_summary_sheet_shows_a_tie_and_no_made_up_agreed_answer(bank):
    from readiness.export import summary_table

    agg = aggregate(bank, _room(FREQUENCY, ["daily", "weekly", "biweekly", "monthly", "ad_hoc"]))
    headers, rows = summary_table(bank, agg, lang="en", agreed={}, notes={}, anonymous=True)
    text = bank.questions[FREQUENCY].text.get("en")
    row = next(r for r in rows if r[1] == text)
    agreed = row[headers.index("Agreed answer")]
    assert agreed == "Not settled – a tie between Every day, Every week, Every two weeks, Every month, " \
                     "Whenever something comes up"
    _, rows = summary_table(bank, agg, lang="en", agreed={FREQUENCY: "weekly"}, notes={}, anonymous=True)
    assert next(r for r in rows if r[1] == text)[headers.index("Agreed answer")] == "Every week"
