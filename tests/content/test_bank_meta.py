"""Meta-tests of the content: the bank is complete, consistent and every rule can matter."""

import json
import random
import re
import shutil
from pathlib import Path

import pytest
import yaml

from readiness.bank import BankError, LocalText, read_bank
from readiness.conditions import Facts, evaluate
from readiness.i18n import languages
from readiness.lint import lint_bank
from readiness.samples import best_answers, random_answers, worst_answers
from readiness.scoring import score

ROOT = Path(__file__).resolve().parents[2]


def _texts(obj, path="bank"):
    if isinstance(obj, LocalText):
        yield path, obj
    elif hasattr(type(obj), "model_fields"):
        for name in type(obj).model_fields:
            yield from _texts(getattr(obj, name), f"{path}.{name}")
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            yield from _texts(item, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _texts(v, f"{path}.{k}")


def test_the_bank_passes_the_content_lint(bank):
    assert lint_bank(bank) == []


def test_there_is_a_context_section_and_seven_planning_questions(bank):
    assert bank.sections[0].id == "context"
    assert not bank.sections[0].scored_questions
    assert len(bank.planning_sections) == 7


def test_every_text_is_present_and_differs_between_languages_where_it_is_prose(bank):
    same = []
    for path, text in _texts(bank):
        for lang in languages():
            assert getattr(text, lang).strip(), f"{path}.{lang} is empty"
        if len(text.da) > 40 and text.da == text.en:
            same.append(path)
    assert not same, f"texts identical in Danish and English (not translated?): {same[:5]}"


def test_danish_texts_use_danish_number_formats(bank):
    for path, text in _texts(bank):
        assert not re.search(r"\d%", text.da), f"{path}.da: write '54 %' with a space in Danish"


def test_question_and_option_ids_are_unique(bank):
    ids = [q.id for s in bank.sections for q in s.questions]
    assert len(ids) == len(set(ids))
    for q in bank.questions.values():
        opts = [o.id for o in bank.options_of(q)]
        assert len(opts) == len(set(opts))


def _answer_sets(bank, n=1500):
    rng = random.Random(20261128)
    yield best_answers(bank)
    yield worst_answers(bank)
    for _ in range(n):
        answers = random_answers(bank, rng)
        if rng.random() < 0.3:  # mostly weak or mostly strong sets, to reach score-based conditions
            base = worst_answers(bank) if rng.random() < 0.5 else best_answers(bank)
            answers = {**answers, **base}
        yield answers


@pytest.fixture(scope="module")
def fired(bank):
    seen: set[str] = set()
    for answers in _answer_sets(bank):
        result = score(bank, answers, "en")
        facts = Facts(answers, result.section_scores, result.overall)
        for rule in (*bank.rules.blockers, *bank.rules.red_flags, *bank.rules.actions):
            if evaluate(bank, rule.when, facts)[0]:
                seen.add(rule.id)
                for i, v in enumerate(getattr(rule, "variants", ())):
                    if evaluate(bank, v.when, facts)[0]:
                        seen.add(f"{rule.id}#variant{i}")
        for k in bank.kpis.kpis:
            if k.when is not None and evaluate(bank, k.when, facts)[0]:
                seen.add(f"kpi:{k.id}")
        for s in bank.policy.sections:
            for j, p in enumerate(s.points):
                if p.when is not None and evaluate(bank, p.when, facts)[0]:
                    seen.add(f"policy:{s.id}[{j}]")
    return seen


def test_every_rule_can_fire_and_none_is_dead(bank, fired):
    ids = [r.id for r in (*bank.rules.blockers, *bank.rules.red_flags, *bank.rules.actions)]
    dead = [i for i in ids if i not in fired]
    assert not dead, f"rules that never fire: {dead}"


def test_every_variant_kpi_and_policy_point_can_apply(bank, fired):
    wanted = [f"{r.id}#variant{i}" for r in bank.rules.actions for i in range(len(r.variants))]
    wanted += [f"kpi:{k.id}" for k in bank.kpis.kpis if k.when is not None]
    wanted += [f"policy:{s.id}[{j}]" for s in bank.policy.sections for j, p in enumerate(s.points)
               if p.when is not None]
    dead = [w for w in wanted if w not in fired]
    assert not dead, f"never applies: {dead}"


def test_facts_cite_a_source(bank):
    assert len(bank.facts.facts) >= 5
    for fact in bank.facts.facts:
        assert fact.source in bank.sources


def test_guardrails_cover_consent_advertising_voluntariness_and_confidentiality(bank):
    assert {g.id for g in bank.guardrails.guardrails} >= {"photo_consent", "ad_marking", "voluntary",
                                                           "confidentiality"}


# -- broken banks ------------------------------------------------------------------------------

def _mutate(tmp_path, name, change):
    folder = tmp_path / "questions"
    shutil.copytree(ROOT / "questions", folder)
    path = folder / name
    data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8"))))  # unshare YAML anchors
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def _del_label(d):
    del d["questions"][0]["options"][1]["label"]["en"]


def _dangling(d):
    d["red_flags"][0]["when"] = {"answer": "platforms.nonexistent", "is": "x"}


def _unknown_field(d):
    d["questions"][0]["colour"] = "blue"


def _dup_question(d):
    d["questions"].append(dict(d["questions"][0]))


def _bad_phase(d):
    d["actions"][0]["phase"] = "someday"


def _bad_option_ref(d):
    d["blockers"][1]["when"] = {"answer": "motivation.participation", "is": "forced"}


def _scored_text(d):
    d["questions"].append({"id": "ownership.notes", "kind": "text", "scored": True,
                           "text": {"da": "Noter", "en": "Notes"}})


@pytest.mark.parametrize("file, change, expected", [
    ("02_platforms.yaml", _del_label, "questions/02_platforms.yaml: questions[0].options[1].label.en: missing"),
    ("rules.yaml", _dangling, "questions/rules.yaml: red_flags[0].when.answer: unknown question 'platforms.nonexistent'"),
    ("01_ownership.yaml", _unknown_field, "questions/01_ownership.yaml: questions[0].colour: unknown field"),
    ("01_ownership.yaml", _dup_question, "duplicate question id 'ownership.function'"),
    ("rules.yaml", _bad_phase, "actions[0].phase: unknown phase 'someday'"),
    ("rules.yaml", _bad_option_ref, "has no option 'forced'"),
    ("01_ownership.yaml", _scored_text, "only single and scale questions can be scored"),
])
def test_a_broken_bank_is_reported_by_file_and_field(tmp_path, file, change, expected):
    folder = _mutate(tmp_path, file, change)
    with pytest.raises(BankError) as err:
        read_bank(folder)
    assert expected in str(err.value)


def test_invalid_yaml_is_reported_with_its_line(tmp_path):
    folder = tmp_path / "questions"
    shutil.copytree(ROOT / "questions", folder)
    (folder / "03_ambassadors.yaml").write_text("id: ambassadors\n  title: [unclosed\n", encoding="utf-8")
    with pytest.raises(BankError, match=r"questions/03_ambassadors.yaml: .* at line \d+"):
        read_bank(folder)


def test_a_missing_file_is_reported(tmp_path):
    folder = tmp_path / "questions"
    shutil.copytree(ROOT / "questions", folder)
    (folder / "rules.yaml").unlink()
    with pytest.raises(BankError, match="questions/rules.yaml: missing file"):
        read_bank(folder)
