"""Time and budget: the product's own estimates per phase and per action, and the cost ranges."""

from __future__ import annotations

from readiness.i18n import format_date_short, format_number, t
from readiness.plan import Plan
from readiness.theme import mix

from ..document import ReportPDF


def _h(value: float, lang: str) -> str:
    return format_number(value, lang, 0 if float(value).is_integer() else 1)


def render_effort(pdf: ReportPDF, plan: Plan) -> None:
    effort = plan.effort
    if effort is None:
        return
    th, lang = pdf.theme, pdf.language

    def tr(key: str, **params: object) -> str:
        return t(f"programme.effort.{key}", lang, **params)

    pdf.part(effort.title, new_page=False, keep=150)
    pdf.para(effort.intro, colour=th.muted, after=2)
    lines = [tr("totals", owner=_h(effort.owner_week, lang), ambassador=_h(effort.ambassador_month, lang))]
    pdf.callout(t("programme.estimate", lang), lines + ([effort.overload] if effort.overload else []),
                colour=th.primary, fill=mix(th.primary, "#FFFFFF", 0.9), marker="→")
    pdf.minor(tr("per_phase"))
    rows = [(p.name, f"{format_date_short(p.start, lang)} – {format_date_short(p.end, lang)}",
             _h(p.owner_week, lang), _h(p.ambassador_month, lang)) for p in effort.phases]
    pdf.data_table([tr("col_phase"), tr("col_dates"), tr("col_owner_week"), tr("col_ambassador_month")], rows,
                   (40, 50, 45, 45), align=("LEFT", "LEFT", "RIGHT", "RIGHT"), size=8)
    pdf.minor(tr("costs"))
    rows = [(c.name, f"{format_number(c.low, lang)}–{format_number(c.high, lang)}", c.note) for c in effort.costs]
    pdf.data_table([tr("col_cost"), tr("col_range", currency=effort.currency), tr("col_note")], rows, (45, 32, 103),
                   align=("LEFT", "RIGHT", "LEFT"), size=8)
    pdf.para(tr("costs_total", low=format_number(effort.cost_low, lang), high=format_number(effort.cost_high, lang),
                currency=effort.currency) + " " + effort.cost_note, size=8, colour=th.muted, after=3)
    pdf.minor(tr("per_action"))
    phases = {p.id: p.name for p in plan.roadmap.phases}
    rows, groups, previous = [], {}, None
    for a in effort.actions:
        if a.phase != previous:
            groups[len(rows)] = phases.get(a.phase, a.phase)
            previous = a.phase
        hours = (_h(a.owner_hours, lang) if a.estimated else "–") + (f" {tr('edited')}" if a.edited else "")
        rows.append((a.title, hours, _h(a.ambassador_hours, lang) if a.ambassador_hours else "–"))
    pdf.data_table([tr("col_action"), tr("col_owner_hours"), tr("col_ambassador_hours")], rows, (110, 35, 35),
                   align=("LEFT", "RIGHT", "RIGHT"), size=7.6, group_rows=groups, padding=1.1)
