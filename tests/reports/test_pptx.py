"""The workshop as a PowerPoint deck: slides, native charts, speaker notes, anonymity, LibreOffice."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from readiness.brand import DEFAULT_BRAND
from readiness.plan import build_plan
from readiness.workshop import INVITED_NOTE, aggregate, agreed_assessment, group_report
from tests.core.test_workshop import forty
from tests.reports.conftest import HOSTILE, LANGS, TODAY
from tests.reports.office import convert_to_pdf

ORG = "Fjordhavn Rådgivning A/S"


def _deck(bank, responses, lang, *, title="Kick-off", org=ORG):
    from reports.pptx import workshop_pptx

    agg = aggregate(bank, responses)
    assessment = agreed_assessment(bank, {}, organisation=org, language=lang, suggested=agg.suggested())
    group = group_report(agg, title=title, anonymous=True, agreed={}, notes={INVITED_NOTE: "45"},
                         date=dt.date(2026, 11, 28))
    plan = build_plan(bank, assessment, lang, today=TODAY)
    return plan, workshop_pptx(plan, group, bank, brand=DEFAULT_BRAND, today=TODAY)


def _slides(data: bytes):
    from pptx import Presentation

    return list(Presentation(io.BytesIO(data)).slides)


def _slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [c.text for row in shape.table.rows for c in row.cells]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def decks(bank, report_dir):
    out = {}
    for lang in LANGS:
        plan, data = _deck(bank, forty(), lang)
        path = report_dir / f"workshop-{lang}.pptx"
        path.write_bytes(data)
        out[lang] = (plan, path)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_the_deck_has_charts_speaker_notes_the_organisation_and_next_steps(decks, lang):
    plan, path = decks[lang]
    slides = _slides(path.read_bytes())
    assert len(slides) >= 6
    assert ORG in _slide_text(slides[0])
    charts = [shape.chart for s in slides for shape in s.shapes if shape.has_chart]
    assert len(charts) >= 3  # participation, profile, disagreement: native, editable
    profile = next(c for c in charts if len(c.plots[0].categories) == len(plan.score.sections))
    assert list(profile.plots[0].series[0].values) == [s.score for s in plan.score.sections]
    for slide in slides[1:]:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
    text = "\n".join(_slide_text(s) for s in slides)
    first = next(a for a in plan.roadmap.actions if a.status in ("todo", "doing"))
    assert first.title in text
    assert any(d.answer in text for d in plan.decisions)


def test_too_few_answers_show_no_disagreement_chart(bank):
    _, data = _deck(bank, forty()[:2], "en")
    slides = _slides(data)
    text = "\n".join(_slide_text(s) for s in slides)
    assert "Too few answers" in text
    categories = [len(shape.chart.plots[0].categories) for s in slides for shape in s.shapes if shape.has_chart]
    assert all(n != 10 for n in categories)


def test_hostile_text_builds_the_deck(bank):
    _, data = _deck(bank, forty(), "da", title=HOSTILE * 3, org=HOSTILE)
    text = _slide_text(_slides(data)[0])
    assert "\x07" not in text and "<script>" in text


def test_libreoffice_converts_the_deck_in_both_languages(decks, report_dir):
    converted = convert_to_pdf([path for _, path in decks.values()], report_dir / "converted")
    for source, pdf in converted.items():
        assert pdf.exists() and pdf.stat().st_size > 10_000, source
