"""KPIs to track, with empty baseline and target fields to fill in, and the re-assessment date."""

from __future__ import annotations

from readiness.i18n import format_date, t
from readiness.plan import Plan
from readiness.theme import mix

from ..document import SMALL, ReportPDF


def render_kpis(pdf: ReportPDF, plan: Plan) -> None:
    th = pdf.theme
    pdf.part(pdf.tr("kpis.title"), new_page=False, keep=80)
    pdf.para(pdf.tr("kpis.intro"), colour=th.muted, after=3)
    blank = (" ", pdf.face(fill=mix(th.primary, "#FFFFFF", 0.94)))  # a tinted field to write in
    rows = [(k.name, k.how, k.target, blank, blank) for k in plan.kpis]
    headings = [pdf.tr(f"kpis.col_{c}") for c in ("kpi", "how", "target", "baseline", "goal")]
    pdf.data_table(headings, rows, (30, 62, 36, 25, 25), size=7.4, zebra=False, padding=1.3)
    sources = list(dict.fromkeys(k.source for k in plan.kpis if k.source))
    if sources:
        pdf.para(f"{pdf.tr('kpis.sources')}: " + "; ".join(sources), size=7, colour=th.muted, after=4)
    if plan.content_capacity and plan.programme is None:  # otherwise on the content page, with the pilot's content
        pdf.callout(t("plan.capacity_title", pdf.language), [plan.content_capacity], colour=th.primary,
                    fill=mix(th.primary, "#FFFFFF", 0.9), marker="→")
    date = format_date(plan.roadmap.reassess_on, pdf.language)
    pdf.callout(pdf.tr("kpis.reassess_title"), [pdf.tr("kpis.reassess_text", date=date)], colour=th.primary,
                fill=mix(th.primary, "#FFFFFF", 0.9), marker="→")
    pdf.style(SMALL)
