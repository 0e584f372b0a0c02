"""The progress page: then → now per area (a paired bar chart), the level change, blockers and red
flags resolved / new / still there, and the roadmap's progress. Printed right after the summary when
the plan has a predecessor (:func:`reports.build_report` with a :class:`readiness.compare.Comparison`).
"""

from __future__ import annotations

from typing import Any

from readiness.compare import Comparison
from readiness.i18n import format_date, format_number, t
from readiness.theme import mix

from ..charts import score_bar
from ..document import SMALL, ReportPDF

GAIN_COLOUR = "#15803D"


def _f(pdf: ReportPDF, key: str, **params: Any) -> str:
    return t(f"followup.{key}", pdf.ctx.lang, **params)


def _day(pdf: ReportPDF, saved_at: str | None) -> str:
    if not saved_at:
        return _f(pdf, "undated")
    import datetime as dt

    try:
        return format_date(dt.date.fromisoformat(saved_at[:10]), pdf.ctx.lang)
    except ValueError:
        return _f(pdf, "undated")


def _delta(pdf: ReportPDF, value: float) -> str:
    return ("+" if value > 0 else "") + format_number(value, pdf.ctx.lang, 1) if value else "±0"


def render_progress(pdf: ReportPDF, comparison: Comparison | None) -> None:
    if comparison is None:
        return
    c, th = comparison, pdf.theme
    pdf.part(_f(pdf, "pdf_title"))
    pdf.para(_f(pdf, "compare_intro", then=_day(pdf, c.earlier.saved_at), now=_day(pdf, c.later.saved_at)))
    pdf.para(f"{t('score.overall', pdf.ctx.lang)}: {format_number(c.earlier.overall, pdf.ctx.lang)} → "
             f"{format_number(c.later.overall, pdf.ctx.lang)} ({_delta(pdf, c.overall_delta)})", style="B")
    pdf.para(_f(pdf, "level_change", then=c.earlier.level_name, now=c.later.level_name))
    if not c.changed:
        pdf.para(_f(pdf, "no_change"), colour=th.muted)

    # then → now per area: two bars each, the earlier one pale
    label_w, bar_w = 55.0, pdf.epw - 55.0 - 16
    pdf.ensure_space(12 * len(c.sections) + 8)
    pdf.style(SMALL, "", th.muted)
    pdf.cell(label_w, 5, _f(pdf, "col_section"))
    pdf.cell(bar_w, 5, f"{_f(pdf, 'then')} / {_f(pdf, 'now')}")
    pdf.cell(16, 5, _f(pdf, "col_delta"), align="R", new_x="LMARGIN", new_y="NEXT")
    for s in c.sections:
        top = pdf.y
        pdf.style(SMALL + 0.5, "", th.text)
        pdf.set_xy(pdf.l_margin, top + 1)
        pdf.cell(label_w, 4, pdf.fit(pdf.safe(s.title, single_line=True), label_w - 2))
        pdf.set_fill_colour(mix(th.muted, "#FFFFFF", 0.55))
        pdf.rect(pdf.l_margin + label_w, top + 0.5, max(0.3, (bar_w - 11) * s.earlier / 100), 3, style="F")
        score_bar(pdf, pdf.l_margin + label_w, top + 4.5, bar_w, 3.5, s.later)
        pdf.style(SMALL + 0.5, "B", GAIN_COLOUR if s.delta > 0 else th.danger if s.delta < 0 else th.muted)
        pdf.set_xy(pdf.l_margin + label_w + bar_w, top + 2)
        pdf.cell(16, 4, _delta(pdf, s.delta), align="R")
        pdf.set_y(top + 11)
    pdf.style()
    pdf.gap(3)

    for title_key, change in (("score.blockers", c.blockers), ("score.red_flags", c.red_flags)):
        for key in ("resolved", "new", "remaining"):
            ids = getattr(change, key)
            if ids:
                pdf.minor(f"{t(title_key, pdf.ctx.lang)} · {_f(pdf, key)}")
                pdf.bullets([c.messages.get(i, i) for i in ids], size=SMALL)
    if c.gaps_closed:
        pdf.para(f"{_f(pdf, 'gaps_closed')}: {len(c.gaps_closed)}", size=SMALL)
    n = c.counts
    pdf.minor(_f(pdf, "roadmap_counts", done=n["done"], doing=n["doing"], todo=n["todo"], dropped=n["dropped"]))
    if c.overdue:
        pdf.bullets([f"{_f(pdf, 'overdue')}: {a.title} ({format_date(a.end, pdf.ctx.lang)})" for a in c.overdue],
                    size=SMALL, colour=th.danger)
    if c.next_steps:
        pdf.minor(_f(pdf, "next_steps"))
        pdf.bullets([f"{a.title} ({format_date(a.end, pdf.ctx.lang)})" for a in c.next_steps], size=SMALL)
