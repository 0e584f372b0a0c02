"""What the PDF says: organisation, every heading, Danish letters, the roadmap as edited, metadata, size."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from pathlib import Path

import pytest

from readiness.i18n import format_date, format_date_short, t
from readiness.plan import build_plan

from .conftest import CREATED, LANGS, ORGANISATION, TODAY, body_texts, build, full_assessment, page_texts, squash


def headings(plan, lang: str) -> list[str]:
    keys = ["summary.title", "summary.strengths", "summary.gaps", "summary.first_actions", "why.title",
            "decisions.title", "sections.title", "sections.what_to_do", "profile.title", "roadmap.title",
            "roadmap.timeline", "roadmap.table", "kpis.title", "kpis.reassess_title", "policy.guardrails",
            "appendix.title", "appendix.method", "appendix.scale", "appendix.weights", "appendix.levels",
            "appendix.blockers", "appendix.answers", "cover.title"]
    return ([t(f"report.{k}", lang) for k in keys] + [plan.policy_title] + [s.title for s in plan.score.sections]
            + [p.title for p in plan.policy])


def outline(data: bytes) -> list[tuple[str, int]]:
    """The bookmarks as (title, 0-based page), flattened in order."""
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(data))
    out: list[tuple[str, int]] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append((item.title, reader.get_destination_page_number(item)))

    walk(reader.outline)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_text_shows_the_organisation_every_heading_and_danish_letters(bank, full_pdfs, lang):
    text = "\n".join(page_texts(full_pdfs[lang].data))
    flat = squash(text)
    assert ORGANISATION in text
    assert all(ch in text for ch in "æøåÆØÅ")
    plan = build_plan(bank, full_assessment(bank), lang, today=TODAY)
    missing = [h for h in headings(plan, lang) if squash(h) not in flat]
    assert not missing, f"headings missing from the {lang} PDF: {missing}"
    assert t("report.toc.title", lang).upper() in text  # the contents, on the cover
    assert format_date(TODAY, lang) in text  # the cover's date, as the language writes it


@pytest.mark.parametrize("lang", LANGS)
def test_bookmarks_hold_every_part_in_order(bank, full_pdfs, lang):
    plan = build_plan(bank, full_assessment(bank), lang, today=TODAY)
    marks = outline(full_pdfs[lang].data)
    titles = [title for title, _ in marks]
    parts = [t(f"report.{k}.title", lang) for k in ("summary", "why", "decisions", "sections", "profile",
                                                     "roadmap", "kpis")] + [plan.policy_title,
                                                                             t("report.appendix.title", lang)]
    assert [p for p in titles if p in parts] == parts
    pages = [page for _, page in marks]
    assert pages == sorted(pages) and pages[0] == 1  # the summary follows the cover


@pytest.mark.parametrize("lang", LANGS)
def test_roadmap_table_holds_every_action_title_and_its_dates_as_edited(bank, full_pdfs, lang):
    plan = build_plan(bank, full_assessment(bank), lang, today=TODAY)
    marks = dict(outline(full_pdfs[lang].data))
    first, last = marks[t("report.roadmap.table", lang)], marks[t("report.kpis.title", lang)]
    table = squash("".join(body_texts(full_pdfs[lang].data)[first:last + 1]))
    actions = plan.roadmap.actions
    assert any(a.origin == "added" for a in actions) and any(a.edited for a in actions)
    for a in actions:
        assert squash(a.title) in table, a.title
        assert squash(format_date_short(a.start, lang)) in table, (a.id, a.start)
        assert squash(format_date_short(a.end, lang)) in table, (a.id, a.end)
        assert squash(t(f"report.status.{a.status}", lang)) in table
    edited = next(a for a in actions if "owner" in a.edited)
    assert squash(edited.owner) in table  # "Direktør Hanne Ølgaard", as edited
    removed = full_assessment(bank).edits.removed[0]
    assert removed not in {a.id for a in actions}


@pytest.mark.parametrize("lang", LANGS)
def test_full_report_has_between_8_and_20_pages(full_pdfs, lang):
    assert 8 <= len(page_texts(full_pdfs[lang].data)) <= 20  # with time and budget, pilot, content, measurement, governance


def test_same_inputs_and_creation_date_give_identical_bytes(bank, full_pdfs, tmp_path):
    again = build(bank, full_assessment(bank), "again", tmp_path, "da")
    assert again.data == full_pdfs["da"].data


def test_metadata_title_author_subject_language_and_date(full_pdfs):
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(full_pdfs["da"].data))
    meta = reader.metadata
    assert ORGANISATION in meta.title
    assert meta.author == "Parathedstjek for employee advocacy"  # the neutral brand's name, in Danish
    assert "employee advocacy" in meta.subject.lower()
    assert reader.trailer["/Root"]["/Lang"] == "da-DK"
    assert meta.creation_date.replace(tzinfo=dt.UTC) == CREATED
    assert PdfReader(BytesIO(full_pdfs["en"].data)).trailer["/Root"]["/Lang"] == "en-GB"


def test_the_facts_are_cited_with_their_sources(bank, full_pdfs):
    text = squash("".join(page_texts(full_pdfs["en"].data)))
    plan = build_plan(bank, full_assessment(bank), "en", today=TODAY)
    for fact in plan.facts:
        assert squash(fact.figure) in text
        assert squash(bank.sources[bank.facts.facts[[f.id for f in bank.facts.facts].index(fact.id)].source].name) in text


def test_decisions_kpis_reassessment_and_guardrails_are_printed(bank, full_pdfs):
    text = squash("".join(page_texts(full_pdfs["da"].data)))
    plan = build_plan(bank, full_assessment(bank), "da", today=TODAY)
    for d in plan.decisions:
        assert squash(d.text) in text and squash(d.answer) in text
    for k in plan.kpis:
        assert squash(k.name) in text
    assert squash(format_date(plan.roadmap.reassess_on, "da")) in text
    for g in plan.guardrails:
        assert squash(g.title) in text
    assert squash(plan.guardrails_disclaimer) in text


def test_every_answer_appears_in_the_appendix(bank, full_pdfs):
    from readiness.scoring import answer_label

    texts = body_texts(full_pdfs["da"].data)  # a question may continue on the next page
    marks = dict(outline(full_pdfs["da"].data))
    appendix = squash("".join(texts[marks[t("report.appendix.answers", "da")]:]))
    answers = full_assessment(bank).answers
    for q in bank.questions.values():
        assert squash(q.text.da) in appendix, q.id
        if q.id in answers:
            assert squash(answer_label(bank, q.id, answers[q.id], "da")) in appendix, q.id


@pytest.mark.parametrize("lang, other", [("da", "en"), ("en", "da")])
def test_bank_texts_come_in_the_reports_language_only(bank, full_pdfs, lang, other):
    text = squash("".join(page_texts(full_pdfs[lang].data)))
    for level in bank.meta.levels:  # on the summary's level scale, the profile chart and in the appendix
        assert squash(getattr(level.name, lang)) in text
        assert squash(getattr(level.name, other)) not in text, getattr(level.name, other)
    for section in bank.planning_sections:
        assert squash(getattr(section.planning_question, lang)) in text
        assert squash(getattr(section.planning_question, other)) not in text


# -- the programme parts, for every archetype in both languages --------------------------------

ARCHETYPE_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "archetypes"
ARCHETYPE_CASES = [(p.stem, lang) for p in sorted(ARCHETYPE_DIR.glob("*.json")) for lang in LANGS]


@pytest.fixture(scope="module")
def archetype_outputs(bank, report_dir):
    """Per (archetype, language): the plan, the PDF text (squashed) and the DOCX text (squashed)."""
    import docx

    from readiness.answers import parse_answers_file
    from readiness.brand import DEFAULT_BRAND
    from readiness.theme import Theme
    from reports.docx.common import new_document, to_bytes
    from reports.docx.programme import add_effort, add_measurement_and_governance, add_pilot_and_content

    theme = Theme.from_brand(DEFAULT_BRAND)
    out = {}
    for stem, lang in ARCHETYPE_CASES:
        assessment = parse_answers_file(bank, (ARCHETYPE_DIR / f"{stem}.json").read_bytes())
        plan = build_plan(bank, assessment, lang, today=TODAY)
        built = build(bank, assessment, f"archetype-{stem}", report_dir, lang)
        # the programme parts as the Word plan adds them (test_programme_parts_are_in_the_word_plan checks the wiring)
        document = new_document(theme, lang, title=stem, author="x")
        for add in (add_effort, add_pilot_and_content, add_measurement_and_governance):
            add(document, plan, theme)
        document = docx.Document(BytesIO(to_bytes(document)))
        word = [p.text for p in document.paragraphs]
        word += [c.text for table in document.tables for row in table.rows for c in row.cells]
        out[stem, lang] = (plan, squash("".join(body_texts(built.data))), squash("\n".join(word)))
    return out


@pytest.mark.parametrize("case", ARCHETYPE_CASES, ids=[f"{s}-{lang}" for s, lang in ARCHETYPE_CASES])
def test_time_and_budget_estimates_are_in_the_pdf_and_the_docx(archetype_outputs, case):
    from readiness.i18n import format_number
    plan, pdf_text, word_text = archetype_outputs[case]
    lang, effort = case[1], plan.effort
    for text in (pdf_text, word_text):
        assert squash(effort.title) in text and squash(effort.intro) in text
        for phase in effort.phases:
            assert squash(phase.name) in text
        for cost in effort.costs:
            assert squash(f"{cost.name}") in text
            assert squash(f"{format_number(cost.low, lang)}–{format_number(cost.high, lang)}") in text
        assert squash(t("programme.effort.costs_total", lang, low=format_number(effort.cost_low, lang),
                        high=format_number(effort.cost_high, lang), currency=effort.currency)) in text
        for a in effort.actions:
            assert squash(a.title) in text
        if effort.overload:
            assert squash(effort.overload) in text
        assert ".." not in text.replace("...", "")  # "kr." ends no sentence twice
    assert squash(t("programme.estimate", lang)) in pdf_text


def _all_in(texts, lines):
    missing = [line for line in lines if any(squash(line) not in text for text in texts)]
    assert not missing, missing


@pytest.mark.parametrize("case", ARCHETYPE_CASES, ids=[f"{s}-{lang}" for s, lang in ARCHETYPE_CASES])
def test_the_pilot_design_page_is_in_the_pdf_and_the_docx(archetype_outputs, case):
    plan, pdf_text, word_text = archetype_outputs[case]
    pilot = plan.programme.pilot
    _all_in((pdf_text, word_text), [pilot.title, pilot.selection_title, *pilot.selection, pilot.kickoff_title,
                                    *pilot.kickoff, pilot.threshold_title, *pilot.thresholds, pilot.midpoint_title,
                                    pilot.midpoint, pilot.decision_title, pilot.decision])


@pytest.mark.parametrize("case", ARCHETYPE_CASES, ids=[f"{s}-{lang}" for s, lang in ARCHETYPE_CASES])
def test_starter_content_stories_calendar_and_capacity_are_in_the_pdf_and_the_docx(archetype_outputs, case):
    plan, pdf_text, word_text = archetype_outputs[case]
    content = plan.programme.starters
    weeks = [x for w in content.weeks for x in (w.label, format_date_short(w.start, case[1]), w.theme)]
    _all_in((pdf_text, word_text), [content.title, content.ideas_title, *content.ideas, content.stories_title,
                                    *content.stories, content.calendar_title, *weeks])
    if content.capacity:
        _all_in((pdf_text, word_text), [content.capacity])


@pytest.mark.parametrize("case", ARCHETYPE_CASES, ids=[f"{s}-{lang}" for s, lang in ARCHETYPE_CASES])
def test_the_measurement_plan_and_governance_are_in_the_pdf_and_the_docx(archetype_outputs, case):
    plan, pdf_text, word_text = archetype_outputs[case]
    m, g = plan.programme.measurement, plan.programme.governance
    _all_in((pdf_text, word_text), [m.title, *m.columns, *(x for r in m.rows for x in (r.kpi, r.where)), m.report,
                                    *m.template, g.title, *g.roles, g.council_title, *g.council, g.managers_title,
                                    *g.managers])
    forced = case[0] == "forced-campaign"
    assert (g.turnaround is not None) is forced
    if forced:
        _all_in((pdf_text, word_text), [g.turnaround.title, g.turnaround.intro, *g.turnaround.points])


def test_programme_parts_are_in_the_word_plan_in_order(bank):
    import docx

    from readiness.brand import DEFAULT_BRAND
    from reports.docx import plan_docx
    plan = build_plan(bank, full_assessment(bank), "en", today=TODAY)
    document = docx.Document(BytesIO(plan_docx(plan, brand=DEFAULT_BRAND, today=TODAY)))
    titles = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    wanted = [t("report.roadmap.title", "en"), plan.effort.title, plan.programme.pilot.title,
              plan.programme.starters.title, t("report.kpis.title", "en"), plan.programme.measurement.title,
              plan.programme.governance.title, plan.policy_title]
    assert [x for x in titles if x in wanted] == wanted


def test_the_neutral_brand_is_named_in_the_reports_language(bank, full_pdfs):
    from pypdf import PdfReader
    da, en = page_texts(full_pdfs["da"].data), page_texts(full_pdfs["en"].data)
    assert "Parathedstjek for employee advocacy" in da[0] and "Employee Advocacy Readiness" not in "".join(da)
    assert "Employee Advocacy Readiness" in en[0]
    assert PdfReader(BytesIO(full_pdfs["en"].data)).metadata.author == "Employee Advocacy Readiness"


def test_the_content_capacity_check_is_printed_once_on_the_content_page(archetype_outputs):
    plan, pdf_text, _ = archetype_outputs["public-sector", "da"]
    capacity = squash(plan.programme.starters.capacity)
    assert capacity and pdf_text.count(capacity) == 1
    # the headings' last occurrences (the first are in the contents on the cover)
    assert pdf_text.rindex(squash(plan.programme.starters.title)) < pdf_text.index(capacity)
    assert pdf_text.index(capacity) < pdf_text.rindex(squash(t("report.kpis.title", "da")))
