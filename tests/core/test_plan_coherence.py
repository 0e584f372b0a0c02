"""Coherence of whole plans for five archetypes (tests/fixtures/archetypes): the plan a consultant signs.

Each archetype is a realistic answers file; every test runs over all five in both languages.
"""

import datetime as dt
import re
from pathlib import Path

import pytest

from readiness.answers import parse_answers_file
from readiness.export import roadmap_ics
from readiness.plan import build_plan, summary_findings

ARCHETYPES = sorted((Path(__file__).parent.parent / "fixtures" / "archetypes").glob("*.json"))
LANGS = ("da", "en")
VOLUNTARY_AND_LEGAL = {"mandatory_participation", "appointed_ambassadors", "per_person_tracking",
                       "identical_texts", "no_consent_routine"}


@pytest.fixture(params=[(p, lang) for p in ARCHETYPES for lang in LANGS],
                ids=[f"{p.stem}-{lang}" for p in ARCHETYPES for lang in LANGS])
def case(request, bank):
    path, lang = request.param
    assessment = parse_answers_file(bank, path.read_bytes())
    return assessment, build_plan(bank, assessment, lang)


def _in_holiday_window(day: dt.date) -> bool:
    return day.month == 7 or (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day == 1)


def test_there_are_five_archetypes():
    assert {p.stem for p in ARCHETYPES} == {"no-owner", "pilot-ready", "forced-campaign", "public-sector",
                                            "scale-ready"}


def test_one_reassessment_date_everywhere_and_never_in_a_holiday(case):
    _, plan = case
    roadmap = plan.roadmap
    action = next(a for a in roadmap.actions if a.id == "reassess")
    assert action.start == roadmap.reassess_on
    assert not _in_holiday_window(roadmap.reassess_on)
    ics = roadmap_ics(roadmap, "x", "seed", stamp=dt.datetime(2027, 1, 1, tzinfo=dt.UTC)).decode()
    assert f"DTSTART;VALUE=DATE:{roadmap.reassess_on:%Y%m%d}" in ics


def _touches_july(start: dt.date, end: dt.date) -> bool:
    return any((start + dt.timedelta(days=i)).month == 7 for i in range((end - start).days + 1))


def test_no_pilot_phase_or_pilot_action_runs_through_july(case):
    _, plan = case
    pilot = plan.roadmap.phase("pilot")
    assert not _touches_july(pilot.start, pilot.end), (pilot.start, pilot.end)
    for a in plan.roadmap.actions_in("pilot"):
        assert not _touches_july(a.start, a.end), a.id


def test_summer_in_the_pilot_moves_or_shortens_it_and_says_so(bank):
    assessment = parse_answers_file(bank, (ARCHETYPES[0].parent / "pilot-ready.json").read_bytes())
    plan = build_plan(bank, assessment, "en", start=dt.date(2027, 4, 5))
    pilot = plan.roadmap.phase("pilot")
    assert pilot.end < dt.date(2027, 7, 1) or pilot.start >= dt.date(2027, 8, 1)
    assert pilot.note and "summer" in pilot.note


def test_every_pilot_ends_with_a_dated_go_no_go_with_the_sponsor(case):
    _, plan = case
    pilot = plan.roadmap.phase("pilot")
    evaluation = next(a for a in plan.roadmap.actions if a.id == "pilot_evaluation")
    assert evaluation.phase == "pilot"
    assert pilot.end - dt.timedelta(days=14) <= evaluation.start <= pilot.end
    assert evaluation.owner == plan.roadmap.sponsor
    opening = [a for a in plan.roadmap.actions if a.id == "open_up"]
    for a in opening:
        assert a.start > evaluation.end


def test_no_owner_is_invented(case, bank):
    assessment, plan = case
    lang = plan.lang
    allowed = {plan.roadmap.owner, plan.roadmap.sponsor}
    allowed |= {r.owner.get(lang) for r in bank.rules.actions if r.owner}
    for a in plan.roadmap.actions:
        assert a.owner in allowed, (a.id, a.owner)
        assert "steering group" not in a.owner.lower() and "styregruppe" not in a.owner.lower()
    if assessment.answers.get("ownership.function") == "undecided":
        appoint = next(a for a in plan.roadmap.actions if a.id == "appoint_owner")
        from readiness.i18n import format_date
        assert format_date(appoint.end, lang) in plan.roadmap.owner


def test_actions_that_lift_a_blocker_belong_to_top_management(case, bank):
    _, plan = case
    top = bank.rules.top_management.get(plan.lang)
    for a in plan.roadmap.actions:
        if a.id in ("make_voluntary", "stop_individual_tracking"):
            assert a.owner.startswith(top) and ("SU" in a.owner or "works council" in a.owner), a.owner


def test_every_blocker_and_red_flag_is_on_the_summary_voluntariness_and_law_first(case):
    _, plan = case
    shown = summary_findings(plan)
    ids = [f.id for f in shown]
    assert set(ids) == {f.id for f in plan.score.blockers} | {f.id for f in plan.score.red_flags}
    flags = [f.id for f in shown if f.id in {r.id for r in plan.score.red_flags}]
    first = [i for i in flags if i in VOLUNTARY_AND_LEGAL]
    assert flags[:len(first)] == first


def test_no_flagged_area_is_listed_among_the_strengths(case):
    _, plan = case
    flagged = set(plan.score.flagged_sections)
    assert not flagged & {s.id for s in plan.score.strengths(3)}


def test_no_policy_advice_for_a_platform_the_plan_says_to_drop(case, bank):
    assessment, plan = case
    chosen = assessment.answers.get("platforms.start") or []
    text = " ".join(p for part in plan.policy for p in part.points)
    if any(a.id == "narrow_platforms" for a in plan.roadmap.actions):
        for name in ("Instagram", "TikTok", "Facebook", "YouTube"):
            assert name not in text, name
        if "linkedin" in chosen:
            why = next(a.why for a in plan.roadmap.actions if a.id == "narrow_platforms")
            assert "LinkedIn" in why and "72" in why


def test_every_reason_names_the_one_answer_that_applies(case):
    _, plan = case
    hedge = re.compile(r",\s(or|eller)\s")
    for a in plan.roadmap.actions:
        first = re.split(r"(?<=[.!?])\s", a.why, maxsplit=1)[0]
        assert not hedge.search(first), (a.id, first)


def test_a_capped_level_names_its_blocker_and_is_drawn_neutral(bank):
    from readiness.theme import CAPPED_COLOUR, result_colour, score_colour
    assessment = parse_answers_file(bank, (ARCHETYPES[0].parent / "forced-campaign.json").read_bytes())
    for lang in LANGS:
        plan = build_plan(bank, assessment, lang)
        assert plan.score.capped
        assert plan.score.blockers[0].message.split(".")[0] in plan.level_text
        assert plan.score.level.meaning not in plan.level_text  # not "the key decisions are not made"
        assert plan.score.uncapped_level.name in plan.level_text
        assert result_colour(plan.score.overall, plan.score.capped) == CAPPED_COLOUR
        assert result_colour(plan.score.overall, False) == score_colour(plan.score.overall) != CAPPED_COLOUR


def test_recurring_work_lasts_its_phase_and_repeats_in_the_calendar(bank):
    assessment = parse_answers_file(bank, (ARCHETYPES[0].parent / "forced-campaign.json").read_bytes())
    roadmap = build_plan(bank, assessment, "en").roadmap
    digest = next(a for a in roadmap.actions if a.id == "steady_digest")
    assert digest.every_weeks == 2 and digest.end == roadmap.phase("pilot").end
    assert digest.to_json()["every_weeks"] == 2
    ics = roadmap_ics(roadmap, "x", "seed", stamp=dt.datetime(2027, 1, 1, tzinfo=dt.UTC)).decode()
    assert f"RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL={digest.end:%Y%m%d}" in ics
    assert f"DTEND;VALUE=DATE:{digest.start + dt.timedelta(days=1):%Y%m%d}" in ics


def test_keeping_work_and_private_life_apart_shapes_the_policy_and_the_pilot_recruitment(bank):
    from readiness.answers import Assessment
    for value, expected in (("many", True), ("few", False)):
        plan = build_plan(bank, Assessment(answers={"context.work_private": value}), "en")
        policy = " ".join(p for part in plan.policy for p in part.points)
        assert ("keep work and private life apart" in policy) is expected
        assert any(a.id == "respect_private_profiles" for a in plan.roadmap.actions) is expected
    fact = next(f for f in build_plan(bank, Assessment(answers={}), "en").facts if f.id == "work_private_apart")
    assert fact.figure == "44 %" and "2016" in fact.source


def test_answers_files_of_the_previous_bank_version_still_load(bank):
    old = [p for p in ARCHETYPES if '"bank_version": "2026.11.1"' in p.read_text(encoding="utf-8")]
    assert old and bank.meta.version != "2026.11.1"
    for path in old:
        assert parse_answers_file(bank, path.read_bytes()).answers


def test_an_organisation_without_an_owner_is_told_which_functions_could_own_it(bank):
    assessment = parse_answers_file(bank, (ARCHETYPES[0].parent / "no-owner.json").read_bytes())
    for lang, names in (("da", ("HR", "Kommunikation", "Rekruttering")), ("en", ("HR", "Communications", "Recruitment"))):
        why = next(a.why for a in build_plan(bank, assessment, lang).roadmap.actions if a.id == "appoint_owner")
        assert all(n in why for n in names) and "2026" in why


def test_a_strength_scores_above_zero_and_is_not_also_a_gap(case):
    _, plan = case
    strengths = plan.score.strengths(3)
    assert all(s.score > 0 for s in strengths)
    assert not {s.id for s in strengths} & {s.id for s in plan.score.gaps(3)}


def test_no_finding_hedges_between_two_answers(case):
    _, plan = case
    hedge = re.compile(r",\s(or|eller)\s")
    for f in plan.score.blockers + plan.score.red_flags:
        first = re.split(r"(?<=[.!?])\s", f.message, maxsplit=1)[0]
        assert not hedge.search(first), (f.id, first)


def test_an_organisation_without_a_policy_is_not_told_its_policy_is_unclear(bank):
    from readiness.answers import Assessment
    plan = build_plan(bank, Assessment(answers={"training.policy": "none"}), "en")
    why = next(a.why for a in plan.roadmap.actions if a.id == "positive_policy")
    assert why.startswith("You have no social media policy yet") and "Your policy" not in why


def test_the_content_capacity_follows_the_pilot_size_and_warns_when_content_is_scarce(bank):
    from readiness.answers import Assessment
    plan = build_plan(bank, Assessment(answers={"ambassadors.size": 200, "content.pipeline": "fully"}), "en")
    assert "about 7 a week" in plan.content_capacity and "hardly enough" not in plan.content_capacity
    scarce = build_plan(bank, Assessment(answers={"ambassadors.size": 15, "content.pipeline": "started"}), "da")
    assert "omkring 1 om ugen" in scarce.content_capacity and "ikke kommer indhold nok" in scarce.content_capacity
    assert build_plan(bank, Assessment(answers={}), "en").content_capacity == ""


def test_the_named_owner_and_sponsor_from_the_context_step_own_the_actions(bank):
    assessment = parse_answers_file(bank, (ARCHETYPES[0].parent / "pilot-ready.json").read_bytes())
    for lang in LANGS:
        roadmap = build_plan(bank, assessment, lang).roadmap
        assert roadmap.owner == "Mette Holm, HR-partner" and roadmap.sponsor == "Jens Kjær, adm. direktør"
        owners = [a.owner for a in roadmap.actions]
        assert owners.count("Mette Holm, HR-partner") >= len(owners) // 2
        assert next(a for a in roadmap.actions if a.id == "pilot_evaluation").owner == "Jens Kjær, adm. direktør"
        generic = {bank.rules.owner_fallback.get(lang), bank.rules.sponsor.get(lang)}
        assert not generic & set(owners)


def test_without_a_named_owner_the_new_owner_is_appointed_by_a_date(bank):
    assessment = parse_answers_file(bank, (ARCHETYPES[0].parent / "no-owner.json").read_bytes())
    assert "context.owner_name" not in assessment.answers
    roadmap = build_plan(bank, assessment, "en").roadmap
    assert roadmap.owner.startswith("The new owner (appointed by ")
    named = assessment.with_answer("context.owner_name", "  Sara   Lind,\nrecruiter  ")
    assert build_plan(bank, named, "en").roadmap.owner == "Sara Lind, recruiter"


def test_answers_files_of_bank_version_2026_12_1_still_load_without_the_new_questions(bank):
    old = [p for p in ARCHETYPES if '"bank_version": "2026.12.1"' in p.read_text(encoding="utf-8")]
    assert old and bank.meta.version == "2026.12.2"
    for path in old:
        assessment = parse_answers_file(bank, path.read_bytes())
        assert {"context.owner_name", "context.sponsor_name"} <= bank.lacked_by(assessment.bank_version)
        assert build_plan(bank, assessment, "da").roadmap.actions


# -- effort and cost estimates --------------------------------------------------------------


def test_every_action_rule_has_an_effort_estimate_and_no_estimate_is_orphaned(bank):
    from readiness.effort import load_effort, unknown_rules
    data = load_effort()
    rules = {r.id for r in bank.rules.actions}
    assert rules <= set(data.actions), rules - set(data.actions)
    assert not unknown_rules(data, rules)
    assert set(data.phases) == {p.id for p in bank.meta.phases}
    assert {c.id for c in data.costs} == {"training", "tools", "photo_day"}
    assert all(c.low <= c.high for c in data.costs)


def test_effort_adds_up_per_phase_for_the_owner_and_per_ambassador(case):
    from readiness.effort import load_effort
    _, plan = case
    effort, data = plan.effort, load_effort()
    assert [p.id for p in effort.phases] == [p.id for p in plan.roadmap.phases]
    assert all(a.hours is not None and a.hours > 0 for a in plan.roadmap.actions if a.origin == "rule")
    for phase in effort.phases:
        weeks = max(1.0, ((phase.end - phase.start).days + 1) / 7)
        actions = sum(a.hours or 0 for a in plan.roadmap.actions_in(phase.id))
        assert phase.owner_hours == pytest.approx(data.phases[phase.id].owner_week * weeks + actions, abs=0.1)
        assert phase.owner_week == pytest.approx(phase.owner_hours / weeks, abs=0.1)
    pilot = next(p for p in effort.phases if p.id == "pilot")
    assert pilot.ambassador_month >= data.phases["pilot"].ambassador_month > 0
    assert 0 < effort.owner_week < 20 and 0 < effort.ambassador_month < 10
    assert effort.cost_low < effort.cost_high
    assert ("estimates" in effort.title) if plan.lang == "en" else ("skøn" in effort.title)


def test_a_recurring_action_counts_its_hours_every_time(case):
    _, plan = case
    digest = next((a for a in plan.roadmap.actions if a.id == "steady_digest"), None)
    if digest is None:
        pytest.skip("no digest in this plan")
    times = (digest.end - digest.start).days // 14 + 1
    assert times >= 4 and digest.hours == pytest.approx(1.5 * times)


def test_the_owner_hours_of_an_action_are_editable_and_kept_in_the_answers_file(bank):
    import json

    from readiness.answers import AnswersError, to_json
    from readiness.roadmap import edit_action
    assessment = parse_answers_file(bank, (ARCHETYPES[0].parent / "pilot-ready.json").read_bytes())
    plan = build_plan(bank, assessment, "en")
    generated = {a.id: a for a in plan.roadmap.actions}
    edits = edit_action(bank, assessment.edits, generated, "pilot_evaluation", {"hours": 30})
    edited = build_plan(bank, assessment.replace(edits=edits), "en")
    before = next(p for p in plan.effort.phases if p.id == "pilot").owner_hours
    after = next(p for p in edited.effort.phases if p.id == "pilot").owner_hours
    assert after == pytest.approx(before + 30 - generated["pilot_evaluation"].hours, abs=0.1)
    assert next(a for a in edited.effort.actions if a.id == "pilot_evaluation").edited
    doc = to_json(bank, assessment.replace(edits=edits))
    again = parse_answers_file(bank, json.dumps(doc).encode())
    assert again.edits.changed["pilot_evaluation"]["hours"] == 30
    for bad in ("thirty", -1, 5000, True):
        doc["roadmap"]["edits"]["changed"]["pilot_evaluation"]["hours"] = bad
        with pytest.raises(AnswersError, match="pilot_evaluation.hours"):
            parse_answers_file(bank, json.dumps(doc).encode())


# -- the pilot design, starter content, measurement plan and governance --------------------


def _goals(assessment):
    return assessment.answers.get("context.goals") or []


def test_the_pilot_design_is_voluntary_sized_from_the_answers_and_dated_from_the_roadmap(case):
    assessment, plan = case
    pilot, roadmap = plan.programme.pilot, plan.roadmap
    phase = roadmap.phase("pilot")
    selection = " ".join(pilot.selection).lower()
    assert ("frivilligt" in selection) if plan.lang == "da" else ("volunteer" in selection)
    size = assessment.answers.get("ambassadors.size")
    employees = assessment.answers["context.employees"]
    expected = str(size) if size else ("5–10" if employees < 50 else "10–20" if employees < 250
                                       else "10–30" if employees < 1000 else "100")
    assert expected in pilot.size and pilot.size in " ".join(pilot.selection)
    if size:
        assert f"{-(-size // 2):,}".replace(",", "." if plan.lang == "da" else ",") in pilot.thresholds[0]
    assert len(pilot.thresholds) == 1 + len(_goals(assessment))
    assert len(pilot.kickoff) >= 5
    evaluation = next(a for a in roadmap.actions if a.id == "pilot_evaluation")
    assert pilot.kickoff_on == phase.start and pilot.decision_on == evaluation.start
    assert phase.start < pilot.midpoint_on < pilot.decision_on and not _in_holiday_window(pilot.midpoint_on)
    from readiness.i18n import format_date
    for day, title in ((pilot.kickoff_on, pilot.kickoff_title), (pilot.midpoint_on, pilot.midpoint_title),
                       (pilot.decision_on, pilot.decision_title)):
        assert format_date(day, plan.lang) in title
    assert pilot.midpoint.startswith(roadmap.owner)
    sponsor = roadmap.sponsor
    assert sponsor in pilot.decision or (sponsor[0].lower() + sponsor[1:]) in pilot.decision


def test_generic_role_names_are_not_capitalised_inside_a_sentence(case):
    _, plan = case
    generic = {"da": ("Sponsoren i direktionen", "Den nye ejer"), "en": ("The executive sponsor", "The new owner")}
    texts = [plan.programme.pilot.decision, plan.programme.measurement.report, *plan.programme.governance.managers]
    for text in texts:
        for name in generic[plan.lang]:
            assert name not in text[1:], (name, text)


def test_starter_content_fits_goals_and_sector_with_a_four_week_calendar(case):
    assessment, plan = case
    content = plan.programme.starters
    assert 15 <= len(content.ideas) <= 20 and len(set(content.ideas)) == len(content.ideas)
    text = " ".join(content.ideas).lower()
    citizens = "borgerne" if plan.lang == "da" else "citizens"
    assert (citizens in text) is (assessment.answers.get("context.sector") == "public")
    hiring = "søger en ny kollega" if plan.lang == "da" else "hiring"
    assert (hiring in text) is ("recruitment" in _goals(assessment))
    expertise = "tre ting, jeg ville ønske" if plan.lang == "da" else "three things i wish"
    assert (expertise in text) is ("sales" in _goals(assessment))
    assert len(content.stories) >= 4
    weeks = content.weeks
    assert len(weeks) == 4 and weeks[0].start == plan.roadmap.phase("pilot").start
    assert all((b.start - a.start).days == 7 for a, b in zip(weeks, weeks[1:], strict=False))
    assert all(w.ideas and set(w.ideas) <= set(content.ideas) for w in weeks)
    assert content.capacity == plan.content_capacity


def test_the_measurement_plan_says_who_pulls_which_figure_from_where_and_when_the_report_goes_out(case):
    _, plan = case
    m, roadmap = plan.programme.measurement, plan.roadmap
    assert [r.id for r in m.rows] == [k.id for k in plan.kpis]
    assert all(r.where and r.who == roadmap.owner for r in m.rows)
    assert m.baseline_by < roadmap.phase("pilot").start
    monthly = next((a for a in roadmap.actions if a.id == "monthly_results"), None)
    if monthly is not None:
        assert m.first_report == monthly.start
    from readiness.i18n import format_date
    assert format_date(m.first_report, plan.lang) in m.report and format_date(m.baseline_by, plan.lang) in m.columns[3]
    assert len(m.columns) == 5 and len(m.template) >= 3


def test_governance_names_owner_sponsor_and_works_council_and_the_turnaround_only_for_a_forced_campaign(case):
    assessment, plan = case
    g = plan.programme.governance
    assert g.roles[0].startswith(plan.roadmap.owner) and g.roles[1].startswith(plan.roadmap.sponsor)
    council = " ".join(g.council)
    assert ("SU" in council) and ("tillidsrepræsentant" in council if plan.lang == "da" else "shop stewards" in council)
    assert "oplysningspligt" in council if plan.lang == "da" else "duty to inform" in council
    assert len(g.managers) >= 4
    forced = (assessment.answers.get("motivation.participation") == "mandatory"
              or assessment.answers.get("ambassadors.joining") == "appointed")
    assert (g.turnaround is not None) is forced
    if forced:
        assert len(g.turnaround.points) >= 4


def test_the_plan_warns_when_a_phase_needs_more_of_the_owners_time_than_is_set_aside(bank):
    assessment = parse_answers_file(bank, (ARCHETYPES[0].parent / "pilot-ready.json").read_bytes())
    for hours, warned in ((1, True), (60, False)):
        for lang in LANGS:
            effort = build_plan(bank, assessment.with_answer("ownership.hours", hours), lang).effort
            busiest = max(effort.phases, key=lambda p: p.owner_week)
            assert bool(effort.overload) is warned
            if warned:
                assert busiest.name in effort.overload and " 1 " in effort.overload
    unanswered = assessment.with_answer("ownership.hours", None)
    assert build_plan(bank, unanswered, "en").effort.overload == ""


def test_an_action_of_the_users_own_has_no_estimate_until_hours_are_given(bank):
    from readiness.roadmap import add_action
    assessment = parse_answers_file(bank, (ARCHETYPES[0].parent / "pilot-ready.json").read_bytes())
    edits = add_action(assessment.edits, {"title": "Fotodag", "start": "2027-05-03", "end": "2027-05-03",
                                          "phase": "pilot"})
    mine = next(a for a in build_plan(bank, assessment.replace(edits=edits), "en").effort.actions if a.title == "Fotodag")
    assert not mine.estimated and mine.owner_hours == 0
    edits = add_action(assessment.edits, {"title": "Fotodag", "start": "2027-05-03", "end": "2027-05-03",
                                          "phase": "pilot", "hours": 7})
    mine = next(a for a in build_plan(bank, assessment.replace(edits=edits), "en").effort.actions if a.title == "Fotodag")
    assert mine.estimated and mine.owner_hours == 7
