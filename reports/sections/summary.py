"""The summary, on one page: score and level, strongest and weakest areas, blockers and red flags, first steps."""

from __future__ import annotations

from fpdf.enums import XPos, YPos

from readiness.i18n import format_date_short, format_number, t
from readiness.plan import Plan
from readiness.roadmap import RoadmapAction
from readiness.scoring import SectionScore
from readiness.theme import mix, result_colour

from ..charts import level_scale, score_bar
from ..document import BODY, SMALL, ReportPDF
from ..text import shorten


def levels_of(pdf: ReportPDF) -> list[tuple[str, float]]:
    return [(lv.name.get(pdf.language), lv.min_score) for lv in pdf.ctx.bank.meta.levels]


def first_actions(plan: Plan, n: int = 3) -> list[RoadmapAction]:
    """The ``n`` open actions that start first (ties: the more important first)."""
    open_ = [a for a in plan.roadmap.actions if a.status in ("todo", "doing")]
    return sorted(open_, key=lambda a: (a.start, a.priority))[:n]


def render_summary(pdf: ReportPDF, plan: Plan) -> None:
    th, result = pdf.theme, plan.score
    pdf.part(pdf.tr("summary.title"))

    # the score and the level
    top = pdf.y
    pdf.style(SMALL, "", th.muted)
    pdf.cell(44, 4, pdf.tr("summary.overall"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.style(42, "B", result_colour(result.overall, result.capped))
    number = format_number(result.overall, pdf.language)
    pdf.cell(pdf.get_string_width(number) + 1, 17, number)
    pdf.style(11, "", th.muted)
    pdf.cell(12, 21, "/100")
    right = pdf.l_margin + 52
    width = pdf.w - pdf.r_margin - right
    pdf.set_xy(right, top)
    pdf.style(SMALL, "", th.muted)
    pdf.cell(width, 4, pdf.tr("summary.level"))
    pdf.set_xy(right, top + 4.5)
    pdf.style(15, "B", th.text)
    pdf.cell(width, 7, pdf.safe(result.level.name, single_line=True))
    h = level_scale(pdf, result, levels_of(pdf), right, top + 16, width)
    pdf.set_y(top + 16 + h + 1)
    pdf.para(plan.level_text or result.level.meaning, x=right, w=width, after=0.5)
    pdf.set_y(max(pdf.y, top + 30) + 8)

    # strongest and weakest areas side by side
    col = (pdf.epw - 10) / 2
    top = pdf.y
    for i, (title, sections) in enumerate(((pdf.tr("summary.strengths"), result.strengths(3)),
                                           (pdf.tr("summary.gaps"), result.gaps(3)))):
        x = pdf.l_margin + i * (col + 10)
        _area_list(pdf, title, sections, x, top, col)
    pdf.set_y(top + 6 + 3 * 7 + 7)

    # blockers first, then red flags
    if result.blockers:
        lines = [b.message for b in result.blockers]  # every one: none may hide behind "and N more"
        pdf.callout(pdf.tr("summary.blockers"), lines, intro=pdf.tr("summary.blockers_intro"), colour=th.danger,
                    fill=mix(th.danger, "#FFFFFF", 0.9), marker="!")
    if result.red_flags:
        lines = [r.message for r in result.red_flags]  # voluntariness and law first (the bank's order)
        pdf.callout(pdf.tr("summary.red_flags"), lines, intro=pdf.tr("summary.red_flags_intro"), colour=th.warning,
                    fill=mix(th.warning, "#FFFFFF", 0.9))
    if not result.blockers and not result.red_flags:
        scored = sum(len(s.explanation.items) for s in result.sections)
        gaps = len(result.unknown) + len(result.missing)
        # "well done" only when most questions are answered; an empty assessment has nothing to praise
        pdf.para(pdf.tr("summary.none" if gaps * 2 <= scored else "plan.none_incomplete"), colour=th.muted)

    # the first three steps
    pdf.gap(3)
    actions = first_actions(plan)
    with pdf.unbreakable() as block:  # the heading and the three steps stay together
        block.minor(pdf.tr("summary.first_actions"), keep=0)
        if not actions:
            block.para(pdf.tr("summary.no_actions"), colour=th.muted)
        for n, action in enumerate(actions, 1):
            block.draw(_step, n, action)
    if result.unknown or result.missing:
        pdf.gap(2)
        pdf.para(pdf.tr("summary.gaps_line", unknown=len(result.unknown), missing=len(result.missing)), size=SMALL,
                 colour=th.muted)


def _area_list(pdf: ReportPDF, title: str, sections: tuple[SectionScore, ...], x: float, y: float, w: float) -> None:
    th = pdf.theme
    pdf.style(10, "B", th.text)
    pdf.set_xy(x, y)
    pdf.cell(w, 5, pdf.safe(title))
    label_w = w * 0.5
    if not sections:  # no area scores above zero without a finding: say so rather than list zeros
        pdf.style(BODY, "", th.muted)
        pdf.set_xy(x, y + 7)
        pdf.multi_cell(w, 4.5, pdf.safe(t("plan.no_strengths", pdf.language)))
    for i, s in enumerate(sections):
        cy = y + 7 + i * 7
        pdf.style(BODY, "", th.text)
        pdf.set_xy(x, cy)
        pdf.cell(label_w, 5, pdf.fit(pdf.safe(s.title, single_line=True), label_w - 2))
        score_bar(pdf, x + label_w, cy + 1.2, w - label_w, 2.6, s.score)


def _step(pdf: ReportPDF, n: int, action: RoadmapAction) -> None:
    """One numbered step: the action's title, then its dates and owner."""
    th = pdf.theme
    title = pdf.safe(shorten(action.title, 160))
    meta = pdf.tr("summary.action_line", start=format_date_short(action.start, pdf.language),
                  end=format_date_short(action.end, pdf.language), owner=shorten(action.owner, 120) or "–")
    meta = pdf.safe(meta)
    text_w = pdf.epw - 10
    y = pdf.y
    pdf.set_fill_colour(th.primary)
    pdf.circle(pdf.l_margin + 3, y + 2.6, 2.6, style="F")
    pdf.style(SMALL, "B", "#FFFFFF")
    pdf.set_xy(pdf.l_margin, y + 0.6)
    pdf.cell(6, 4, str(n), align="C")
    pdf.style(BODY, "B", th.text)
    pdf.set_xy(pdf.l_margin + 10, y)
    with pdf.shaping(title):
        pdf.multi_cell(text_w, pdf.line_height(BODY), title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.style(SMALL, "", th.muted)
    pdf.set_x(pdf.l_margin + 10)
    with pdf.shaping(meta):
        pdf.multi_cell(text_w, pdf.line_height(SMALL), meta, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2.5)
    pdf.style()
