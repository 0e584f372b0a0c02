"""The plan as a Word document: the PDF's content from the same :class:`readiness.plan.Plan`."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from docx.shared import Cm

from readiness.answers import Assessment
from readiness.bank import Bank
from readiness.brand import Brand, brand_for
from readiness.i18n import format_date, format_number, t
from readiness.plan import Plan
from readiness.scoring import answer_label
from readiness.theme import Theme

from .. import mplcharts
from .common import bullet, contents, cover, fill_contents, footer, heading, new_document, para, table, to_bytes
from .programme import add_effort, add_measurement_and_governance, add_pilot_and_content


def plan_docx(plan: Plan, *, brand: Brand, today: dt.date, bank: Bank | None = None,
              assessment: Assessment | None = None) -> bytes:
    """The plan as DOCX bytes: cover, contents, summary, decisions, question by question, profile,
    roadmap, KPIs, the policy outline and the guardrails, in the plan's language; with ``bank`` and
    ``assessment`` (the plan's inputs) also the PDF's appendix: the method and every answer."""
    lang = plan.lang
    brand = brand_for(brand, lang)  # the neutral brand's name in the plan's language
    theme = Theme.from_brand(brand)

    def tr(key: str, **params: object) -> str:
        return t(f"report.{key}", lang, **params)

    organisation = plan.organisation.strip() or tr("org_fallback")
    doc = new_document(theme, lang, title=f"{plan.title} – {organisation}", author=brand.name)
    cover(doc, brand, theme, title=tr("cover.title"), subtitle=organisation, date=today, lang=lang,
          lines=[(tr("cover.prepared_by"), brand.name), ("", ""), (t("deliverables.contact", lang), brand.contact),
                 (t("deliverables.website", lang), brand.website),
                 (t("deliverables.score", lang), tr("cover.score", score=f"{plan.score.overall:.0f}",
                                                     level=plan.score.level.name))])
    toc = contents(doc, tr("toc.title"))
    doc.add_page_break()

    score = plan.score
    heading(doc, tr("summary.title"))
    para(doc, f"{tr('summary.overall')}: {score.overall:.0f}/100 · {tr('summary.level')}: {score.level.name}", bold=True)
    para(doc, score.level.meaning)
    heading(doc, tr("summary.strengths"), 2)
    for s in score.strengths():
        bullet(doc, f"{s.title}: {s.score:.0f}")
    heading(doc, tr("summary.gaps"), 2)
    for s in score.gaps():
        bullet(doc, f"{s.title}: {s.score:.0f}")
    if score.blockers:
        heading(doc, tr("summary.blockers"), 2)
        para(doc, tr("summary.blockers_intro"), muted=theme.muted)
        for b in score.blockers:
            bullet(doc, b.message)
    if score.red_flags:
        heading(doc, tr("summary.red_flags"), 2)
        para(doc, tr("summary.red_flags_intro"), muted=theme.muted)
        for r in score.red_flags:
            bullet(doc, r.message)
    if not score.blockers and not score.red_flags:
        para(doc, tr("summary.none"))

    heading(doc, tr("why.title"))
    para(doc, tr("why.intro"))
    for f in plan.facts:
        bullet(doc, f"{f.figure} – {f.text}" + (f" ({tr('why.source', source=f.source)})" if f.source else ""))

    heading(doc, tr("decisions.title"))
    para(doc, tr("decisions.intro"))
    decided = sum(d.decided for d in plan.decisions)
    para(doc, tr("decisions.count", decided=decided, total=len(plan.decisions)), bold=True)
    table(doc, [tr("decisions.col_question"), tr("decisions.col_answer")],
          [[f"{d.section_title}: {d.text}", d.answer] for d in plan.decisions], theme, [9.5, 7])

    heading(doc, tr("sections.title"))
    para(doc, tr("sections.intro"))
    for s in score.sections:
        heading(doc, f"{s.title} – {s.score:.0f}/100", 2)
        para(doc, s.explanation.text)
        rows = [[i.text, i.answer, f"{i.points:g} / {i.max_points:g}"] for i in s.explanation.items]
        if rows:
            table(doc, [tr("sections.col_statement"), tr("sections.col_answer"), tr("sections.col_points")], rows,
                  theme, [9.5, 4.5, 2.5])

    heading(doc, tr("profile.title"))
    para(doc, tr("profile.intro"))
    doc.add_picture(BytesIO(mplcharts.profile_png(plan, theme, tr("profile.overall"))), width=Cm(16))

    roadmap = plan.roadmap
    heading(doc, tr("roadmap.title"))
    para(doc, tr("roadmap.intro", start=format_date(roadmap.start, lang)))
    heading(doc, tr("roadmap.timeline"), 2)
    if roadmap.phases:
        doc.add_picture(BytesIO(mplcharts.roadmap_png(plan, theme)), width=Cm(16))
    for phase in roadmap.phases:
        dates = tr("roadmap.phase_dates", start=format_date(phase.start, lang), end=format_date(phase.end, lang))
        bullet(doc, f"{phase.name} ({dates}): {phase.goal}")
    heading(doc, tr("roadmap.table"), 2)
    phase_names = {p.id: p.name for p in roadmap.phases}
    for phase in roadmap.phases:
        actions = [a for a in roadmap.actions if a.phase == phase.id]
        if not actions:
            continue
        heading(doc, phase_names[phase.id], 3)
        # start and end share one column (one date a line), so the action and its KPI get the room
        table(doc, [tr("roadmap.col_title"), tr("roadmap.col_owner"), f"{tr('roadmap.col_start')} / {tr('roadmap.col_end')}",
                    tr("roadmap.col_kpi"), tr("roadmap.col_status")],
              [[a.title, a.owner or tr("roadmap.no_owner"), f"{a.start.isoformat()}\n{a.end.isoformat()}", a.kpi,
                tr(f"status.{a.status}")] for a in actions], theme, [4.6, 2.7, 2.1, 5.5, 1.7])
    para(doc, tr("kpis.reassess_text", date=format_date(roadmap.reassess_on, lang)), italic=True)
    add_effort(doc, plan, theme)
    add_pilot_and_content(doc, plan, theme)

    heading(doc, tr("kpis.title"))
    para(doc, tr("kpis.intro"))
    table(doc, [tr("kpis.col_kpi"), tr("kpis.col_how"), tr("kpis.col_target"), tr("kpis.col_baseline"),
                tr("kpis.col_goal")],
          [[k.name, k.how, k.target, "", ""] for k in plan.kpis], theme, [3.5, 5.5, 3.5, 2, 2])
    add_measurement_and_governance(doc, plan, theme)

    heading(doc, plan.policy_title)
    para(doc, plan.policy_intro)
    for part in plan.policy:
        heading(doc, part.title, 2)
        for point in part.points:
            bullet(doc, point)
    heading(doc, tr("policy.guardrails"), 2)
    para(doc, tr("policy.guardrails_intro"))
    for g in plan.guardrails:
        heading(doc, g.title, 3)
        para(doc, g.text)
        if g.source:
            para(doc, tr("policy.source", source=g.source), muted=theme.muted)
    para(doc, plan.guardrails_disclaimer, italic=True, muted=theme.muted)

    if bank is not None and assessment is not None:
        _appendix(doc, plan, bank, assessment, theme)
    fill_contents(doc, toc)
    footer(doc, f"{brand.name} · {organisation}", tr("page"))
    return to_bytes(doc)


def _appendix(doc: object, plan: Plan, bank: Bank, assessment: Assessment, theme: Theme) -> None:
    """The method (scale, weights, levels, blockers) and every answer given, as in the PDF's appendix."""
    lang = plan.lang

    def tr(key: str, **params: object) -> str:
        return t(f"report.appendix.{key}", lang, **params)

    heading(doc, tr("title"))
    heading(doc, tr("method"), 2)
    para(doc, tr("method_intro"))
    heading(doc, tr("scale"), 3)
    table(doc, [tr("col_value"), tr("col_label"), tr("col_meaning")],
          [["–" if s.value is None else str(s.value), s.label.get(lang), s.meaning.get(lang) if s.meaning else ""]
           for s in bank.meta.scale.steps], theme, [1.6, 4.5, 10.5])
    heading(doc, tr("weights"), 3)
    table(doc, [tr("col_section"), tr("col_weight"), tr("col_statements")],
          [[s.title.get(lang), format_number(s.weight, lang, 1), str(len(s.scored_questions))]
           for s in bank.planning_sections], theme, [10.6, 3, 3])
    heading(doc, tr("levels"), 3)
    levels = bank.meta.levels
    rows = []
    for i, lv in enumerate(levels):
        high = format_number(levels[i + 1].min_score - 0.1, lang, 1) if i + 1 < len(levels) else "100"
        rows.append([lv.name.get(lang), f"{format_number(lv.min_score, lang)}–{high}", lv.meaning.get(lang)])
    table(doc, [tr("col_level"), tr("col_band"), tr("col_meaning")], rows, theme, [3.8, 2.2, 10.6])
    heading(doc, tr("blockers"), 3)
    para(doc, tr("blockers_intro"), muted=theme.muted)
    for b in bank.rules.blockers:
        level = bank.level_by_id.get(b.caps_level)
        bullet(doc, f"{b.message.get(lang)} {tr('caps', level=level.name.get(lang) if level else b.caps_level)}")
    heading(doc, tr("answers"), 2)
    for section in bank.sections:
        heading(doc, section.title.get(lang), 3)
        rows = []
        for q in section.questions:
            value = assessment.answers.get(q.id)
            rows.append([q.text.get(lang), t("answer.not_answered", lang) if value is None
                         else answer_label(bank, q.id, value, lang)])
        table(doc, [t("report.sections.col_statement", lang), t("report.sections.col_answer", lang)], rows, theme,
              [9, 7.6])
        note = assessment.notes.get(section.id, "")
        if note and note.strip():
            para(doc, f"{t('report.sections.note', lang)}: {note}", italic=True)
    planning = {s.id for s in bank.sections}
    other = {k: v for k, v in assessment.notes.items() if k not in planning and v and v.strip()}
    if other:
        heading(doc, tr("other_notes"), 3)
        for key, text in other.items():
            para(doc, key, bold=True)
            para(doc, text)
