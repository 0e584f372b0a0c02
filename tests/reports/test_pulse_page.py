"""The employee pulse's page in the PDF: the shares, what the pulse means for the plan, and nothing
when the plan has no pulse; the CLI's PDF from the exported answers file holds the same page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from readiness.answers import Assessment, dumps
from readiness.pulse import aggregate_pulse, load_pulse
from reports import build_report
from tests.core.test_pulse import ROOM
from tests.reports.conftest import CREATED, body_texts, page_texts, squash

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pulsed(bank):
    return Assessment(answers={"context.employees": 200}, language="da", organisation="Fjordhavn",
                      pulse=aggregate_pulse(load_pulse(), ROOM))


def _pulse_pages(data: bytes, title: str) -> list[str]:
    return [t for t in body_texts(data)[1:] if title in t]  # the cover lists it in the contents


@pytest.mark.parametrize("lang, title, willing, share", [
    ("da", "Medarbejderpuls", "Ja, gerne", "40 % (2)"), ("en", "Employee pulse", "Yes, gladly", "40% (2)")])
def test_the_pulse_page_shows_shares_and_what_it_means(bank, pulsed, artifacts, lang, title, willing, share):
    data = build_report(bank, pulsed, lang=lang, creation_date=CREATED)
    (artifacts / f"pulse-{lang}.pdf").write_bytes(data)
    pages = _pulse_pages(data, title)
    assert pages, "no pulse page"
    text = "\n".join(pages)
    assert f"{willing}{share}" in squash(text).replace("\u00a0", "") or squash(f"{willing} {share}") in squash(text)
    assert squash("60 %" if lang == "da" else "60%") in squash(text)  # the share willing, for the pilot
    assert ("Portland" in text) and ("Altimeter" in text)  # the facts with their sources
    assert "5" in text


def test_no_pulse_no_page(bank, pulsed):
    data = build_report(bank, pulsed.replace(pulse=None), lang="en", creation_date=CREATED)
    assert not any("employee pulse" in t.lower() for t in page_texts(data))


def test_the_cli_report_from_the_exported_file_has_the_same_pulse_page(bank, pulsed, tmp_path):
    path = tmp_path / "agreed.json"
    path.write_bytes(dumps(bank, pulsed))
    out = tmp_path / "plan.pdf"
    proc = subprocess.run([sys.executable, "-m", "readiness", "report", str(path), "-o", str(out), "--lang", "en"],
                          capture_output=True, text=True, cwd=ROOT, timeout=180)
    assert proc.returncode == 0, proc.stderr
    app = _pulse_pages(build_report(bank, pulsed, lang="en", creation_date=CREATED), "Employee pulse")
    cli = _pulse_pages(out.read_bytes(), "Employee pulse")
    assert cli and [squash(p) for p in cli] == [squash(p) for p in app]
