"""The workshop's page: who took part, where the group disagreed, what it agreed, and the facilitator's notes.

:func:`render_group_page` is called by :func:`reports.build_report` right after the summary
with the core's :class:`readiness.workshop.GroupReport` (or ``None`` for a single assessment).
Everything printed here is an aggregate: no participant's name or individual answer.
"""

from __future__ import annotations

from typing import Any

from readiness.i18n import format_date, format_percent, t, tn
from readiness.scoring import answer_label
from readiness.theme import mix
from readiness.workshop import DISAGREE_BELOW, DISAGREE_SPREAD, SOME_BELOW, SOME_SPREAD, GroupReport

from ..document import SMALL, ReportPDF
from ..text import shorten

AGREE_COLOUR = "#15803D"


def _w(pdf: ReportPDF, key: str, **params: Any) -> str:
    return t(f"workshop.pdf.{key}", pdf.ctx.lang, **params)


def _tie(bank: Any, question_id: str, tied: tuple[str, ...], lang: str) -> str:
    return t("sense.tie_pdf", lang, options=", ".join(answer_label(bank, question_id, o, lang) for o in tied))


def _figures(pdf: ReportPDF, figures: list[tuple[str, int]]) -> None:
    """The participation numbers as a row of tinted boxes with a big number each."""
    th = pdf.theme
    gap = 4.0
    width = (pdf.epw - gap * (len(figures) - 1)) / len(figures)
    top = pdf.y
    for i, (label, value) in enumerate(figures):
        x = pdf.l_margin + i * (width + gap)
        pdf.set_fill_colour(mix(th.primary, "#FFFFFF", 0.9))
        pdf.rect(x, top, width, 20, style="F", round_corners=True, corner_radius=1.5)
        pdf.style(20, "B", th.primary)
        pdf.set_xy(x, top + 2.5)
        pdf.cell(width, 9, str(value), align="C")
        pdf.style(SMALL, "", th.text)
        pdf.set_xy(x + 1, top + 12.5)
        pdf.cell(width - 2, 4, pdf.fit(pdf.safe(label, single_line=True), width - 2), align="C")
    pdf.set_y(top + 24)
    pdf.style()


def _level(pdf: ReportPDF, stats: Any) -> tuple[str, Any]:
    th = pdf.theme
    colour = {"disagree": th.danger, "some": th.warning, "agree": AGREE_COLOUR}.get(stats.level, th.muted)
    name = t(f"workshop.level.{stats.level}", pdf.ctx.lang) if stats.level else "–"
    if stats.spread is not None:
        number = tn("workshop.pdf.spread", stats.spread, pdf.ctx.lang)
    elif stats.agreement is not None:
        number = _w(pdf, "agreement", share=format_percent(100 * stats.agreement, pdf.ctx.lang))
    else:
        number = ""
    return f"{name}\n{number}".strip(), pdf.face(style="B", colour=colour)


def render_group_page(pdf: ReportPDF, group: GroupReport | None) -> None:
    """Participation (invited, joined, finished), the questions by disagreement with the agreed answers, and notes."""
    if group is None:
        return
    th, lang, bank = pdf.theme, pdf.ctx.lang, pdf.ctx.bank
    pdf.part(pdf.tr("group.title"))
    subtitle = group.title if group.date is None else f"{group.title} · {format_date(group.date, lang)}"
    pdf.para(subtitle, size=11, style="B", after=1)
    pdf.para(_w(pdf, "intro"), colour=th.muted, after=3)

    pdf.subheading(_w(pdf, "participation"), keep=40)
    figures = ([(_w(pdf, "invited"), group.invited)] if group.invited else []) + [
        (_w(pdf, "joined"), group.joined), (_w(pdf, "finished"), group.finished), (_w(pdf, "answered"), group.responded)]
    _figures(pdf, figures)
    if group.invited:
        share = format_percent(100 * min(group.finished / group.invited, 1.0), lang)
        pdf.para(_w(pdf, "rate", finished=group.finished, invited=group.invited, share=share), after=1)
    pdf.para(_w(pdf, "anonymous" if group.anonymous else "named"), size=SMALL, colour=th.muted, after=2)

    pdf.subheading(_w(pdf, "disagreement"), keep=50)
    if not group.shown:
        pdf.callout(_w(pdf, "withheld_title"), [_w(pdf, "withheld", n=group.responded)], colour=th.warning,
                    fill=mix(th.warning, "#FFFFFF", 0.9))
    else:
        pdf.para(_w(pdf, "definition", disagree=DISAGREE_SPREAD, some=SOME_SPREAD,
                    disagree_share=format_percent(100 * DISAGREE_BELOW, lang),
                    some_share=format_percent(100 * SOME_BELOW, lang)), size=SMALL, colour=th.muted, after=2)
        rows = []
        for stats in group.questions:
            question = bank.questions[stats.question_id]
            answers = tn("workshop.pdf.answers", stats.answered, pdf.ctx.lang)
            if stats.dont_know:
                answers += "\n" + _w(pdf, "dont_know", n=stats.dont_know)
            agreed = answer_label(bank, stats.question_id, group.agreed.get(stats.question_id), lang)
            if stats.question_id not in group.agreed and stats.tied:  # a tie nobody settled: say so, invent nothing
                agreed = _tie(bank, stats.question_id, stats.tied, lang)
            section = bank.section_of[stats.question_id].short.get(lang)
            rows.append((f"{shorten(question.text.get(lang), 220)}\n({section})", answers, _level(pdf, stats),
                         shorten(agreed, 200)))
        if rows:
            pdf.data_table([_w(pdf, "col_question"), _w(pdf, "col_answers"), _w(pdf, "col_level"),
                            _w(pdf, "col_agreed")], rows, (50, 14, 16, 20), size=7.4, padding=1.1)
        else:
            pdf.para(_w(pdf, "no_levels"), colour=th.muted)

    if group.notes:
        pdf.subheading(_w(pdf, "notes"), keep=30)
        order = {qid: i for i, qid in enumerate(bank.questions)}
        for qid, text in sorted(group.notes.items(), key=lambda kv: order.get(kv[0], len(order))):
            question = bank.questions.get(qid)
            pdf.para(shorten(question.text.get(lang), 220) if question else qid, size=SMALL, style="B", after=0.5)
            pdf.para(text, after=2.5)
