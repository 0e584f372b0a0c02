"""`python -m readiness report … -o PLAN.docx` and `python -m readiness policy … -o POLICY.docx [--lang]`."""

from __future__ import annotations

import io
import os

from .test_report_cli import FULL, cli


def _text(data: bytes) -> str:
    import docx

    doc = docx.Document(io.BytesIO(data))
    return "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for row in t.rows for c in row.cells])


ENV = {k: v for k, v in os.environ.items() if k != "READINESS_BRAND"}


def test_report_writes_a_word_plan_when_the_output_ends_in_docx(tmp_path):
    out = tmp_path / "plan.docx"
    proc = cli("report", FULL, "-o", out, "--lang", "en", env=ENV)
    assert proc.returncode == 0, proc.stderr
    text = _text(out.read_bytes())
    assert "Fjordhavn Rådgivning A/S" in text and "Summary" in text


def test_policy_writes_the_word_policy_in_the_language_asked_for(tmp_path):
    out = tmp_path / "policy.docx"
    proc = cli("policy", FULL, "-o", out, env=ENV)
    assert proc.returncode == 0, proc.stderr
    assert "Positiv SoMe-politik" in _text(out.read_bytes())
    proc = cli("policy", FULL, "-o", out, "--lang", "en", env=ENV)
    assert proc.returncode == 0, proc.stderr
    assert "Positive social media policy" in _text(out.read_bytes())


def test_an_unknown_suffix_or_bad_input_exits_2_with_one_line(tmp_path):
    for args in (("report", FULL, "-o", tmp_path / "plan.odt"), ("policy", FULL, "-o", tmp_path / "policy.pdf"),
                 ("policy", tmp_path / "missing.json", "-o", tmp_path / "p.docx"),
                 ("policy", FULL, "-o", tmp_path / "no" / "such" / "p.docx")):
        proc = cli(*args)
        assert proc.returncode == 2, args
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert not (tmp_path / "plan.odt").exists()
