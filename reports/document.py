"""The report's page frame and typography: :class:`ReportPDF`, an ``FPDF`` with our header, footer and styles.

Every section module draws through the helpers here (headings, paragraphs, bullets, callouts,
tables), so the whole document shares one hierarchy, one spacing rhythm and the one theme.
All text passes through :meth:`ReportPDF.safe`; user text is never given to fpdf2 with
``markdown=True``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from fpdf import FontFace
from fpdf.enums import MethodReturnValue, TableBordersLayout, TableCellFillMode, XPos, YPos

from readiness.answers import Assessment
from readiness.bank import Bank
from readiness.brand import Brand
from readiness.i18n import t
from readiness.theme import Theme, hex_to_rgb

from .fontcache import add_cached_font, code_points
from .layout import LayoutOnce
from .text import ELLIPSIS, has_rtl, safe_text

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVuCond"
FONT_FILES = {"": "DejaVuSansCondensed.ttf", "B": "DejaVuSansCondensed-Bold.ttf", "I": "DejaVuSansCondensed-Oblique.ttf"}
#: User text may print in the regular or the bold face; only glyphs both have count as printable.
TEXT_STYLES = ("", "B")
TEXT_FONTS = tuple(FONT_DIR / FONT_FILES[s] for s in TEXT_STYLES)

# The total-pages alias: made of characters safe_text always strips, so user text can never contain it.
PAGES_ALIAS = "\u2063\u2063nb\u2063\u2063"

# Layout (mm) and type sizes (pt).
MARGIN_X = 16.0
MARGIN_TOP = 19.0
MARGIN_BOTTOM = 15.0
BODY = 9.0
SMALL = 7.6
TINY = 6.8
LINE = 1.38  # line height as a multiple of the font size
TABLE_LINE = 1.24  # tighter in tables


@dataclasses.dataclass(frozen=True)
class ReportContext:
    """What the sections need besides the plan: the inputs, the brand, the language and the date."""

    bank: Bank
    assessment: Assessment
    brand: Brand
    theme: Theme
    lang: str
    date: dt.date
    organisation: str

    def __deepcopy__(self, memo: dict[int, Any]) -> ReportContext:
        # Read-only inputs: ``unbreakable()`` deep-copies the document to rewind it, not these.
        return self


class _Coverage(frozenset):
    """A font's code points: immutable, so copies of the document share it."""

    def __deepcopy__(self, memo: dict[int, Any]) -> _Coverage:
        return self


@functools.cache
def text_coverage() -> _Coverage:
    """The code points both text faces can draw (read once per process)."""
    # the faces' cmaps as the parse cache holds them (style as the document adds them: one parse per face)
    return _Coverage(frozenset.intersection(*(code_points(FONT_DIR / FONT_FILES[s], s) for s in TEXT_STYLES)))


def rgb(colour: str) -> tuple[int, int, int]:
    return hex_to_rgb(colour)


class ReportPDF(LayoutOnce):
    """An A4 report with the brand's header and footer ("page X of Y") and shared text helpers.

    Its ``multi_cell`` breaks each text into lines once (:class:`reports.layout.LayoutOnce`).
    """

    def __init__(self, ctx: ReportContext) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.ctx = ctx
        self.theme = ctx.theme
        self.language = ctx.lang
        for style, file in FONT_FILES.items():
            add_cached_font(self, FAMILY, style, FONT_DIR / file)  # parsed once per process
        self.coverage = text_coverage()
        self.set_margins(MARGIN_X, MARGIN_TOP, MARGIN_X)
        self.set_auto_page_break(True, MARGIN_BOTTOM)
        self.alias_nb_pages(PAGES_ALIAS)
        self.c_margin = 0
        self.set_font(FAMILY, "", BODY)
        self.set_text_colour(self.theme.text)
        self.frameless_pages: set[int] = set()  # the cover: no header, no footer

    # -- words ------------------------------------------------------------------------------

    def tr(self, key: str, **params: Any) -> str:
        """A report text (``report.<key>`` in the locale files) in the report's language."""
        return t(f"report.{key}", self.language, **params)

    def safe(self, text: object, *, single_line: bool = False) -> str:
        """Text the font can print: controls stripped, missing glyphs replaced visibly."""
        return safe_text(self.coverage, text, single_line=single_line)

    def fit(self, text: str, width: float) -> str:
        """One line of (already safe) text cut with an ellipsis to fit ``width`` in the current font."""
        if self.get_string_width(text) <= width:
            return text
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.get_string_width(text[:mid].rstrip() + ELLIPSIS) <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + ELLIPSIS

    @contextlib.contextmanager
    def shaping(self, *texts: str) -> Iterator[None]:
        """Text shaping (bidi and joining, via uharfbuzz) while printing right-to-left text.

        Shaping is slow in fpdf2 (it reshapes while breaking lines), so it is switched on only
        around text that needs it.
        """
        needed = self.text_shaping is None and any(has_rtl(s) for s in texts if s)
        if needed:
            self.set_text_shaping(True)
        try:
            yield
        finally:
            if needed:
                self.set_text_shaping(False)

    # -- colours and fonts ------------------------------------------------------------------

    def set_text_colour(self, colour: str) -> None:
        self.set_text_color(*rgb(colour))

    def set_fill_colour(self, colour: str) -> None:
        self.set_fill_color(*rgb(colour))

    def set_draw_colour(self, colour: str) -> None:
        self.set_draw_color(*rgb(colour))

    def style(self, size: float = BODY, style: str = "", colour: str | None = None) -> None:
        self.set_font(FAMILY, style, size)
        self.set_text_colour(colour or self.theme.text)

    def line_height(self, size: float | None = None) -> float:
        return (size or self.font_size_pt) * LINE * 25.4 / 72

    # -- page frame -------------------------------------------------------------------------

    def multi_cell(self, w: float, h: float | None = None, text: str = "", *args: Any, **kwargs: Any) -> Any:
        """fpdf2's ``multi_cell``, left-aligned unless told otherwise (its default is justified)."""
        if len(args) < 2 and "align" not in kwargs:
            kwargs["align"] = "L"
        return super().multi_cell(w, h, text, *args, **kwargs)

    def header(self) -> None:
        if self.page in self.frameless_pages:
            return
        th = self.theme
        with self._kept_state():
            self.style(TINY, "", th.muted)
            width = (self.epw - 4) / 2
            left = self.fit(self.safe(f"{self.ctx.organisation} · {self.tr('cover.title')}", single_line=True), width)
            right = self.fit(self.safe(self.ctx.brand.name, single_line=True), width)
            self.set_xy(self.l_margin, 8)
            with self.shaping(left):
                self.cell(width, 4, left, align="L")
            self.set_xy(self.w - self.r_margin - width, 8)
            with self.shaping(right):
                self.cell(width, 4, right, align="R")
            self.set_draw_colour(th.grid)
            self.set_line_width(0.2)
            self.line(self.l_margin, 13, self.w - self.r_margin, 13)

    def footer(self) -> None:
        if self.page in self.frameless_pages:
            return
        th = self.theme
        with self._kept_state():
            self.set_draw_colour(th.grid)
            self.set_line_width(0.2)
            self.line(self.l_margin, self.h - 11, self.w - self.r_margin, self.h - 11)
            self.style(TINY, "", th.muted)
            brand = self.ctx.brand
            left = " · ".join(x for x in (brand.name, brand.website) if x)
            left = self.fit(self.safe(left, single_line=True), self.epw * 0.7)
            self.set_xy(self.l_margin, self.h - 9.8)
            with self.shaping(left):
                self.cell(self.epw * 0.7, 4, left, align="L")
            self.set_xy(self.l_margin + self.epw * 0.7, self.h - 9.8)
            self.cell(self.epw * 0.3, 4, self.tr("page", page=self.page_no(), total=PAGES_ALIAS), align="R")

    @contextlib.contextmanager
    def _kept_state(self) -> Iterator[None]:
        family, style, size = self.font_family, self.font_style, self.font_size_pt
        text_colour, fill, draw, width = self.text_color, self.fill_color, self.draw_color, self.line_width
        x, y = self.x, self.y
        yield
        self.set_font(family, style, size)
        self.text_color, self.fill_color, self.draw_color = text_colour, fill, draw
        self.set_line_width(width)
        self.set_xy(x, y)

    def draw(self, fn: Callable[..., None], *args: Any, **kwargs: Any) -> None:
        """Call a drawing function ``fn(self, ...)``.

        Inside ``with pdf.unbreakable() as block:`` call ``block.draw(fn, ...)``: fpdf2 records
        calls made on the block and replays them on a new page when the block does not fit.
        """
        fn(self, *args, **kwargs)

    # -- space ------------------------------------------------------------------------------

    def ensure_space(self, height: float) -> None:
        """Start a new page unless ``height`` mm fit on this one (keeps headings with their text)."""
        if self.y + height > self.page_break_trigger:
            self.add_page()

    def gap(self, mm: float) -> None:
        """Vertical space, dropped at the top of a page."""
        if self.y > self.t_margin + 0.5:
            self.ln(mm)

    # -- headings ---------------------------------------------------------------------------

    def part(self, title: str, *, new_page: bool = True, keep: float = 40) -> None:
        """A top-level part: a new page (or, with ``new_page=False``, one when less than ``keep`` mm
        are left), a bookmark and the big title."""
        if new_page and (self.page == 0 or self.y > self.t_margin + 0.5):
            self.add_page()
        else:
            self.gap(8)
            self.ensure_space(keep)
        self.start_section(self.safe(title, single_line=True), level=0)
        th = self.theme
        self.style(20, "B", th.primary)
        self.multi_cell(0, self.line_height(20) * 0.9, self.safe(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_fill_colour(th.accent)
        self.rect(self.l_margin, self.y + 1.5, 14, 1.1, style="F")
        self.ln(6)
        self.style()

    def subheading(self, title: str, *, outline: bool = True, keep: float = 30, size: float = 12.5,
                   colour: str | None = None) -> None:
        """A level-1 heading, kept together with at least ``keep`` mm of what follows."""
        self.gap(4)
        self.ensure_space(keep)
        if outline:
            self.start_section(self.safe(title, single_line=True), level=1)
        self.style(size, "B", colour or self.theme.text)
        text = self.safe(title)
        with self.shaping(text):
            self.multi_cell(0, self.line_height(size), text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.2)
        self.style()

    def minor(self, title: str, *, keep: float = 18, colour: str | None = None, size: float = 10) -> None:
        """A small bold heading inside a section (no bookmark)."""
        self.gap(2.5)
        self.ensure_space(keep)
        self.style(size, "B", colour or self.theme.text)
        self.multi_cell(0, self.line_height(size), self.safe(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(0.8)
        self.style()

    # -- text -------------------------------------------------------------------------------

    def para(self, text: str, *, size: float = BODY, style: str = "", colour: str | None = None,
             w: float = 0, align: str = "L", after: float = 1.5, x: float | None = None) -> None:
        """A paragraph (user text welcome: it is made safe and never read as markdown)."""
        text = self.safe(text)
        if not text.strip():
            return
        self.style(size, style, colour)
        if x is not None:
            self.set_x(x)
        with self.shaping(text):
            self.multi_cell(w, self.line_height(size), text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if after:
            self.ln(after)
        self.style()

    def text_height(self, text: str, w: float, size: float = BODY, style: str = "") -> float:
        """The height a (safe) paragraph would take, without printing it."""
        self.style(size, style)
        with self.shaping(text):
            return self.multi_cell(w, self.line_height(size), text, dry_run=True, output=MethodReturnValue.HEIGHT)

    def bullets(self, items: Sequence[str], *, size: float = BODY, marker: str = "•", colour: str | None = None,
                indent: float = 4.5, after: float = 1.0) -> None:
        """A bulleted list; each item wraps under its own text, not under the bullet."""
        for item in items:
            text = self.safe(item)
            if not text.strip():
                continue
            self.style(size, "", colour)
            lh = self.line_height(size)
            if self.y + lh > self.page_break_trigger:
                self.add_page()
            y = self.y
            self.set_text_colour(self.theme.accent)
            self.set_xy(self.l_margin, y)
            self.cell(indent, lh, marker)
            self.set_text_colour(colour or self.theme.text)
            self.set_xy(self.l_margin + indent, y)
            with self.shaping(text):
                self.multi_cell(self.epw - indent, lh, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(after)
        self.style()

    def callout(self, title: str, lines: Sequence[str], *, colour: str, fill: str, intro: str = "",
                marker: str = "•") -> None:
        """A tinted box with a coloured bar on the left: for blockers, red flags and notices.

        Boxes taller than the space left are split: each piece is drawn on its own page.
        """
        pad, bar = 3.0, 1.4
        inner = self.epw - pad * 2 - bar
        rows: list[tuple[str, str, float]] = []  # (kind, text, height)
        if title:
            rows.append(("title", self.safe(title), self.text_height(self.safe(title), inner, 10, "B") + 0.8))
        if intro:
            rows.append(("intro", self.safe(intro), self.text_height(self.safe(intro), inner, SMALL) + 1.2))
        for line in lines:
            text = self.safe(line)
            rows.append(("item", text, self.text_height(text, inner - 4, BODY) + 1.0))
        i = 0
        while i < len(rows):
            available = self.page_break_trigger - self.y - pad * 2
            start = i
            chunk, height = [rows[i]], rows[i][2]
            i += 1
            while i < len(rows) and height + rows[i][2] <= available:
                chunk.append(rows[i])
                height += rows[i][2]
                i += 1
            at_top = self.y <= self.t_margin + 1
            orphaned = i < len(rows) and all(kind != "item" for kind, _, _ in chunk)
            if not at_top and (height > available or orphaned):
                i = start  # not even the first line (or only the title) fits here: start on a new page
                self.add_page()
                continue
            top = self.y
            box_h = height + pad * 2 - 1.0
            self.set_fill_colour(fill)
            self.rect(self.l_margin, top, self.epw, box_h, style="F")
            self.set_fill_colour(colour)
            self.rect(self.l_margin, top, bar, box_h, style="F")
            self.set_y(top + pad)
            x = self.l_margin + bar + pad
            for kind, text, _ in chunk:
                if kind == "title":
                    self.style(10, "B", colour)
                    self.set_x(x)
                    self.multi_cell(inner, self.line_height(10), text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                    self.ln(0.8)
                elif kind == "intro":
                    self.style(SMALL, "", self.theme.muted)
                    self.set_x(x)
                    self.multi_cell(inner, self.line_height(SMALL), text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                    self.ln(1.2)
                else:
                    self.style(BODY, "B", colour)
                    y = self.y
                    self.set_xy(x, y)
                    self.cell(4, self.line_height(BODY), marker)
                    self.style(BODY, "", self.theme.text)
                    self.set_xy(x + 4, y)
                    with self.shaping(text):
                        self.multi_cell(inner - 4, self.line_height(BODY), text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                    self.ln(1.0)
            self.set_y(top + box_h + 3)
            if i < len(rows):
                self.add_page()
        self.style()

    # -- tables -----------------------------------------------------------------------------

    def data_table(self, headings: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float], *,
                   size: float = SMALL, align: Sequence[str] | None = None, zebra: bool = True,
                   group_rows: dict[int, str] | None = None, min_row_height: float | None = None,
                   padding: float = 1.5) -> None:
        """A table with a coloured heading row repeated on every page.

        ``rows`` hold plain strings or ``(text, FontFace)`` pairs. ``group_rows`` maps a row
        index to a full-width group title printed before that row (a phase, a section).
        """
        th = self.theme
        headings = [self.safe(h, single_line=True) for h in headings]
        texts = [self.safe(c[0] if isinstance(c, tuple) else c) for r in rows for c in r]
        groups = {k: self.safe(v, single_line=True) for k, v in (group_rows or {}).items()}
        heading_style = FontFace(family=FAMILY, emphasis="BOLD", color=rgb("#FFFFFF"), fill_color=rgb(th.primary),
                                 size_pt=size)
        group_style = FontFace(family=FAMILY, emphasis="BOLD", color=rgb(th.primary), fill_color=rgb(th.light),
                               size_pt=size + 0.5)
        self.style(size)
        self.set_fill_color(0)  # fpdf2's default: otherwise the table takes the current fill for every cell
        self.set_draw_colour(th.grid)
        self.set_line_width(0.2)
        with self.shaping(*texts, *groups.values()), self.table(
            width=self.epw, col_widths=tuple(widths), headings_style=heading_style,
            borders_layout=TableBordersLayout.HORIZONTAL_LINES, line_height=size * TABLE_LINE * 25.4 / 72,
            padding=(padding, 1.6, padding, 1.6), text_align=tuple(align or ["LEFT"] * len(widths)), v_align="TOP",
            cell_fill_color=rgb("#F8FAFA") if zebra else None,
            cell_fill_mode=TableCellFillMode.EVEN_ROWS if zebra else TableCellFillMode.NONE,
            repeat_headings=1, min_row_height=min_row_height, markdown=False,
        ) as table:
            head = table.row()
            for h in headings:
                head.cell(h)
            for i, r in enumerate(rows):
                if i in groups:
                    table.row().cell(groups[i], colspan=len(widths), style=group_style)
                row = table.row()
                for c in r:
                    if isinstance(c, tuple):
                        row.cell(self.safe(c[0]), style=c[1])
                    else:
                        row.cell(self.safe(c))
        self.ln(2)
        self.style()

    def face(self, *, style: str = "", colour: str | None = None, size: float | None = None,
             fill: str | None = None) -> FontFace:
        """A table cell style in the report's font."""
        emphasis = {"": None, "B": "BOLD", "I": "ITALICS"}[style]
        return FontFace(family=FAMILY, emphasis=emphasis, color=rgb(colour) if colour else None, size_pt=size,
                        fill_color=rgb(fill) if fill else None)
