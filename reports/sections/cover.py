"""The cover: who the plan is for, what it is, when, and who hands it over (the brand)."""

from __future__ import annotations

import io

from fpdf.enums import XPos, YPos

from readiness.i18n import format_date, format_number
from readiness.plan import Plan
from readiness.theme import mix, result_colour

from ..document import MARGIN_BOTTOM, SMALL, ReportPDF
from ..text import ELLIPSIS
from .contents import render_contents

LOGO_MAX_W, LOGO_MAX_H = 48.0, 20.0


def _organisation(pdf: ReportPDF, name: str) -> None:
    """The organisation's name, big; long names get a smaller size, then are cut after three lines."""
    th = pdf.theme
    with pdf.shaping(name):
        for size in (19.0, 16.0, 13.5, 12.0):
            pdf.style(size, "B", th.primary)
            lines = pdf.multi_cell(0, pdf.line_height(size), name, dry_run=True, output="LINES")
            if len(lines) <= 2:
                break
        if len(lines) > 3:
            name = " ".join(lines[:2]) + " " + pdf.fit(lines[2], pdf.epw - 5)
            if not name.endswith(ELLIPSIS):
                name += ELLIPSIS
        pdf.multi_cell(0, pdf.line_height(size), name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_cover(pdf: ReportPDF, plan: Plan) -> None:
    th, brand = pdf.theme, pdf.ctx.brand
    pdf.frameless_pages.add(pdf.page + 1)  # before add_page(), which draws the header
    pdf.add_page()
    pdf.set_auto_page_break(False, MARGIN_BOTTOM)
    # a band in the brand's colour along the top, a thin accent line under it
    pdf.set_fill_colour(th.primary)
    pdf.rect(0, 0, pdf.w, 9, style="F")
    pdf.set_fill_colour(th.accent)
    pdf.rect(0, 9, pdf.w, 1.2, style="F")

    # logo and brand name, top left
    y = 24.0
    logo = brand.logo_bytes() if brand.logo else None
    x = pdf.l_margin
    if logo:
        try:
            info = pdf.image(io.BytesIO(logo), x=x, y=y, h=LOGO_MAX_H, keep_aspect_ratio=True, w=LOGO_MAX_W)
            x += min(float(info.rendered_width), LOGO_MAX_W) + 5
        except Exception:
            logo = None
    name = pdf.safe(brand.name, single_line=True)
    pdf.style(11, "B", th.primary)
    pdf.set_xy(x, y + (LOGO_MAX_H / 2 - 3 if logo else 0))
    with pdf.shaping(name):
        pdf.cell(pdf.w - pdf.r_margin - x, 6, pdf.fit(name, pdf.w - pdf.r_margin - x))

    # the title block
    pdf.set_y(62)
    pdf.style(11, "B", th.accent)
    pdf.multi_cell(0, 6, pdf.safe(plan.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.style(30, "B", th.text)
    pdf.multi_cell(0, 13, pdf.safe(pdf.tr("cover.title")), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.style(SMALL + 1, "", th.muted)
    pdf.cell(0, 5, pdf.safe(pdf.tr("cover.prepared_for")), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _organisation(pdf, pdf.safe(pdf.ctx.organisation))
    pdf.ln(3)
    pdf.style(11, "", th.text)
    pdf.cell(0, 6, format_date(pdf.ctx.date, pdf.language), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    # the score in one line, with a dot in its band's colour
    pdf.ln(8)
    result = plan.score
    y = pdf.y
    pdf.set_fill_colour(mix(th.primary, "#FFFFFF", 0.92))
    pdf.rect(pdf.l_margin, y, pdf.epw, 14, style="F")
    pdf.set_fill_colour(result_colour(result.overall, result.capped))
    pdf.circle(pdf.l_margin + 7, y + 7, 2.6, style="F")
    pdf.style(11, "B", th.text)
    pdf.set_xy(pdf.l_margin + 13, y + 4)
    text = pdf.tr("cover.score", score=format_number(result.overall, pdf.language), level=result.level.name)
    pdf.cell(pdf.epw - 16, 6, pdf.fit(pdf.safe(text, single_line=True), pdf.epw - 16))

    # who hands it over, at the bottom
    top = pdf.h - 62
    pdf.set_fill_colour(th.light)
    pdf.rect(0, top, pdf.w, pdf.h - top - 6, style="F")
    pdf.set_fill_colour(th.primary)
    pdf.rect(0, pdf.h - 6, pdf.w, 6, style="F")
    pdf.set_xy(pdf.l_margin, top + 10)
    pdf.style(SMALL, "", th.muted)
    pdf.cell(0, 5, pdf.safe(pdf.tr("cover.prepared_by")), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.style(13, "B", th.text)
    with pdf.shaping(name):
        pdf.cell(0, 7, pdf.fit(name, pdf.epw), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.style(9.5, "", th.text)
    for line in (brand.contact, brand.website):
        text = pdf.safe(line, single_line=True)
        if text.strip():
            with pdf.shaping(text):
                pdf.cell(0, 5.2, pdf.fit(text, pdf.epw), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_auto_page_break(True, MARGIN_BOTTOM)
    pdf.style()
    render_contents(pdf, plan)
