"""Starter content: post angles by goal and sector, capturing stories, a four-week calendar, the capacity check."""

from __future__ import annotations

from readiness.i18n import format_date_short, t
from readiness.plan import Plan
from readiness.theme import mix

from ..document import ReportPDF


def render_starters(pdf: ReportPDF, plan: Plan) -> None:
    if plan.programme is None:
        return
    content, th, lang = plan.programme.starters, pdf.theme, pdf.language
    pdf.part(content.title, new_page=False, keep=120)
    pdf.para(content.intro, colour=th.muted, after=2)
    if content.capacity:
        pdf.callout(t("plan.capacity_title", lang), [content.capacity], colour=th.primary,
                    fill=mix(th.primary, "#FFFFFF", 0.9), marker="→")
    pdf.minor(content.ideas_title)
    pdf.bullets([f"{i}. {idea}" for i, idea in enumerate(content.ideas, 1)], marker="", indent=0, after=0.6)
    pdf.minor(content.stories_title)
    pdf.bullets(content.stories)
    pdf.minor(content.calendar_title, keep=100)  # the calendar stays on one page
    pdf.para(content.calendar_intro, colour=th.muted, after=1.5)
    rows = [(w.label, format_date_short(w.start, lang), w.theme, "\n".join(f"• {i}" for i in w.ideas))
            for w in content.weeks]
    pdf.data_table(list(content.columns), rows, (16, 22, 52, 90), size=7.8)
