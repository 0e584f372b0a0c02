"""Roles and governance: owner and sponsor, the works council, a guide for managers, a forced campaign's turnaround."""

from __future__ import annotations

from readiness.plan import Plan
from readiness.theme import mix

from ..document import ReportPDF


def render_governance(pdf: ReportPDF, plan: Plan) -> None:
    if plan.programme is None:
        return
    g, th = plan.programme.governance, pdf.theme
    pdf.part(g.title, new_page=False, keep=90)
    pdf.para(g.intro, colour=th.muted, after=2)
    pdf.bullets(g.roles)
    pdf.minor(g.council_title)
    pdf.bullets(g.council)
    pdf.minor(g.managers_title)
    pdf.bullets(g.managers, marker="–")
    if g.turnaround is not None:
        pdf.gap(2)
        pdf.callout(g.turnaround.title, g.turnaround.points, colour=th.warning, fill=mix(th.warning, "#FFFFFF", 0.88),
                    intro=g.turnaround.intro)
