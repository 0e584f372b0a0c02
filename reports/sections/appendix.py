"""Appendix: the method (scale, weights, levels, blockers) and every answer given."""

from __future__ import annotations

from readiness.i18n import format_number, t
from readiness.plan import Plan
from readiness.scoring import answer_label

from ..document import SMALL, ReportPDF
from ..text import shorten

ANSWER_LIMIT = 700


def render_appendix(pdf: ReportPDF, plan: Plan) -> None:
    render_method(pdf, plan)
    render_answers(pdf, plan)


def render_method(pdf: ReportPDF, plan: Plan) -> None:
    th, bank, lang = pdf.theme, pdf.ctx.bank, pdf.language
    pdf.part(pdf.tr("appendix.title"), new_page=False, keep=110)
    pdf.subheading(pdf.tr("appendix.method"), keep=40)
    pdf.para(pdf.tr("appendix.method_intro"), after=3)

    pdf.minor(pdf.tr("appendix.scale"), keep=40)
    rows = [("–" if s.value is None else str(s.value), s.label.get(lang), s.meaning.get(lang) if s.meaning else "")
            for s in bank.meta.scale.steps]
    pdf.data_table([pdf.tr("appendix.col_value"), pdf.tr("appendix.col_label"), pdf.tr("appendix.col_meaning")],
                   rows, (14, 40, 124), size=7.4, align=("CENTER", "LEFT", "LEFT"), padding=0.7)

    pdf.minor(pdf.tr("appendix.weights"), keep=40)
    rows = [(s.title.get(lang), format_number(s.weight, lang, 1), str(len(s.scored_questions)))
            for s in bank.planning_sections]
    pdf.data_table([pdf.tr("appendix.col_section"), pdf.tr("appendix.col_weight"), pdf.tr("appendix.col_statements")],
                   rows, (118, 30, 30), size=7.4, align=("LEFT", "RIGHT", "RIGHT"), padding=0.7)

    pdf.minor(pdf.tr("appendix.levels"), keep=40)
    levels = bank.meta.levels
    rows = []
    for i, lv in enumerate(levels):
        high = f"{format_number(levels[i + 1].min_score - 0.1, lang, 1)}" if i + 1 < len(levels) else "100"
        rows.append((lv.name.get(lang), f"{format_number(lv.min_score, lang)}–{high}", lv.meaning.get(lang)))
    pdf.data_table([pdf.tr("appendix.col_level"), pdf.tr("appendix.col_band"), pdf.tr("appendix.col_meaning")],
                   rows, (36, 20, 122), size=7.4, padding=0.7)

    pdf.minor(pdf.tr("appendix.blockers"), keep=30)
    pdf.para(pdf.tr("appendix.blockers_intro"), size=SMALL, colour=th.muted, after=1.5)
    for b in bank.rules.blockers:
        level = bank.level_by_id.get(b.caps_level)
        caps = pdf.tr("appendix.caps", level=level.name.get(lang) if level else b.caps_level)
        pdf.bullets([f"{b.message.get(lang)} {caps}"], size=SMALL + 0.5, marker="!")


def render_answers(pdf: ReportPDF, plan: Plan) -> None:
    """Every question of the bank with the answer given, in two newspaper columns (it is reference material)."""
    th, bank, lang = pdf.theme, pdf.ctx.bank, pdf.language
    answers = pdf.ctx.assessment.answers
    pdf.subheading(pdf.tr("appendix.answers"), keep=50)
    entries: list[tuple[str, str, bool]] = []  # (kind, text, unanswered)
    long_answers = []
    for section in bank.sections:
        entries.append(("section", section.title.get(lang), False))
        for q in section.questions:
            value = answers.get(q.id)
            entries.append(("question", q.text.get(lang), False))
            if value is None:
                entries.append(("answer", t("answer.not_answered", lang), True))
                continue
            label = answer_label(bank, q.id, value, lang)
            if len(label) > ANSWER_LIMIT:
                long_answers.append((q.text.get(lang), label))
                label = shorten(label, ANSWER_LIMIT)
            entries.append(("answer", label, False))
    texts = [pdf.safe(text) for _, text, _ in entries]
    question = ""
    with pdf.shaping(*texts), pdf.text_columns(ncols=2, gutter=7, line_height=1.2) as cols:
        for (kind, _, unanswered), text in zip(entries, texts):
            if kind == "section":
                pdf.style(8.6, "B", th.primary)
                with cols.paragraph(top_margin=2.6, bottom_margin=1.2) as par:
                    par.write(text)
            elif kind == "question":
                question = text
            else:  # the question in muted type, the answer after it on the same line when it fits
                with cols.paragraph(bottom_margin=1.3) as par:
                    pdf.style(7.2, "", th.muted)
                    par.write(question + "  ")
                    pdf.style(7.4, "I" if unanswered else "B", th.muted if unanswered else th.text)
                    # a short answer moves to the next line whole rather than splitting ("Slet / ikke")
                    par.write(text.replace(" ", "\u00a0") if len(text) <= 30 else text)
    pdf.style()
    for question, text in long_answers:
        pdf.minor(shorten(question, 200), keep=14)
        pdf.para(text, size=SMALL)
    planning = {s.id for s in bank.planning_sections}
    other = {k: v for k, v in pdf.ctx.assessment.notes.items() if k not in planning and v and v.strip()}
    if other:
        pdf.minor(pdf.tr("appendix.other_notes"), keep=20)
        for key, text in other.items():
            section = bank.section_by_id.get(key)
            pdf.para(section.title.get(lang) if section else key, size=SMALL, style="B", after=0.5)
            pdf.para(text, size=SMALL, after=2)
