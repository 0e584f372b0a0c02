"""Property tests: invariants that must hold for every valid answers file."""

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

from readiness.answers import Assessment, RoadmapEdits, assessment_from_json, dumps, parse_answers_file
from readiness.bank import load_bank
from readiness.roadmap import add_action, build_roadmap, edit_action, remove_action
from readiness.scoring import score

BANK = load_bank()
QUESTIONS = list(BANK.questions.values())
SCORED = [q for q in QUESTIONS if q.is_scored]
STATUSES = ["todo", "doing", "done", "dropped"]
HOSTILE = st.sampled_from(["<script>alert(1)</script>", "**fed** __x__ `kode`", "😀🚀", "שלום עולם", "a\tb\r\nc",
                           "=SUM(A1)", "Ærø Å/S – “citat”"])


def _answer(q):
    if q.kind in ("single", "scale"):
        return st.sampled_from([o.id for o in BANK.options_of(q)])
    if q.kind == "multi":
        ids = [o.id for o in q.options]
        return st.lists(st.sampled_from(ids), min_size=1, unique=True).map(lambda v: sorted(v, key=ids.index))
    if q.kind == "number":
        return st.integers(int(q.min or 0), int(q.max or 10_000))
    if q.kind == "date":
        return st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)).map(dt.date.isoformat)
    return st.one_of(st.text(min_size=1, max_size=200).filter(
        lambda s: "\x00" not in s and not any(0xD800 <= ord(c) <= 0xDFFF for c in s)), HOSTILE)


@st.composite
def answer_sets(draw):
    chosen = draw(st.lists(st.sampled_from(QUESTIONS), unique_by=lambda q: q.id))
    return {q.id: draw(_answer(q)) for q in chosen}


@given(answer_sets(), st.sampled_from(["da", "en"]))
def test_every_valid_answer_set_scores_within_0_and_100(answers, lang):
    result = score(BANK, answers, lang)
    assert 0 <= result.overall <= 100
    assert all(0 <= s.score <= 100 for s in result.sections)
    assert result.level.id in BANK.level_by_id


@given(answer_sets(), st.sampled_from(SCORED), st.data())
def test_raising_one_items_answer_never_lowers_its_sections_score(answers, question, data):
    values = sorted({o.value for o in BANK.options_of(question) if o.value is not None})
    low = data.draw(st.sampled_from(values))
    high = data.draw(st.sampled_from([v for v in values if v >= low]))
    by_value = {o.value: o.id for o in BANK.options_of(question) if o.value is not None}
    section = BANK.section_of[question.id].id
    before = score(BANK, {**answers, question.id: by_value[low]}, "en").section_scores[section]
    after = score(BANK, {**answers, question.id: by_value[high]}, "en").section_scores[section]
    assert after >= before


@given(answer_sets(), st.text(max_size=120).filter(lambda s: "\x00" not in s and not any(
    0xD800 <= ord(c) <= 0xDFFF for c in s)), st.sampled_from(["da", "en"]))
def test_export_then_import_is_lossless(answers, name, lang):
    original = Assessment(answers=answers, organisation=name, language=lang, roadmap_start=dt.date(2027, 1, 4),
                          bank_version=BANK.version, saved_at="2026-11-28T10:00:00+00:00")
    again = parse_answers_file(BANK, dumps(BANK, original))
    assert again == original


@given(answer_sets(), answer_sets(), st.data())
def test_edits_survive_a_change_of_answers_as_the_contract_says(first, second, data):
    start = dt.date(2027, 1, 4)
    generated = {a.id: a for a in build_roadmap(BANK, Assessment(answers=first), "en", start).actions}
    edits = RoadmapEdits()
    changed_ids = data.draw(st.lists(st.sampled_from(sorted(generated)), unique=True, max_size=3)) if generated else []
    for aid in changed_ids:
        edits = edit_action(BANK, edits, generated, aid, {"status": data.draw(st.sampled_from(STATUSES[1:])),
                                                          "owner": data.draw(HOSTILE)})
    removable = [a for a in generated if a not in changed_ids]
    removed = data.draw(st.lists(st.sampled_from(removable), unique=True, max_size=2)) if removable else []
    for aid in removed:
        edits = remove_action(edits, aid)
    edits = add_action(edits, {"title": data.draw(HOSTILE), "start": "2027-02-01", "end": "2027-02-10"})
    # the edits also survive the trip through the file format
    doc = json.loads(dumps(BANK, Assessment(answers=second, edits=edits)))
    after = build_roadmap(BANK, assessment_from_json(BANK, doc), "en", start)
    now = {a.id: a for a in after.actions}
    fires_now = {a.id for a in build_roadmap(BANK, Assessment(answers=second), "en", start).actions}
    for aid in changed_ids:
        if aid in fires_now:
            assert now[aid].status == edits.changed[aid]["status"]
            assert now[aid].owner == edits.changed[aid]["owner"]
        else:
            assert aid not in now and aid in after.dropped_edits
    for aid in removed:
        assert aid not in now
    assert "custom-1" in now
