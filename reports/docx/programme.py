"""The plan's programme parts in the Word document: time and budget, the pilot design, starter
content, the measurement plan and governance (the PDF's pages, from the same :class:`Plan`)."""

from __future__ import annotations

from typing import Any

from readiness.i18n import format_date_short, format_number, t
from readiness.plan import Plan
from readiness.theme import Theme

from .common import bullet, heading, para, table


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
    if effort.overload:
        para(doc, effort.overload, bold=True)
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
          [[a.title, (_h(a.owner_hours, lang) if a.estimated else "–") + (f" {tr('edited')}" if a.edited else ""),
            _h(a.ambassador_hours, lang) if a.ambassador_hours else "–"] for a in effort.actions], theme,
          [10.5, 3, 3])


def add_pilot_and_content(doc: Any, plan: Plan, theme: Theme) -> None:
    """The pilot design and the starter content."""
    if plan.programme is None:
        return
    lang = plan.lang
    pilot, content = plan.programme.pilot, plan.programme.starters
    heading(doc, pilot.title)
    para(doc, pilot.intro, muted=theme.muted)
    heading(doc, pilot.selection_title, 2)
    for line in pilot.selection:
        bullet(doc, line)
    heading(doc, pilot.kickoff_title, 2)
    for line in pilot.kickoff:
        bullet(doc, line)
    heading(doc, pilot.threshold_title, 2)
    para(doc, pilot.threshold_intro, muted=theme.muted)
    for line in pilot.thresholds:
        bullet(doc, line)
    heading(doc, pilot.midpoint_title, 2)
    para(doc, pilot.midpoint)
    heading(doc, pilot.decision_title, 2)
    para(doc, pilot.decision)

    heading(doc, content.title)
    para(doc, content.intro, muted=theme.muted)
    if content.capacity:
        para(doc, f"{t('plan.capacity_title', lang)}: {content.capacity}", bold=True)
    heading(doc, content.ideas_title, 2)
    for i, idea in enumerate(content.ideas, 1):
        para(doc, f"{i}. {idea}")
    heading(doc, content.stories_title, 2)
    for line in content.stories:
        bullet(doc, line)
    heading(doc, content.calendar_title, 2)
    para(doc, content.calendar_intro, muted=theme.muted)
    table(doc, list(content.columns), [[w.label, format_date_short(w.start, lang), w.theme,
                                        "\n".join(f"• {i}" for i in w.ideas)] for w in content.weeks],
          theme, [1.6, 2.2, 4.4, 8.4])


def add_measurement_and_governance(doc: Any, plan: Plan, theme: Theme) -> None:
    """The measurement plan and roles and governance."""
    if plan.programme is None:
        return
    m, g = plan.programme.measurement, plan.programme.governance
    heading(doc, m.title)
    para(doc, m.intro, muted=theme.muted)
    table(doc, list(m.columns), [[r.kpi, r.where, r.who, "", ""] for r in m.rows], theme, [3.2, 5.6, 3, 2.4, 2.4])
    heading(doc, m.report_title, 2)
    para(doc, m.report)
    heading(doc, m.template_title, 3)
    for line in m.template:
        bullet(doc, line)

    heading(doc, g.title)
    para(doc, g.intro, muted=theme.muted)
    for line in g.roles:
        bullet(doc, line)
    heading(doc, g.council_title, 2)
    for line in g.council:
        bullet(doc, line)
    heading(doc, g.managers_title, 2)
    for line in g.managers:
        bullet(doc, line)
    if g.turnaround is not None:
        heading(doc, g.turnaround.title, 2)
        para(doc, g.turnaround.intro)
        for line in g.turnaround.points:
            bullet(doc, line)
