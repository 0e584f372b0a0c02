"""The Word frame shared by the plan and the policy: brand-themed styles, cover, footer with page numbers.

Headings are Word's own "Heading 1/2/3" styles (so the navigation pane and a table of contents
work), recoloured in the brand's primary colour; every text goes through
:func:`reports.office.xml_text` first.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from readiness.brand import Brand
from readiness.i18n import format_date, locale_info
from readiness.theme import Theme, hex_to_rgb

from ..office import xml_text

BODY_FONT = "DejaVu Sans"


def colour(hex_colour: str) -> RGBColor:
    return RGBColor(*hex_to_rgb(hex_colour))


def new_document(theme: Theme, lang: str, *, title: str, author: str) -> Any:
    """An A4 document with the theme's styles, the language set and the core properties filled in."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(10)
    normal.font.color.rgb = colour(theme.text)
    normal.paragraph_format.space_after = Pt(4)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), BODY_FONT)
    lang_el = OxmlElement("w:lang")
    lang_el.set(qn("w:val"), locale_info(lang).tag)
    rpr.append(lang_el)
    for level, size in ((1, 17), (2, 13), (3, 11)):
        style = styles[f"Heading {level}"]
        style.font.name = BODY_FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = colour(theme.primary if level < 3 else theme.text)
        style.paragraph_format.space_before = Pt(14 if level == 1 else 10)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    title_style = styles["Title"]
    title_style.font.name = BODY_FONT
    title_style.font.size = Pt(28)
    title_style.font.color.rgb = colour(theme.primary)
    update = OxmlElement("w:updateFields")  # Word offers to fill in the contents on opening
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)
    props = doc.core_properties
    props.title = xml_text(title, single_line=True)[:250]
    props.author = xml_text(author, single_line=True)[:250]
    props.language = locale_info(lang).tag
    return doc


def heading(doc: Any, text: str, level: int = 1) -> Any:
    return doc.add_heading(xml_text(text, single_line=True), level=level)


def para(doc: Any, text: str, *, bold: bool = False, italic: bool = False, muted: str | None = None,
         style: str | None = None) -> Any:
    p = doc.add_paragraph(style=style)
    run = p.add_run(xml_text(text))
    run.bold, run.italic = bold, italic
    if muted:
        run.font.color.rgb = colour(muted)
    return p


def bullet(doc: Any, text: str) -> Any:
    return doc.add_paragraph(xml_text(text), style="List Bullet")


def table(doc: Any, headers: list[str], rows: list[list[str]], theme: Theme, widths: list[float] | None = None) -> Any:
    """A table with a brand-coloured heading row (repeated on every page) and the given column widths (cm)."""
    tbl = doc.add_table(rows=1, cols=len(headers))
    tbl.style = "Table Grid"
    for i, h in enumerate(headers):
        cell = tbl.rows[0].cells[i]
        cell.text = ""
        run = cell.paragraphs[0].add_run(xml_text(h, single_line=True))
        run.bold = True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        shade(cell, theme.primary)
    header_pr = tbl.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_pr.append(repeat)
    for row in rows:
        cells = tbl.add_row().cells
        for i, value in enumerate(row):
            cells[i].text = xml_text(value)
    for row in tbl.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.space_after = Pt(1)
                for r in p.runs:
                    r.font.size = Pt(8)
    if widths:
        tbl.autofit = False
        for i, w in enumerate(widths):
            tbl.columns[i].width = Cm(w)
        for row in tbl.rows:
            for i, w in enumerate(widths):
                row.cells[i].width = Cm(w)
    doc.add_paragraph()
    return tbl


def shade(cell: Any, hex_colour: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_colour.lstrip("#"))
    tc_pr.append(shd)


def _field(paragraph: Any, instruction: str) -> None:
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    text = OxmlElement("w:t")
    text.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for el in (begin, instr, separate, text, end):
        run._r.append(el)


def footer(doc: Any, left: str, page_word: str) -> None:
    """The footer of every page but the cover: the brand (or organisation) and "page N of M"."""
    for section in doc.sections:
        section.different_first_page_header_footer = True
        p = section.footer.paragraphs[0]
        p.text = ""
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = p.add_run(xml_text(left, single_line=True)[:120] + "   ·   ")
        run.font.size = Pt(8)
        before, _, rest = page_word.partition("{page}")
        middle, _, after = rest.partition("{total}")
        p.add_run(before).font.size = Pt(8)
        _field(p, "PAGE")
        p.add_run(middle).font.size = Pt(8)
        _field(p, "NUMPAGES")
        p.add_run(after).font.size = Pt(8)


def contents(doc: Any, title: str) -> Any:
    """A table-of-contents field over Heading 1–2 (Word fills it in with page numbers on opening);
    :func:`fill_contents` gives it the chapter titles meanwhile, for viewers that never update fields."""
    heading(doc, title, 1)
    p = doc.add_paragraph()
    _field(p, 'TOC \\o "1-2" \\h \\z \\u')
    return p


def fill_contents(doc: Any, paragraph: Any) -> None:
    """Put the document's Heading 1 titles (after the contents) into the contents field's shown result."""
    titles = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"][1:]
    shown = paragraph._p.findall(".//" + qn("w:t"))
    if not titles or not shown:
        return
    anchor = shown[-1]
    anchor.text = titles[0]
    for title in titles[1:]:
        br = OxmlElement("w:br")
        t = OxmlElement("w:t")
        t.text = title
        anchor.addnext(br)
        br.addnext(t)
        anchor = t


def cover(doc: Any, brand: Brand, theme: Theme, *, title: str, subtitle: str, lines: list[tuple[str, str]],
          date: dt.date, lang: str, show_date: bool = True) -> None:
    """The cover: the logo, the title, the organisation and who prepared it; a page break after."""
    logo = brand.logo_bytes()
    if logo:
        doc.add_picture(BytesIO(logo), width=Cm(4))
    for _ in range(3):
        doc.add_paragraph()
    doc.add_paragraph(xml_text(title, single_line=True), style="Title")
    p = doc.add_paragraph()
    run = p.add_run(xml_text(subtitle, single_line=True))
    run.font.size = Pt(16)
    run.bold = True
    run.font.color.rgb = colour(theme.text)
    doc.add_paragraph()
    for label, value in lines:
        if not value:
            continue
        p = doc.add_paragraph()
        r = p.add_run(xml_text(label, single_line=True) + ": ")
        r.bold = True
        p.add_run(xml_text(value, single_line=True))
    if show_date:
        p = doc.add_paragraph()
        p.add_run(format_date(date, lang)).font.color.rgb = colour(theme.muted)
    doc.add_page_break()


def to_bytes(doc: Any) -> bytes:
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


__all__ = ["bullet", "colour", "contents", "fill_contents", "cover", "footer", "heading", "new_document", "para",
           "table", "to_bytes"]
