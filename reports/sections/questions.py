"""Question by question: each planning section's score, the answers behind it, why, and what to do."""

from __future__ import annotations

from readiness.i18n import format_date_short, format_number
from readiness.plan import Plan
from readiness.scoring import FindingResult, SectionScore
from readiness.theme import mix, score_colour

from ..charts import score_bar
from ..document import BODY, SMALL, ReportPDF
from ..text import shorten


def render_questions(pdf: ReportPDF, plan: Plan) -> None:
    th = pdf.theme
    pdf.part(pdf.tr("sections.title"), new_page=False, keep=92)
    pdf.para(pdf.tr("sections.intro"), colour=th.muted, after=2)
    # findings no single section owns (a rule on the overall score, say) are shown up front
    bank_sections = {q.id: s.id for s in pdf.ctx.bank.sections for q in s.questions}
    placed = {f.id for s in plan.score.sections for f in _findings_for(plan, s, bank_sections)}
    loose = [f for f in (*plan.score.blockers, *plan.score.red_flags) if f.id not in placed]
    if loose:
        colour = th.danger if any(f in plan.score.blockers for f in loose) else th.warning
        pdf.callout(pdf.tr("sections.watch"), [f.message for f in loose], colour=colour,
                    fill=mix(colour, "#FFFFFF", 0.9))
    for section in plan.score.sections:
        render_section(pdf, plan, section)


def _findings_for(plan: Plan, section: SectionScore, bank_sections: dict[str, str]) -> list[FindingResult]:
    out = []
    for f in (*plan.score.blockers, *plan.score.red_flags):
        if any(tr.section == section.id or (tr.question and bank_sections.get(tr.question) == section.id)
               for tr in f.triggers):
            out.append(f)
    return out


def render_section(pdf: ReportPDF, plan: Plan, section: SectionScore) -> None:
    th, bank = pdf.theme, pdf.ctx.bank
    info = bank.section_by_id[section.id]
    pdf.gap(4)
    pdf.ensure_space(58)
    # the heading line: number, title, a score bar and the score
    pdf.start_section(pdf.safe(f"{info.number}. {section.title}", single_line=True), level=1)
    y = pdf.y
    colour = score_colour(section.score)
    pdf.set_fill_colour(th.primary)
    pdf.rect(pdf.l_margin, y, 7, 7, style="F", round_corners=True, corner_radius=1.2)
    pdf.style(10.5, "B", "#FFFFFF")
    pdf.set_xy(pdf.l_margin, y + 0.3)
    pdf.cell(7, 6.4, str(info.number), align="C")
    bar_w = 46.0
    title_w = pdf.epw - 10 - bar_w - 24
    pdf.style(12.5, "B", th.text)
    pdf.set_xy(pdf.l_margin + 10, y)
    pdf.cell(title_w, 7, pdf.fit(pdf.safe(section.title, single_line=True), title_w))
    score_bar(pdf, pdf.w - pdf.r_margin - bar_w - 22, y + 2.4, bar_w, 2.4, section.score, label=False)
    pdf.style(12.5, "B", colour)
    pdf.set_xy(pdf.w - pdf.r_margin - 20, y)
    pdf.cell(20, 7, f"{format_number(section.score, pdf.language)}/100", align="R")
    pdf.set_y(y + 8)
    if info.planning_question:
        pdf.para(info.planning_question.get(pdf.language), size=SMALL + 0.6, style="I", colour=th.muted, after=1.5,
                 x=pdf.l_margin + 10)
    pdf.ln(0.5)

    # the answers behind the score
    rows = []
    for item in section.explanation.items:
        if item.status == "answered":
            answer: object = item.answer
        else:
            gap = pdf.tr("sections.status_unknown" if item.status == "unknown" else "sections.status_missing")
            answer = (item.answer if item.status == "unknown" else gap.capitalize(), pdf.face(style="I", colour=th.warning))
        points = f"{format_number(item.points, pdf.language, 1)} / {format_number(item.max_points, pdf.language, 1)}"
        rows.append((item.text, answer, points))
    pdf.data_table([pdf.tr("sections.col_statement"), pdf.tr("sections.col_answer"), pdf.tr("sections.col_points")],
                   rows, (106, 50, 22), size=7.4, align=("LEFT", "LEFT", "RIGHT"), padding=0.9)
    pdf.para(section.explanation.text, size=SMALL, colour=th.muted, after=1)

    # what to watch out for
    bank_sections = {q.id: s.id for s in bank.sections for q in s.questions}
    findings = _findings_for(plan, section, bank_sections)
    if findings:
        blockers = {b.id for b in plan.score.blockers}
        has_blocker = any(f.id in blockers for f in findings)
        colour = th.danger if has_blocker else th.warning
        pdf.gap(1)
        pdf.callout(pdf.tr("sections.watch"), [f.message for f in findings], colour=colour,
                    fill=mix(colour, "#FFFFFF", 0.9), marker="!" if has_blocker else "•")

    # what to do
    actions = [a for a in plan.roadmap.actions if a.section == section.id and a.status != "dropped"]
    pdf.minor(pdf.tr("sections.what_to_do"), keep=14, size=9)
    if not actions:
        pdf.para(pdf.tr("sections.no_actions"), colour=th.muted)
    for a in actions:
        _action_item(pdf, a.title, pdf.tr("roadmap.phase_dates", start=format_date_short(a.start, pdf.language),
                                          end=format_date_short(a.end, pdf.language)))

    # the organisation's own notes for this section (user text: may be long, breaks across pages)
    note = pdf.ctx.assessment.notes.get(section.id)
    if note and note.strip():
        pdf.minor(pdf.tr("sections.note"), keep=14)
        pdf.para(note, colour=th.text)
    pdf.ln(2)
    pdf.set_draw_colour(th.grid)
    pdf.set_line_width(0.3)
    pdf.line(pdf.l_margin, pdf.y, pdf.w - pdf.r_margin, pdf.y)
    pdf.ln(1)


def _action_item(pdf: ReportPDF, title: str, dates: str) -> None:
    """One action of the roadmap, short: its title and dates (why, owner and KPI are in the roadmap)."""
    th = pdf.theme
    title, dates = pdf.safe(shorten(title, 200)), pdf.safe(dates)
    lh = pdf.line_height(BODY)
    pdf.ensure_space(lh + 1)
    y = pdf.y
    pdf.set_fill_colour(th.accent)
    pdf.rect(pdf.l_margin + 0.5, y + lh / 2 - 0.8, 1.6, 1.6, style="F")
    left = pdf.l_margin
    pdf.set_left_margin(left + 5)
    pdf.set_xy(left + 5, y)
    with pdf.shaping(title):
        pdf.style(BODY, "", th.text)
        pdf.write(lh, title + "   ")
    pdf.style(SMALL, "", th.muted)
    if pdf.x + pdf.get_string_width(dates) > pdf.w - pdf.r_margin:
        pdf.ln(lh)
    pdf.write(lh, dates)
    pdf.ln(lh)
    pdf.set_left_margin(left)
    pdf.ln(0.6)
    pdf.style()
