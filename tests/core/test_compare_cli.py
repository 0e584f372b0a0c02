"""``python -m readiness compare`` and ``report --compare`` as other tools use them."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERIES = ROOT / "tests" / "fixtures" / "series"
EARLIER, LATER = SERIES / "earlier.json", SERIES / "later.json"


def cli(*args):
    return subprocess.run([sys.executable, "-m", "readiness", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_compare_json_has_the_contract_shape_and_the_resolved_blocker():
    proc = cli("compare", EARLIER, LATER, "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["earlier"]["saved_at"] == "2026-01-10T09:00:00+00:00"
    scored = [json.loads(cli("score", f, "--json").stdout) for f in (EARLIER, LATER)]
    for side, s in zip(("earlier", "later"), scored, strict=True):
        assert data[side]["overall"] == s["overall"] and data[side]["level"] == s["level"]["id"]
    assert data["overall_delta"] == round(scored[1]["overall"] - scored[0]["overall"], 1)
    assert [s["id"] for s in data["sections"]] == [s["id"] for s in scored[0]["sections"]]
    assert {s["id"]: s["delta"] for s in data["sections"]}["platforms"] == 0
    assert data["blockers"] == {"resolved": ["no_owner"], "new": [], "remaining": []}
    assert set(data["red_flags"]) == {"resolved", "new", "remaining"}
    assert set(data["roadmap"]) == {"todo", "doing", "done", "dropped", "overdue"}
    assert data["roadmap"]["doing"] == 1


def test_compare_swapped_lists_the_blocker_as_new_and_the_same_file_twice_as_no_change():
    swapped = json.loads(cli("compare", LATER, EARLIER, "--json").stdout)
    assert swapped["blockers"]["new"] == ["no_owner"]
    same = json.loads(cli("compare", LATER, LATER, "--json").stdout)
    assert same["overall_delta"] == 0 and all(s["delta"] == 0 for s in same["sections"])


def test_compare_as_of_decides_what_is_overdue(tmp_path):
    doc = json.loads(LATER.read_text(encoding="utf-8"))
    del doc["saved_at"]
    undated = tmp_path / "undated.json"
    undated.write_text(json.dumps(doc), encoding="utf-8")
    data = json.loads(cli("compare", EARLIER, undated, "--json", "--as-of", "2027-09-01").stdout)
    assert data["later"]["saved_at"] is None
    assert data["roadmap"]["overdue"]
    assert json.loads(cli("compare", EARLIER, LATER, "--json").stdout)["roadmap"]["overdue"] == []


@pytest.mark.parametrize("lang, words", [("da", ["Ejerskab", "løst"]), ("en", ["Ownership", "resolved"])])
def test_compare_text_speaks_the_language(lang, words):
    proc = cli("compare", EARLIER, LATER, "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    for word in words:
        assert word in proc.stdout


@pytest.mark.parametrize("args, says", [
    (["compare", EARLIER, "nope.json"], "nope.json: no such file"),
    (["compare", EARLIER, LATER, "--as-of", "2027-02-30"], "--as-of: 2027-02-30 is not a real date"),
    (["compare", EARLIER], "the following arguments are required"),
    (["report", LATER, "-o", "x.pdf", "--compare", "missing.json"], "missing.json: no such file"),
])
def test_compare_bad_input_exits_2_with_one_line(args, says):
    proc = cli(*args)
    assert proc.returncode == 2
    assert says in proc.stderr and len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_report_with_compare_adds_the_progress_page_after_the_summary(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "plan.pdf"
    proc = cli("report", LATER, "-o", out, "--compare", EARLIER, "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    titles = [o.title for o in PdfReader(out).outline if not isinstance(o, list)]
    assert titles.index("Progress since last time") == titles.index("Summary") + 1
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Level: Not ready yet" in text and "resolved" in text
    plain = tmp_path / "plain.pdf"
    assert cli("report", LATER, "-o", plain).returncode == 0
    assert "Fremdrift siden sidst" not in "".join(p.extract_text() for p in PdfReader(plain).pages)
