"""Poisoned imports: numbers beyond a sane range and dates outside 1900-2200 are refused, naming the field.

The same check serves the core, the CLI (exit 2, one line) and the UI (see tests/app/test_safety_pages.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from readiness.answers import AnswersError, parse_answers_file
from readiness.bank import load_bank

ROOT = Path(__file__).resolve().parents[2]
BANK = load_bank()


def _doc(**parts) -> str:
    doc = {"format": "readiness-answers/1", "language": "da", "answers": {}}
    doc.update(parts)
    return json.dumps(doc)


def _raw_number(digits: str) -> str:
    """An answers file whose employees answer is the number written out as ``digits`` (no JSON encoder)."""
    return _doc(answers={"context.employees": 7}).replace(": 7", ": " + digits)


POISONED = {
    "an integer of 5000 digits": (_raw_number("9" * 5000), "answers.context.employees"),
    "1e400 written out as an integer": (_raw_number("1" + "0" * 400), "answers.context.employees"),
    "a huge negative integer": (_raw_number("-" + "9" * 30), "answers.context.employees"),
    "a start date in 9999": (_doc(roadmap={"start": "9999-12-31"}), "roadmap.start"),
    "a start date in year 1": (_doc(roadmap={"start": "0001-01-01"}), "roadmap.start"),
    "a date answer in 2300": (_doc(answers={"context.start_date": "2300-01-01"}), "answers.context.start_date"),
    "a custom action in 9999": (_doc(roadmap={"edits": {"added": [
        {"id": "x1", "title": "T", "start": "2027-01-01", "end": "9999-01-01"}]}}),
        "roadmap.edits.added[0].end"),
}


@pytest.mark.parametrize("name", list(POISONED))
def test_a_poisoned_import_is_refused_with_a_message_naming_the_field(name):
    data, field = POISONED[name]
    with pytest.raises(AnswersError) as caught:
        parse_answers_file(BANK, data)
    message = str(caught.value)
    assert message.startswith(field + ":"), message
    assert "\n" not in message and len(message) < 200


def test_the_edges_of_the_sane_ranges_still_import():
    ok = parse_answers_file(BANK, _doc(answers={"context.employees": 1_000_000, "context.start_date": "2200-12-31"},
                                       roadmap={"start": "1900-01-01"}))
    assert ok.answers["context.employees"] == 1_000_000 and ok.roadmap_start.year == 1900


def test_a_huge_number_in_a_text_field_is_refused_by_name_not_by_traceback():
    with pytest.raises(AnswersError, match=r"^bank_version: "):
        parse_answers_file(BANK, _doc(bank_version="x").replace('"x"', "9" * 5000))


@pytest.mark.parametrize("name", ["an integer of 5000 digits", "1e400 written out as an integer", "a start date in 9999"])
def test_the_cli_refuses_a_poisoned_file_with_exit_2_and_one_line(tmp_path, name):
    data, field = POISONED[name]
    path = tmp_path / "poisoned.json"
    path.write_text(data, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "readiness", "score", str(path)], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and field in lines[0] and "Traceback" not in run.stderr, run.stderr


def test_notes_beyond_the_total_limit_are_refused_naming_the_setting(monkeypatch):
    from readiness import settings

    notes = {f"n{i}": "x" * 4000 for i in range(20)}  # 20 notes of 4,000: each allowed, 80,000 in all
    with pytest.raises(AnswersError, match=r"^notes: 80,\d{3} characters in all, the limit is 50,000"):
        parse_answers_file(BANK, _doc(notes=notes))
    monkeypatch.setenv("READINESS_MAX_NOTES_CHARS", "100000")
    settings.reload()
    try:
        assert len(parse_answers_file(BANK, _doc(notes=notes)).notes) == 20
    finally:
        monkeypatch.delenv("READINESS_MAX_NOTES_CHARS")
        settings.reload()
