"""Fixtures for the PDF tests: assessments (full, hostile, empty), built PDFs, poppler helpers.

Every report is built once per session and per language (a build takes well under a second,
but the folder should stay fast) and written to build/test-artifacts/reports/ for inspection.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest

from readiness.answers import Assessment, RoadmapEdits
from readiness.brand import DEFAULT_BRAND
from readiness.plan import build_plan
from readiness.samples import GOOD_DECISIONS, best_answers, worst_answers
from tests.conftest import skip_or_fail

CREATED = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 28)
ORGANISATION = "Ærø Øst & Åbenrå Bådeværft ApS – æøå"
LANGS = ("da", "en")

# Hostile user text: HTML, markdown, emoji (not in the font), right-to-left scripts, control
# characters, bidi overrides, fpdf2's own page alias and a decomposed "å".
EMOJI = "🚀🎉👍🏽"
HOSTILE = ("<script>alert('x')</script> **fed** __kursiv__ ~~streg~~ --under-- " + EMOJI
           + " שלום עולם مرحبا بالعالم \x07\x1b[31m {nb} \u202eomvendt\u202c a\u030a")


def full_assessment(bank) -> Assessment:
    """A realistic complete plan: mostly sound answers, two weak areas, gaps, edits and notes."""
    answers = best_answers(bank)
    worst = worst_answers(bank)
    for qid, value in worst.items():
        if qid.startswith(("ambassadors.", "content.")):
            answers[qid] = value
    answers.update({k: v for k, v in GOOD_DECISIONS.items() if not k.startswith(("ambassadors.", "content."))})
    scored = [q.id for q in bank.questions.values() if q.is_scored and q.id.startswith("cadence.")]
    answers[scored[0]] = "dont_know"
    answers.pop(scored[-1], None)
    base = Assessment(answers=answers, organisation=ORGANISATION)
    generated = build_plan(bank, base, "da", today=TODAY).roadmap.actions
    first, second = generated[0], generated[1]
    edits = RoadmapEdits(
        changed={first.id: {"owner": "Direktør Hanne Ølgaard", "status": "doing"},
                 second.id: {"status": "done", "end": (second.end + dt.timedelta(days=7)).isoformat()}},
        added=({"id": "custom-1", "title": "Fotodag med samtykke – kolleger på værftet", "why": "Vi mangler billeder.",
                "owner": "Kommunikation", "kpi": "30 billeder med samtykke", "start": "2027-03-01",
                "end": "2027-03-05", "phase": "pilot", "status": "todo"},),
        removed=(generated[-1].id,))
    return base.replace(edits=edits, notes={"ownership": "Drøftet på ledermødet den 12. november – Åse tager den."})


def hostile_assessment(bank) -> Assessment:
    long_note = ("Lang note om ærlige svar og øvelser på åen. " * 200)[:5000]
    added = tuple({"id": f"custom-{i}", "title": f"{HOSTILE} handling {i}"[:500], "why": long_note if i == 1 else HOSTILE,
                   "owner": (HOSTILE + " ejer ") * 2, "kpi": HOSTILE, "start": "2027-02-01", "end": "2027-03-01",
                   "phase": "pilot", "status": "todo"} for i in (1, 2))
    answers = best_answers(bank)
    texts = [q.id for q in bank.questions.values() if q.kind == "text"]
    for qid in texts:
        answers[qid] = ("Svar " + HOSTILE + " ") * 40
    return Assessment(answers=answers, organisation=(HOSTILE * 2)[:200], edits=RoadmapEdits(added=added),
                      notes={"ownership": long_note, "context": HOSTILE, "<b>ukendt</b>": HOSTILE})


@pytest.fixture(scope="session")
def report_dir(artifacts) -> Path:
    folder = artifacts / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class Built:
    path: Path
    data: bytes
    lang: str


def build(bank, assessment, name: str, folder: Path, lang: str = "da", **kw) -> Built:
    from reports import build_report

    data = build_report(bank, assessment, lang=lang, brand=kw.pop("brand", DEFAULT_BRAND), today=TODAY,
                        creation_date=CREATED, **kw)
    path = folder / f"{name}-{lang}.pdf"
    path.write_bytes(data)
    return Built(path, data, lang)


@pytest.fixture(scope="session")
def full_pdfs(bank, report_dir) -> dict[str, Built]:
    assessment = full_assessment(bank)
    return {lang: build(bank, assessment, "full", report_dir, lang) for lang in LANGS}


@pytest.fixture(scope="session")
def hostile_pdf(bank, report_dir) -> Built:
    return build(bank, hostile_assessment(bank), "hostile", report_dir)


@pytest.fixture(scope="session")
def empty_pdf(bank, report_dir) -> Built:
    return build(bank, Assessment(), "empty", report_dir, "en")


# -- reading PDFs ---------------------------------------------------------------------------


def page_texts(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages]


def body_texts(data: bytes) -> list[str]:
    """Page texts without the running header (first line) and footer (last line)."""
    return ["\n".join(text.splitlines()[1:-1]) for text in page_texts(data)]


def squash(text: str) -> str:
    """Text without any whitespace (table cells wrap titles anywhere)."""
    return re.sub(r"\s+", "", text)


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        skip_or_fail(f"{tool} is missing (Debian's poppler-utils; `make system-deps` installs it)")
    return path


def read_pgm(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and pixels of a binary PGM (P5, 8 bit) as pdftoppm -gray writes it."""
    tokens: list[bytes] = []
    pos = 0
    while len(tokens) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        tokens.append(data[pos:end])
        pos = end
    assert tokens[0] == b"P5" and tokens[3] == b"255", tokens
    width, height = int(tokens[1]), int(tokens[2])
    pixels = data[pos + 1:pos + 1 + width * height]
    assert len(pixels) == width * height
    return width, height, pixels


def rendered_pages(pdf: Path, out: Path, dpi: int = 40) -> list[tuple[int, int, bytes]]:
    """Every page rasterised by pdftoppm as grey pixels."""
    tool = need("pdftoppm")
    for old in out.parent.glob(out.name + "-*.pgm"):
        old.unlink()
    subprocess.run([tool, "-r", str(dpi), "-gray", str(pdf), str(out)], check=True, timeout=60)
    return [read_pgm(p.read_bytes()) for p in sorted(out.parent.glob(out.name + "-*.pgm"))]


def word_boxes(pdf: Path, out: Path) -> list[dict]:
    """Every word pdftotext finds, with its page size: [{page, w, h, x0, y0, x1, y1, text}]."""
    import xml.etree.ElementTree as ET

    tool = need("pdftotext")
    subprocess.run([tool, "-bbox-layout", str(pdf), str(out)], check=True, timeout=60)
    root = ET.fromstring(out.read_bytes())
    words = []
    for n, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), 1):
        w, h = float(page.get("width")), float(page.get("height"))
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            words.append({"page": n, "w": w, "h": h, "x0": float(word.get("xMin")), "y0": float(word.get("yMin")),
                          "x1": float(word.get("xMax")), "y1": float(word.get("yMax")), "text": word.text or ""})
    return words


def tiny_png(width: int = 24, height: int = 12, rgb: tuple[int, int, int] = (15, 118, 110)) -> bytes:
    """A small solid-colour PNG, made with zlib and struct only."""
    import struct

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * height))
            + chunk(b"IEND", b""))
