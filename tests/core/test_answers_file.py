import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from readiness.answers import (
    FORMAT,
    MAX_FILE_BYTES,
    AnswersError,
    Assessment,
    dumps,
    parse_answers_file,
    validate_answer,
)
from readiness.bank import load_bank

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "answers"
EXPECTED = yaml.safe_load((FIXTURES / "bad" / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(p.name for p in (FIXTURES / "good").glob("*.json")))
def test_good_files_load(bank, name):
    assessment = parse_answers_file(bank, (FIXTURES / "good" / name).read_bytes())
    assert isinstance(assessment, Assessment)


def test_every_bad_fixture_has_an_expected_message():
    files = {p.name for p in (FIXTURES / "bad").glob("*.json")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_files_are_rejected_with_one_line_naming_the_problem(bank, name):
    with pytest.raises(AnswersError) as err:
        parse_answers_file(bank, (FIXTURES / "bad" / name).read_bytes())
    message = str(err.value)
    assert EXPECTED[name] in message
    assert "\n" not in message


def test_a_file_over_one_megabyte_is_rejected_before_parsing(bank):
    doc = json.dumps({"format": FORMAT, "answers": {}, "notes": {"n": "x" * MAX_FILE_BYTES}})
    with pytest.raises(AnswersError, match="limit is 1,048,576"):
        parse_answers_file(bank, doc.encode())


def test_pathological_nesting_is_rejected_without_recursion_errors(bank):
    doc = '{"format": "readiness-answers/1", "answers": {}, "notes": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with pytest.raises(AnswersError, match="nested deeper"):
        parse_answers_file(bank, doc)


def test_text_answers_over_5000_characters_are_rejected(bank):
    from readiness.bank import LocalText, Question

    question = Question(id="context.note", kind="text", text=LocalText(da="Note", en="Note"))
    assert validate_answer(bank, question, "x" * 5000) == "x" * 5000
    with pytest.raises(AnswersError, match="limit is 5,000"):
        validate_answer(bank, question, "x" * 5001)


def test_retired_ids_are_skipped_with_a_warning(tmp_path, bank):
    import shutil

    folder = tmp_path / "questions"
    shutil.copytree(Path(__file__).resolve().parents[2] / "questions", folder)
    meta = yaml.safe_load((folder / "bank.yaml").read_text(encoding="utf-8"))
    meta["retired"] = {"questions": ["ownership.old_question"], "options": {"ownership.function": ["board"]}}
    (folder / "bank.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    retired_bank = load_bank(folder)
    warnings: list[str] = []
    doc = {"format": FORMAT, "answers": {"ownership.old_question": "yes", "ownership.function": "board",
                                        "ownership.sponsor": "fully"}}
    assessment = parse_answers_file(retired_bank, json.dumps(doc), warnings)
    assert assessment.answers == {"ownership.sponsor": "fully"}
    assert any("ownership.old_question" in w for w in warnings)
    assert any("board" in w for w in warnings)


def test_export_then_import_keeps_everything(bank):
    original = parse_answers_file(bank, (FIXTURES / "good" / "full-edited.json").read_bytes())
    again = parse_answers_file(bank, dumps(bank, original))
    assert again == original.replace(bank_version=bank.version) or again == original


def test_export_writes_the_bank_version_and_a_timestamp(bank):
    doc = json.loads(dumps(bank, Assessment(answers={"ownership.function": "hr"}, organisation="Ø A/S")))
    assert doc["format"] == FORMAT
    assert doc["bank_version"] == bank.version
    assert doc["organisation"]["name"] == "Ø A/S"
    assert dt.datetime.fromisoformat(doc["saved_at"])
