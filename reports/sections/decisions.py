"""The seven decisions as made, or "not decided yet"."""

from __future__ import annotations

from readiness.plan import Plan

from ..document import ReportPDF
from ..text import shorten


def render_decisions(pdf: ReportPDF, plan: Plan) -> None:
    th = pdf.theme
    pdf.part(pdf.tr("decisions.title"), new_page=False, keep=90)
    pdf.para(pdf.tr("decisions.intro"), colour=th.muted, after=1)
    decided = sum(1 for d in plan.decisions if d.decided)
    pdf.para(pdf.tr("decisions.count", decided=decided, total=len(plan.decisions)), size=9, style="B", after=3)
    rows, groups = [], {}
    open_face = pdf.face(style="I", colour=th.warning)
    previous = None
    for d in plan.decisions:
        if d.section != previous:
            title = d.section_title + (f" – {d.planning_question}" if d.planning_question else "")
            groups[len(rows)] = title
            previous = d.section
        answer = shorten(d.answer, 600)
        rows.append((d.text, answer if d.decided else (answer, open_face)))
    pdf.data_table([pdf.tr("decisions.col_question"), pdf.tr("decisions.col_answer")], rows, (55, 45), size=8, padding=1.1,
                   group_rows=groups, zebra=False)
