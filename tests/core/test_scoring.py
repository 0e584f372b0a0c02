from readiness.samples import best_answers, worst_answers
from readiness.scoring import score


def _with(answers, **changes):
    out = dict(answers)
    for key, value in changes.items():
        out[key.replace("__", ".")] = value
    return out


def test_best_answers_score_at_least_90_and_reach_the_top_level(bank):
    result = score(bank, best_answers(bank), "en")
    assert result.overall >= 90
    assert result.level.id == bank.meta.levels[-1].id
    assert not result.blockers
    assert not result.unknown and not result.missing


def test_lowest_answers_score_at_most_10(bank):
    result = score(bank, worst_answers(bank), "en")
    assert result.overall <= 10
    assert result.level.id == bank.meta.levels[0].id


def test_nobody_owning_the_programme_caps_the_level_whatever_the_score(bank):
    answers = _with(best_answers(bank), ownership__function="undecided")
    result = score(bank, answers, "en")
    assert result.overall >= 90
    assert [b.id for b in result.blockers] == ["no_owner"]
    assert result.capped
    assert result.level.id == "exploring"
    assert result.uncapped_level.id == bank.meta.levels[-1].id


def test_mandatory_participation_caps_the_level(bank):
    answers = _with(best_answers(bank), motivation__participation="mandatory")
    result = score(bank, answers, "da")
    assert "mandatory_participation" in [b.id for b in result.blockers]
    assert result.level.id == "exploring"


def test_dont_know_counts_as_zero_and_is_reported_as_a_knowledge_gap(bank):
    answers = best_answers(bank)
    item = bank.section_by_id["ownership"].scored_questions[0].id
    answers[item] = "dont_know"
    result = score(bank, answers, "en")
    assert item in result.unknown
    zero = dict(answers, **{item: "none"})
    assert score(bank, zero, "en").section_scores["ownership"] == result.section_scores["ownership"]
    assert result.section_scores["ownership"] < 100


def test_unanswered_items_count_as_zero_and_are_listed_as_missing(bank):
    answers = best_answers(bank)
    item = bank.section_by_id["cadence"].scored_questions[-1].id
    del answers[item]
    result = score(bank, answers, "en")
    assert result.missing == (item,)
    assert result.section_scores["cadence"] < 100


def test_a_section_score_is_the_weighted_mean_scaled_to_100(bank):
    section = bank.section_by_id["ownership"]
    answers = {q.id: "partly" for q in section.scored_questions}  # every item at 2 of 4
    assert score(bank, answers, "en").section_scores["ownership"] == 50.0
    first, *rest = section.scored_questions
    answers = {first.id: "fully", **{q.id: "none" for q in rest}}
    total = sum(q.weight for q in section.scored_questions)
    expected = round(100 * first.weight / total, 1)
    assert score(bank, answers, "en").section_scores["ownership"] == expected


def test_overall_is_the_weighted_mean_of_the_sections(bank):
    answers = best_answers(bank)
    for q in bank.section_by_id["ownership"].scored_questions:
        answers[q.id] = "none"
    result = score(bank, answers, "en")
    weights = {s.id: s.weight for s in bank.planning_sections}
    expected = sum(result.section_scores[k] * w for k, w in weights.items()) / sum(weights.values())
    assert abs(result.overall - round(expected, 1)) < 0.051


def test_every_section_explains_its_score_item_by_item(bank):
    result = score(bank, worst_answers(bank), "da")
    for section in result.sections:
        items = section.explanation.items
        assert len(items) == len(bank.section_by_id[section.id].scored_questions)
        assert "0–4" in section.explanation.text
        assert all(i.answer and i.text for i in items)


def test_red_flags_fire_for_identical_texts_daily_nudges_many_platforms_and_filming_without_consent(bank):
    answers = _with(best_answers(bank), content__freedom="ready_made", cadence__frequency="daily",
                    platforms__start=["linkedin", "instagram", "tiktok"],
                    content__sources=["videos", "employee_stories"], training__consent_routine="none")
    flags = {f.id for f in score(bank, answers, "en").red_flags}
    assert {"identical_texts", "daily_nudges", "too_many_platforms", "no_consent_routine"} <= flags


def test_red_flags_lower_nothing_by_themselves(bank):
    best = best_answers(bank)
    flagged = _with(best, cadence__frequency="daily")
    assert score(bank, flagged, "en").overall == score(bank, best, "en").overall


def test_scores_read_in_both_languages(bank):
    da = score(bank, worst_answers(bank), "da")
    en = score(bank, worst_answers(bank), "en")
    assert da.overall == en.overall
    assert da.level.name != en.level.name
    assert "Vægtet" in da.sections[0].explanation.text
    assert "Weighted" in en.sections[0].explanation.text
