"""The table of contents, on the cover: reserved with ``insert_toc_placeholder``, filled in by fpdf2 at the end."""

from __future__ import annotations

from fpdf.enums import XPos, YPos

from readiness.plan import Plan

from ..document import ReportPDF

TOC_TOP = 152.0
TOC_BOTTOM = 228.0


def render_contents(pdf: ReportPDF, plan: Plan) -> None:
    """Reserve the lower half of the cover; :func:`draw_toc` fills it once every part has its page."""
    pdf.set_y(TOC_TOP)
    pdf.insert_toc_placeholder(draw_toc, pages=1)


def draw_toc(pdf: ReportPDF, outline: list) -> None:
    """The parts of the plan with their pages (the bookmarks hold every level)."""
    th = pdf.theme
    pdf.set_auto_page_break(False)
    pdf.set_y(TOC_TOP)
    pdf.style(8, "B", th.accent)
    pdf.cell(0, 5, pdf.tr("toc.title").upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)
    items = [item for item in outline if item.level == 0]
    lh = min(6.2, (TOC_BOTTOM - pdf.y) / max(len(items), 1))
    width = pdf.epw * 0.62
    for item in items:
        link = pdf.add_link(page=item.page_number)
        label = pdf.pages[item.page_number].get_label()
        y = pdf.y
        pdf.set_draw_colour(th.grid)
        pdf.set_line_width(0.2)
        pdf.line(pdf.l_margin, y + lh, pdf.l_margin + width, y + lh)
        pdf.style(9.5, "", th.text)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(width - 12, lh, pdf.fit(item.name, width - 14), link=link)
        pdf.style(9.5, "B", th.primary)
        pdf.set_xy(pdf.l_margin + width - 12, y)
        pdf.cell(12, lh, label, align="R", link=link)
        pdf.set_y(y + lh)
    pdf.style()
