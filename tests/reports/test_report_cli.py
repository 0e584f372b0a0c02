"""`python -m readiness report ANSWERS.json -o PLAN.pdf [--lang da|en]`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import page_texts

ROOT = Path(__file__).resolve().parents[2]
FULL = ROOT / "tests" / "fixtures" / "answers" / "good" / "full-edited.json"


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "readiness", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env=env)


def test_report_writes_the_pdf_in_the_files_language_or_the_one_asked_for(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k != "READINESS_BRAND"}
    out = tmp_path / "plan.pdf"
    proc = cli("report", FULL, "-o", out, env=env)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    text = "\n".join(page_texts(out.read_bytes()))
    assert "Fjordhavn Rådgivning A/S" in text and "Resumé" in text
    proc = cli("report", FULL, "-o", out, "--lang", "en", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "Summary" in "\n".join(page_texts(out.read_bytes()))


def test_report_rejects_bad_input_with_one_line_and_exit_2(tmp_path):
    for args in (("report", FULL), ("report", tmp_path / "missing.json", "-o", tmp_path / "x.pdf"),
                 ("report", FULL, "-o", tmp_path / "no" / "such" / "folder.pdf")):
        proc = cli(*args)
        assert proc.returncode == 2, args
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
