"""The pilot design: who takes part, the kick-off agenda, the success threshold, the mid-point and the go/no-go."""

from __future__ import annotations

from readiness.plan import Plan
from readiness.theme import mix

from ..document import ReportPDF


def render_pilot(pdf: ReportPDF, plan: Plan) -> None:
    if plan.programme is None:
        return
    pilot, th = plan.programme.pilot, pdf.theme
    pdf.part(pilot.title, new_page=False, keep=120)
    pdf.para(pilot.intro, colour=th.muted, after=2)
    pdf.minor(pilot.selection_title)
    pdf.bullets(pilot.selection)
    pdf.minor(pilot.kickoff_title)
    pdf.bullets(pilot.kickoff, marker="–")
    pdf.minor(pilot.threshold_title)
    pdf.para(pilot.threshold_intro, colour=th.muted, after=1)
    pdf.bullets(pilot.thresholds, marker="✓" if ord("✓") in pdf.coverage else "•")
    pdf.minor(pilot.midpoint_title)
    pdf.para(pilot.midpoint, after=2)
    pdf.callout(pilot.decision_title, [pilot.decision], colour=th.primary, fill=mix(th.primary, "#FFFFFF", 0.9),
                marker="→")
