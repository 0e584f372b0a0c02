"""The group PDF's gap page (where the groups differ) and its side-by-side page (two workshops).

:func:`render_gap_pages` follows the group page. It prints only what the core's
:class:`readiness.groups.GroupView` holds, which never carries a group figure from fewer people
than the workshop's threshold (nor one that the rest would give away). The report passed in is a
:class:`readiness.groups.GroupReportWithGaps`; any other report prints nothing here.
"""

from __future__ import annotations

from typing import Any

from readiness.groups import GroupView, gap_meaning
from readiness.i18n import format_number, t
from readiness.side_by_side import Comparison
from readiness.workshop import ANONYMITY_THRESHOLD

from ..document import SMALL, ReportPDF
from ..text import shorten

PALETTE = ("#1D4ED8", "#D97706", "#059669", "#7C3AED", "#DC2626", "#0891B2", "#65A30D", "#DB2777")
LABEL_W = 42.0
ROW_H = 4.2


def _g(pdf: ReportPDF, key: str, **params: Any) -> str:
    return t(f"gaps.pdf.{key}", pdf.ctx.lang, **params)


def _number(pdf: ReportPDF, value: float, digits: int = 0) -> str:
    return format_number(value, pdf.ctx.lang, digits)


def _legend(pdf: ReportPDF, view: GroupView) -> None:
    x, y = pdf.l_margin, pdf.y
    pdf.style(SMALL, "", pdf.theme.text)
    for i, gid in enumerate(view.shown):
        label = pdf.fit(pdf.safe(f"{view.setup.label(gid)} ({view.sizes[gid]})", single_line=True), 50)
        width = pdf.get_string_width(label) + 8
        if x + width > pdf.l_margin + pdf.epw:
            x, y = pdf.l_margin, y + 5
        pdf.set_fill_colour(PALETTE[i % len(PALETTE)])
        pdf.rect(x, y + 1, 3, 3, style="F")
        pdf.set_xy(x + 4, y)
        pdf.cell(width - 4, 5, label)
        x += width + 2
    pdf.set_y(y + 7)
    pdf.style()


def _bars(pdf: ReportPDF, view: GroupView, names: dict[str, str]) -> None:
    """Per area a bar per shown group (0–100), drawn as vectors."""
    th = pdf.theme
    areas = [a for a in view.areas if a.scores]
    scale = (pdf.epw - LABEL_W - 10) / 100
    for area in areas:
        height = ROW_H * len(area.scores) + 3
        pdf.ensure_space(height)
        top = pdf.y
        pdf.style(SMALL, "B", th.text)
        pdf.set_xy(pdf.l_margin, top)
        pdf.cell(LABEL_W - 2, ROW_H, pdf.fit(pdf.safe(names.get(area.section_id, area.section_id), single_line=True),
                                            LABEL_W - 2))
        for j, score in enumerate(area.scores):
            y = top + j * ROW_H
            colour = PALETTE[view.shown.index(score.group_id) % len(PALETTE)]
            pdf.set_fill_colour(th.light)
            pdf.rect(pdf.l_margin + LABEL_W, y + 0.6, 100 * scale, ROW_H - 1.2, style="F")
            pdf.set_fill_colour(colour)
            pdf.rect(pdf.l_margin + LABEL_W, y + 0.6, max(score.mean, 0.4) * scale, ROW_H - 1.2, style="F")
            pdf.style(SMALL, "", th.text)
            pdf.set_xy(pdf.l_margin + LABEL_W + 100 * scale + 1, y)
            pdf.cell(9, ROW_H, _number(pdf, score.mean))
        pdf.set_y(top + height)
    pdf.style()


def render_gap_pages(pdf: ReportPDF, group: Any) -> None:
    """Where the groups differ, then two workshops side by side (each only when there is one)."""
    view: GroupView | None = getattr(group, "gaps", None)
    comparison: Comparison | None = getattr(group, "comparison", None)
    if view is not None:
        _gap_page(pdf, view)
    if comparison is not None:
        _compare_page(pdf, comparison, new_page=view is None)


def _gap_page(pdf: ReportPDF, view: GroupView) -> None:
    th, lang, bank = pdf.theme, pdf.ctx.lang, pdf.ctx.bank
    n = view.setup.threshold
    pdf.part(_g(pdf, "title"))
    pdf.para(_g(pdf, "intro", n=n), colour=th.muted, after=3)
    if not view.shown:
        pdf.para(_g(pdf, "none", n=n))
        return
    names = {s.id: s.short.get(lang) for s in bank.planning_sections}
    pdf.subheading(_g(pdf, "scores"), keep=50)
    _legend(pdf, view)
    if view.hidden:
        pdf.para(_g(pdf, "hidden", n=view.hidden), size=SMALL, colour=th.muted, after=2)
    _bars(pdf, view, names)
    pdf.subheading(_g(pdf, "largest"), keep=40)
    if not view.gaps:
        pdf.para(t("gaps.no_gap" if len(view.shown) < 2 else "gaps.no_gaps", lang), colour=th.muted)
    for area in view.gaps[:3]:
        high, low = area.high, area.low
        pdf.minor(t("gaps.gap_line", lang, area=names[area.section_id], gap=_number(pdf, area.gap or 0),
                    high=view.setup.label(high.group_id), high_score=_number(pdf, high.mean),
                    low=view.setup.label(low.group_id), low_score=_number(pdf, low.mean)).replace("**", ""),
                  keep=30)
        if area.statements:
            pdf.para(_g(pdf, "statements"), size=SMALL, colour=th.muted, after=0.5)
            lines = []
            for statement in area.statements:
                means = " · ".join(f"{view.setup.label(m.group_id)} {_number(pdf, m.mean, 1)}" for m in statement.means)
                lines.append(f"{shorten(bank.questions[statement.question_id].text.get(lang), 160).rstrip('.')}: {means}")
            pdf.bullets(lines, size=SMALL)
        meaning = gap_meaning(area.section_id, lang)
        if meaning:
            pdf.para(f"{_g(pdf, 'meaning')} {meaning}", size=SMALL, style="I", after=2.5)


def _compare_page(pdf: ReportPDF, comparison: Comparison, *, new_page: bool) -> None:
    th, lang, bank = pdf.theme, pdf.ctx.lang, pdf.ctx.bank
    pdf.part(_g(pdf, "compare_title"), new_page=new_page, keep=80)
    pdf.para(_g(pdf, "compare_intro", this=comparison.this_title, other=comparison.other_title,
                n=ANONYMITY_THRESHOLD), colour=th.muted, after=3)
    dash = t("gaps.compare_withheld", lang)

    def cell(value: float | None, signed: bool = False) -> str:
        if value is None:
            return dash
        return (("+" if value > 0 else "") if signed else "") + _number(pdf, value)

    rows = [(bank.section_by_id[p.section_id].short.get(lang), cell(p.this), cell(p.other), cell(p.delta, True))
            for p in comparison.areas]
    pdf.data_table([t("gaps.compare_area", lang), shorten(comparison.this_title, 40), shorten(comparison.other_title, 40),
                    t("gaps.compare_delta", lang)], rows, (40, 20, 20, 20), align=("L", "R", "R", "R"))
