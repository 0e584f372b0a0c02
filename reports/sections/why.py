"""Why employee advocacy: the cited facts, each with its source (the sources in full are in the appendix)."""

from __future__ import annotations

from readiness.plan import Plan

from ..document import BODY, SMALL, TINY, ReportPDF

FIGURE_W = 27.0


def source_names(pdf: ReportPDF) -> dict[str, str]:
    """Fact id → the short name of its source (the full citation is in the appendix's list)."""
    bank = pdf.ctx.bank
    out = {}
    for f in bank.facts.facts:
        src = bank.sources.get(f.source)
        out[f.id] = src.name if src else f.source
    return out


def render_why(pdf: ReportPDF, plan: Plan) -> None:
    th = pdf.theme
    pdf.part(pdf.tr("why.title"))
    pdf.para(pdf.tr("why.intro"), colour=th.muted, after=4)
    names = source_names(pdf)
    text_x = pdf.l_margin + FIGURE_W + 3
    text_w = pdf.w - pdf.r_margin - text_x
    for fact in plan.facts:
        text = pdf.safe(fact.text)
        note = pdf.safe(fact.note)
        source = pdf.safe(pdf.tr("why.source", source=names.get(fact.id, fact.source)))
        figure = pdf.safe(fact.figure, single_line=True)
        need = pdf.text_height(f"{text} {source}", text_w, BODY) + (pdf.text_height(note, text_w, SMALL) if note else 0)
        pdf.ensure_space(need + 1)
        y = pdf.y
        size = 15.0
        pdf.style(size, "B", th.primary)
        while size > 8 and pdf.get_string_width(figure) > FIGURE_W - 1:
            size -= 0.5
            pdf.style(size, "B", th.primary)
        pdf.set_xy(pdf.l_margin, y - 0.3)
        pdf.cell(FIGURE_W, pdf.line_height(BODY) + 0.6, pdf.fit(figure, FIGURE_W - 1))
        # the fact, then its source on the same line in small muted type
        left = pdf.l_margin
        pdf.set_left_margin(text_x)
        pdf.set_xy(text_x, y)
        lh = pdf.line_height(BODY)
        pdf.style(BODY, "", th.text)
        pdf.write(lh, text + "  ")
        pdf.style(TINY + 0.5, "", th.muted)
        first_word = source.split(" ", 1)[0]
        if pdf.x + pdf.get_string_width(first_word) > pdf.w - pdf.r_margin:
            pdf.ln(lh)  # fpdf2 would split the word to fill the line
        pdf.write(lh, source)
        pdf.ln(lh)
        if note:
            pdf.style(SMALL, "I", th.muted)
            pdf.multi_cell(text_w, pdf.line_height(SMALL), note, new_x="LMARGIN", new_y="NEXT")
        pdf.set_left_margin(left)
        pdf.set_y(max(pdf.y, y + 7.5))  # the big figure is taller than a one-line fact
        pdf.ln(2.2)
    pdf.style()
