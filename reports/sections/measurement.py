"""The measurement plan: who pulls which figure from where, baseline and target columns, the monthly report."""

from __future__ import annotations

from readiness.plan import Plan
from readiness.theme import mix

from ..document import ReportPDF


def render_measurement(pdf: ReportPDF, plan: Plan) -> None:
    if plan.programme is None:
        return
    m, th = plan.programme.measurement, pdf.theme
    pdf.part(m.title, new_page=False, keep=90)
    pdf.para(m.intro, colour=th.muted, after=2)
    blank = (" ", pdf.face(fill=mix(th.primary, "#FFFFFF", 0.94)))  # fields to write in
    rows = [(r.kpi, r.where, r.who, blank, blank) for r in m.rows]
    pdf.data_table(list(m.columns), rows, (32, 58, 34, 28, 28), size=7.4, zebra=False, padding=1.3)
    pdf.callout(m.report_title, [m.report], colour=th.primary, fill=mix(th.primary, "#FFFFFF", 0.9), marker="→")
    pdf.minor(m.template_title)
    pdf.bullets(m.template, marker="–")
