"""The employee pulse's page: how many answered, each question's answers as bars, and what the pulse
means for the plan (the share willing, the training topics, the policy points it added).

:func:`render_pulse_page` is called by :func:`reports.build.render_plan` after the group page with
the plan; it prints nothing when the plan has no pulse (:attr:`readiness.plan.Plan.pulse`). Every
figure is an aggregate over at least three people (:mod:`readiness.pulse` holds that rule).
"""

from __future__ import annotations

from typing import Any

from readiness.i18n import format_percent, t
from readiness.plan import Plan
from readiness.theme import mix

from ..document import SMALL, ReportPDF

LABEL_SHARE = 0.42  # of the line: the option's label
BAR_SHARE = 0.43  # the bar; the rest: the share and the count
ROW = 5.2


def _p(pdf: ReportPDF, key: str, **params: Any) -> str:
    return t(f"pulse.pdf.{key}", pdf.ctx.lang, **params)


def _bars(pdf: ReportPDF, question: Any) -> None:
    th, lang = pdf.theme, pdf.ctx.lang
    label_w, bar_w = pdf.epw * LABEL_SHARE, pdf.epw * BAR_SHARE
    for option in question.options:
        if pdf.y + ROW > pdf.page_break_trigger:
            pdf.add_page()
        y = pdf.y
        pdf.style(SMALL + 0.6, "", th.text)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(label_w - 2, ROW, pdf.fit(pdf.safe(option.label, single_line=True), label_w - 3))
        x = pdf.l_margin + label_w
        pdf.set_fill_colour(mix(th.primary, "#FFFFFF", 0.88))
        pdf.rect(x, y + 1.1, bar_w, ROW - 2.2, style="F")
        if option.share > 0:
            pdf.set_fill_colour(th.primary)
            pdf.rect(x, y + 1.1, max(bar_w * option.share, 0.6), ROW - 2.2, style="F")
        pdf.style(SMALL + 0.6, "B", th.primary)
        pdf.set_xy(x + bar_w + 2, y)
        pdf.cell(pdf.epw - label_w - bar_w - 2, ROW, f"{format_percent(100 * option.share, lang)} ({option.count})")
        pdf.set_y(y + ROW)
    pdf.style()


def render_pulse_page(pdf: ReportPDF, plan: Plan) -> None:
    """The pulse's part of the plan, or nothing when the plan has no pulse."""
    view = plan.pulse
    if view is None:
        return
    th = pdf.theme
    pdf.part(view.title)
    pdf.para(_p(pdf, "intro", n=view.n), colour=th.muted, after=3)
    effects = view.effects
    lines = [line for line in (effects.pilot, effects.training) if line]
    if effects.policy_points:
        lines.append(_p(pdf, "policy", n=len(effects.policy_points)))
    if lines:
        pdf.callout(_p(pdf, "for_the_plan"), lines, colour=th.primary, fill=mix(th.primary, "#FFFFFF", 0.92))
    for question in view.questions:
        pdf.subheading(question.text, outline=False, keep=12 + ROW * len(question.options), size=10.5)
        pdf.para(_p(pdf, "answered_multi" if question.kind == "multi" else "answered", n=question.answered),
                 size=SMALL, colour=th.muted, after=1)
        _bars(pdf, question)
        if question.note:
            pdf.para(question.note, size=SMALL, colour=th.muted, after=1)
    pdf.para(_p(pdf, "threshold"), size=SMALL, colour=th.muted, after=0)
