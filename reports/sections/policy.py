"""A starter outline for a positive social media policy, filled in from the decisions, and the Danish ground rules."""

from __future__ import annotations

from readiness.plan import Plan
from readiness.theme import mix

from ..document import SMALL, TINY, ReportPDF


def render_policy(pdf: ReportPDF, plan: Plan) -> None:
    th = pdf.theme
    pdf.part(plan.policy_title, new_page=False, keep=70)
    pdf.para(plan.policy_intro, colour=th.muted, after=3)
    for part in plan.policy:
        pdf.minor(part.title, keep=16, colour=th.primary)
        pdf.bullets(part.points, size=8.6, after=0.6)

    pdf.subheading(pdf.tr("policy.guardrails"), keep=45)
    pdf.para(pdf.tr("policy.guardrails_intro"), colour=th.muted, after=2.5)
    for g in plan.guardrails:
        # title, advice and source on one page (measured: unbreakable() deep-copies the whole
        # document, ~25 ms a block here, so it is kept for the summary's steps)
        title, text = pdf.safe(g.title), pdf.safe(g.text)
        source = pdf.safe(pdf.tr("policy.source", source=g.source))
        need = (pdf.text_height(title, pdf.epw, 10, "B") + pdf.text_height(text, pdf.epw, 8.6)
                + pdf.text_height(source, pdf.epw, TINY) + 6)
        pdf.ensure_space(min(need, 80))
        pdf.minor(g.title, keep=0)
        pdf.para(g.text, size=8.6, after=0.5)
        pdf.para(pdf.tr("policy.source", source=g.source), size=TINY, colour=th.muted, after=2)
    pdf.gap(1)
    pdf.callout("", [plan.guardrails_disclaimer], colour=th.muted, fill=mix(th.muted, "#FFFFFF", 0.9), marker="i")
    pdf.style(SMALL)
