"""The readiness profile: every section on one vector chart."""

from __future__ import annotations

from readiness.plan import Plan

from ..charts import profile_chart
from ..document import ReportPDF
from .summary import levels_of


def render_profile(pdf: ReportPDF, plan: Plan) -> None:
    pdf.part(pdf.tr("profile.title"), new_page=False, keep=110)
    pdf.para(pdf.tr("profile.intro"), colour=pdf.theme.muted, after=3)
    height = 9 + len(plan.score.sections) * 8.0 + 2 + 10
    pdf.ensure_space(height)
    y = pdf.y
    used = profile_chart(pdf, plan.score, levels_of(pdf), pdf.l_margin, y, pdf.epw)
    pdf.set_y(y + used + 2)
