"""The plan's programme parts in the Word document: time and budget, the pilot design, starter
content, the measurement plan and governance (the PDF's pages, from the same :class:`Plan`)."""

from __future__ import annotations

from typing import Any

from readiness.i18n import format_date_short, format_number, t
from readiness.plan import Plan
from readiness.theme import Theme

from .common import heading, para, table


def _h(value: float, lang: str) -> str:
    return format_number(value, lang, 0 if float(value).is_integer() else 1)


def add_effort(doc: Any, plan: Plan, theme: Theme) -> None:
    effort, lang = plan.effort, plan.lang
    if effort is None:
        return

    def tr(key: str, **params: object) -> str:
        return t(f"programme.effort.{key}", lang, **params)

    heading(doc, effort.title)
    para(doc, effort.intro, muted=theme.muted)
    para(doc, tr("totals", owner=_h(effort.owner_week, lang), ambassador=_h(effort.ambassador_month, lang)), bold=True)
    heading(doc, tr("per_phase"), 2)
    table(doc, [tr("col_phase"), tr("col_dates"), tr("col_owner_week"), tr("col_ambassador_month")],
          [[p.name, f"{format_date_short(p.start, lang)} – {format_date_short(p.end, lang)}", _h(p.owner_week, lang),
            _h(p.ambassador_month, lang)] for p in effort.phases], theme, [3.5, 5, 4, 4])
    heading(doc, tr("costs"), 2)
    table(doc, [tr("col_cost"), tr("col_range", currency=effort.currency), tr("col_note")],
          [[c.name, f"{format_number(c.low, lang)}–{format_number(c.high, lang)}", c.note] for c in effort.costs],
          theme, [4, 3, 9.5])
    para(doc, tr("costs_total", low=format_number(effort.cost_low, lang), high=format_number(effort.cost_high, lang),
                 currency=effort.currency) + " " + effort.cost_note, muted=theme.muted)
    heading(doc, tr("per_action"), 2)
    table(doc, [tr("col_action"), tr("col_owner_hours"), tr("col_ambassador_hours")],
          [[a.title, _h(a.owner_hours, lang) + (f" {tr('edited')}" if a.edited else ""),
            _h(a.ambassador_hours, lang) if a.ambassador_hours else "–"] for a in effort.actions], theme,
          [10.5, 3, 3])
