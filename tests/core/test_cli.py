"""The CLI as other tools use it: a subprocess, exit codes, one-line errors, JSON shapes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "answers"


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "readiness", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def _write(tmp_path, doc, name="answers.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang, first", [("da", "Ejerskab"), ("en", "Ownership")])
def test_questions_json_lists_context_and_seven_questions_in_the_language(lang, first):
    proc = cli("questions", "--json", "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    sections = json.loads(proc.stdout)
    assert [s["id"] for s in sections] == ["context", "ownership", "platforms", "ambassadors", "training",
                                           "motivation", "content", "cadence"]
    assert sections[1]["title"] == first
    for section in sections:
        for q in section["questions"]:
            assert q["kind"] in {"single", "multi", "scale", "text", "number", "date"}
            if q["kind"] in ("text", "number", "date"):
                assert q["options"] == []
            for o in q["options"]:
                assert o["value"] is None or (q["scored"] and 0 <= o["value"] <= 4)


def test_validate_accepts_the_shipped_bank():
    proc = cli("validate")
    assert proc.returncode == 0, proc.stderr
    assert "ok" in proc.stdout


def test_validate_names_file_and_field_of_a_broken_bank(tmp_path):
    import shutil

    folder = tmp_path / "questions"
    shutil.copytree(ROOT / "questions", folder)
    path = folder / "02_platforms.yaml"
    data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8"))))  # unshare YAML anchors
    del data["questions"][0]["options"][1]["label"]["da"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    proc = cli("validate", folder)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "questions/02_platforms.yaml: questions[0].options[1].label.da: missing"
    assert "Traceback" not in proc.stderr


def test_score_json_has_the_contract_shape_and_explains_each_section(tmp_path):
    proc = cli("score", FIXTURES / "good" / "full-edited.json", "--json")
    assert proc.returncode == 0, proc.stderr
    res = json.loads(proc.stdout)
    assert 0 <= res["overall"] <= 100
    assert set(res["level"]) >= {"id", "name", "meaning"}
    assert len(res["sections"]) == 7
    for s in res["sections"]:
        assert s["explanation"]["text"]
        assert s["explanation"]["items"]
        assert set(s["explanation"]["items"][0]) >= {"question", "answer", "value", "weight"}
    assert "ownership.goals" in res["unknown"]
    assert res["missing"]


def test_score_text_follows_the_files_language_unless_lang_is_given():
    da = cli("score", FIXTURES / "good" / "full-edited.json")
    en = cli("score", FIXTURES / "good" / "full-edited.json", "--lang", "en")
    assert da.returncode == en.returncode == 0
    assert "Samlet parathed" in da.stdout and "Fjordhavn Rådgivning A/S" in da.stdout
    assert "Overall readiness" in en.stdout


def test_roadmap_json_applies_the_files_edits_and_start():
    proc = cli("roadmap", FIXTURES / "good" / "full-edited.json", "--json")
    assert proc.returncode == 0, proc.stderr
    res = json.loads(proc.stdout)
    assert res["start"] == "2027-01-11"
    actions = {a["id"]: a for a in res["actions"]}
    assert actions["executive_sponsor"]["owner"] == "Direktør Hanne Ølgaard"
    assert actions["custom-1"]["title"] == "Fotodag med samtykke"
    assert "yearly_review" not in actions
    for a in res["actions"]:
        assert a["status"] in ("todo", "doing", "done", "dropped")
        assert a["start"] <= a["end"]


def test_roadmap_start_option_wins():
    proc = cli("roadmap", FIXTURES / "good" / "full-edited.json", "--json", "--start", "2027-09-06")
    assert json.loads(proc.stdout)["start"] == "2027-09-06"


@pytest.mark.parametrize("name", sorted(p.name for p in (FIXTURES / "bad").glob("*.json")))
@pytest.mark.parametrize("command", ["score", "roadmap"])
def test_bad_answers_files_exit_2_with_one_line_and_no_traceback(name, command):
    proc = cli(command, FIXTURES / "bad" / name)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert name in lines[0]
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("args, fragment", [
    (["score", "does-not-exist.json"], "no such file"),
    (["score", "tests"], "is a folder"),
    (["roadmap", "tests/fixtures/answers/good/minimal.json", "--start", "2027-02-30"], "not a real date"),
    (["questions", "--lang", "sv"], "invalid choice"),
    (["frobnicate"], "invalid choice"),
    ([], "required"),
])
def test_usage_errors_exit_2_with_one_line(args, fragment):
    proc = cli(*args)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert fragment in proc.stderr


@pytest.mark.parametrize("command", ["questions", "validate", "score", "roadmap"])
def test_every_command_has_help(command):
    proc = cli(command, "--help")
    assert proc.returncode == 0
    assert "usage:" in proc.stdout


def test_the_shared_contract_check_passes():
    checker = ROOT.parent / "shared" / "tools" / "check_contract.py"
    if not checker.exists():
        pytest.skip("../shared/tools/check_contract.py is not beside the project")
    proc = subprocess.run([sys.executable, str(checker)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "FAIL" not in proc.stdout


# -- export ---------------------------------------------------------------------------------


def _full_answers(tmp_path):
    from readiness.answers import Assessment, dumps
    from readiness.bank import load_bank
    from readiness.samples import worst_answers

    bank = load_bank()
    path = tmp_path / "answers.json"
    path.write_bytes(dumps(bank, Assessment(answers=worst_answers(bank), organisation="=Fjordhavn A/S")))
    return path


def test_export_writes_the_roadmap_in_the_format_its_suffix_names(tmp_path):
    import io

    from openpyxl import load_workbook

    answers = _full_answers(tmp_path)
    roadmap = json.loads(cli("roadmap", answers, "--json").stdout)
    titles = {a["title"] for a in roadmap["actions"]}
    for suffix in ("xlsx", "csv", "ics", "json"):
        out = tmp_path / f"out.{suffix}"
        proc = cli("export", answers, "-o", out, "--lang", "da")
        assert proc.returncode == 0, proc.stderr
        assert out.stat().st_size > 100
    sheet = load_workbook(io.BytesIO((tmp_path / "out.xlsx").read_bytes())).active
    assert {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)} == titles
    csv_text = (tmp_path / "out.csv").read_bytes()
    assert csv_text.startswith(b"\xef\xbb\xbf") and b";" in csv_text.splitlines()[0]
    assert all(title.encode() in csv_text or '"' in title for title in titles)
    ics = (tmp_path / "out.ics").read_bytes()  # the actions, the monthly check-ins and the re-assessment
    assert ics.count(b"BEGIN:VEVENT") == len(titles) + ics.count("SUMMARY:Månedligt tjek".encode()) + 1
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["organisation"]["name"] == "=Fjordhavn A/S"


def test_export_refuses_an_unknown_suffix_and_a_bad_file_with_one_line(tmp_path):
    answers = _full_answers(tmp_path)
    proc = cli("export", answers, "-o", tmp_path / "plan.docx")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and ".xlsx, .csv, .ics, .json" in proc.stderr
    bad = _write(tmp_path, {"format": "nope", "answers": {}}, "bad.json")
    proc = cli("export", bad, "-o", tmp_path / "x.xlsx")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "format" in proc.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_an_unusable_setting_stops_every_command_with_one_line_naming_the_variable(tmp_path):
    import os

    env = {**os.environ, "READINESS_RETENTION_DAYS": "abc"}
    proc = subprocess.run([sys.executable, "-m", "readiness", "questions", "--json"], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env=env)
    assert proc.returncode == 2
    assert proc.stderr == ("python -m readiness questions: READINESS_RETENTION_DAYS: expected a whole number of "
                           "days, got 'abc'\n")
    assert proc.stdout == ""
