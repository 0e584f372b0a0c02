"""The plan and the positive social media policy as Word documents: read back, hostile text, LibreOffice."""

from __future__ import annotations

import io
import re
import subprocess

import pytest

from readiness.brand import DEFAULT_BRAND
from readiness.plan import build_plan
from readiness.policy_document import (
    PLACEHOLDER,
    PolicyDocumentError,
    build_policy_document,
    load_policy_document,
    read_policy_document,
)
from tests.reports.conftest import LANGS, ORGANISATION, TODAY, full_assessment, hostile_assessment
from tests.reports.office import convert_to_pdf

HEADINGS = {"da": ("Resumé", "Køreplanen", "Nøgletal, I kan følge", "Bilag: metode og alle svar"),
            "en": ("Summary", "The roadmap", "KPIs to track", "Appendix: method and all answers")}


def _docx(data: bytes):
    import docx

    return docx.Document(io.BytesIO(data))


def _text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _headings(doc) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]


@pytest.fixture(scope="module")
def plans(bank):
    assessment = full_assessment(bank)
    return {lang: build_plan(bank, assessment, lang, today=TODAY) for lang in LANGS}


@pytest.fixture(scope="module")
def plan_files(bank, plans, report_dir):
    from reports.docx import plan_docx

    out = {}
    for lang, plan in plans.items():
        path = report_dir / f"plan-{lang}.docx"
        path.write_bytes(plan_docx(plan, brand=DEFAULT_BRAND, today=TODAY, bank=bank, assessment=full_assessment(bank)))
        out[lang] = path
    return out


@pytest.fixture(scope="module")
def policy_files(bank, plans, report_dir):
    from reports.docx import policy_docx

    sector = full_assessment(bank).answers.get("context.sector")
    out = {}
    for lang, plan in plans.items():
        document = build_policy_document(load_policy_document(), plan, sector=sector, today=TODAY)
        path = report_dir / f"policy-{lang}.docx"
        path.write_bytes(policy_docx(document, brand=DEFAULT_BRAND))
        out[lang] = path
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_the_plan_has_word_headings_the_organisation_and_every_roadmap_action(plans, plan_files, lang):
    doc = _docx(plan_files[lang].read_bytes())
    headings = _headings(doc)
    assert {style for style, _ in headings} >= {"Heading 1", "Heading 2"}
    texts = [text for _, text in headings]
    for expected in HEADINGS[lang]:
        assert expected in texts
    body = _text(doc)
    assert ORGANISATION in body
    for action in plans[lang].roadmap.actions:
        assert action.title in body, action.id
    assert doc.inline_shapes, "the profile and timeline charts are images"
    toc = next(p for p in doc.paragraphs if "TOC \\o" in p._p.xml)
    assert HEADINGS[lang][0] in toc._p.xml  # the chapter titles show before Word updates the field
    footer_xml = doc.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml


@pytest.mark.parametrize("lang", LANGS)
def test_the_policy_covers_the_chosen_platforms_owner_version_and_has_no_placeholders(bank, plans, policy_files,
                                                                                      lang):
    doc = _docx(policy_files[lang].read_bytes())
    body = _text(doc)
    platforms = next(d.answer for d in plans[lang].decisions if d.question == "platforms.start")
    assert platforms and platforms in body
    assert ORGANISATION in body
    assert "1.0" in body and str(TODAY.year) in body
    assert not PLACEHOLDER.search(body), PLACEHOLDER.search(body)
    assert any(style == "Heading 1" for style, _ in _headings(doc))
    owner = next(d.answer for d in plans[lang].decisions if d.question == "ownership.function")
    assert owner in body


def test_every_placeholder_in_the_policy_outline_has_a_fill(bank):
    content = load_policy_document()
    for section in bank.policy.sections:
        for point in section.points:
            for lang in LANGS:
                for m in PLACEHOLDER.finditer(point.text.get(lang)):
                    key = re.split(r"[\s,]", m.group(1).strip(), maxsplit=1)[0].lower()
                    assert key in content.fills, (section.id, m.group(0))


def test_a_broken_policy_document_file_is_named_with_its_field(tmp_path):
    (tmp_path / "policy_document.yaml").write_text("title: {da: Titel}\n", encoding="utf-8")
    with pytest.raises(PolicyDocumentError, match=r"policy_document.yaml: title.en: missing"):
        read_policy_document(tmp_path)


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_text_builds_both_word_documents(bank, report_dir, lang):
    from reports.docx import plan_docx, policy_docx

    assessment = hostile_assessment(bank)
    plan = build_plan(bank, assessment, lang, today=TODAY)
    data = plan_docx(plan, brand=DEFAULT_BRAND, today=TODAY, bank=bank, assessment=assessment)
    (report_dir / f"plan-hostile-{lang}.docx").write_bytes(data)
    body = _text(_docx(data))
    assert "\x07" not in body and "\x1b" not in body
    assert "<script>alert('x')</script>" in body  # printed as typed
    assert "Lang note om ærlige svar" in body  # the 5,000-character note, in the appendix
    policy = policy_docx(build_policy_document(load_policy_document(), plan, sector="public", today=TODAY,
                                               owner="\x00Åse " + "\u202e"), brand=DEFAULT_BRAND)
    assert "Åse" in _text(_docx(policy))


@pytest.fixture(scope="module")
def converted(plan_files, policy_files, report_dir):
    return convert_to_pdf([*plan_files.values(), *policy_files.values()], report_dir / "converted")


def test_libreoffice_converts_the_plan_and_the_policy_in_both_languages(converted):
    for source, pdf in converted.items():
        assert pdf.exists() and pdf.stat().st_size > 10_000, source
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert pages >= (6 if source.stem.startswith("plan") else 2), (source, pages)


def test_the_download_builders_give_word_files_of_the_plan_and_the_policy(bank):
    from ui.downloads import plan_docx_builder, policy_docx_builder, policy_stem

    assessment = full_assessment(bank)
    plan = _text(_docx(plan_docx_builder(bank, assessment, "en", DEFAULT_BRAND)()))
    policy = _text(_docx(policy_docx_builder(bank, assessment, "en", DEFAULT_BRAND)()))
    assert ORGANISATION in plan and "Positive social media policy" in policy
    assert policy_stem("Fjordhavn Rådgivning", "da") == "fjordhavn-raadgivning-some-politik"
