"""Laying out text once: ``multi_cell`` with the lines it breaks kept for the next identical call.

fpdf2 breaks the same text into lines more than once in a report: its tables break every
cell once to measure the row's height (with writing switched off) and once more to draw
it, and the sections measure a paragraph (``text_height``, a dry run) before drawing it.
Line breaking is fpdf2's costliest step (it measures character by character in pure Python),
so :class:`LayoutOnce` keeps the lines of each ``multi_cell`` call, per document, and reuses
them when the same text is set again in the same font, size, width and alignment.

:meth:`LayoutOnce.multi_cell` is fpdf2 2.8.9's ``FPDF.multi_cell`` with the line breaking
taken out into :meth:`LayoutOnce._break_lines`; everything else (page breaks, boxes,
positions, return values) is unchanged, so the PDF is byte for byte what fpdf2 writes. The
tests build the report with and without the reuse and compare the bytes.

Only what decides where lines break is the key: the text, the font object, its size,
style, stretching, character spacing, the width, the margins, the alignment and the wrap
mode. Colours and other drawing state are not: lines taken from the cache get new fragments
carrying the graphics state of the call that draws them, exactly as fpdf2 would have built
them. Markdown, text shaping, fallback fonts and the total-pages alias (several fragments
or special ones) are never cached; they go through fpdf2's own breaking.

Measuring once: fpdf2's ``MultiLineBreak`` measures the line again from its first character
at every space (``CurrentLine.width`` sums the widths of everything on the line so far), so
a line of *n* characters is measured about *n*²/(2 × word length) times. :func:`break_plain`
breaks a single plain fragment (one font, no shaping, no soft hyphens, word wrapping, no
character spacing or stretching: every text the report sets) the same way, keeping the running
sum of the glyph widths. The widths are integers (font units), so the running sum is the
same integer fpdf2's ``sum()`` gives and every width is the same float, computed with fpdf2's
own expression: the lines, their widths and so the bytes are identical (tested against
``MultiLineBreak`` on generated text, and by building the report both ways).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, WrapMode, XPos, YPos
from fpdf.errors import FPDFException
from fpdf.line_break import (
    BREAKING_SPACE_SYMBOLS_STR,
    FORM_FEED,
    NBSP,
    NEWLINE,
    SOFT_HYPHEN,
    SPACE,
    Fragment,
    MultiLineBreak,
    TextLine,
)
from fpdf.table import draw_box_borders
from fpdf.util import Padding

#: The graphics state fields that decide line breaks (widths and fragment boundaries).
_LAYOUT_FIELDS = ("current_font", "font_family", "font_style", "font_size_pt", "font_stretching", "char_spacing",
                  "underline", "strikethrough", "char_vpos", "sub_scale", "sup_scale", "nom_scale", "denom_scale")


_TOLERANCE = 1e-9  # fpdf2's FloatTolerance


def can_break_plain(frag: Fragment, wrapmode: WrapMode) -> bool:
    """Whether :func:`break_plain` breaks ``frag`` exactly as fpdf2's ``MultiLineBreak`` would."""
    state = frag.graphics_state
    font = state.current_font
    return (wrapmode == WrapMode.WORD and type(frag) is Fragment and frag.link is None and state.text_shaping is None
            and getattr(font, "type", None) == "TTF" and not font.is_symbol and state.font_stretching == 100
            and state.char_spacing == 0 and type(font.cw.default_factory()) is int
            and frag.font_size > _TOLERANCE and SOFT_HYPHEN not in frag.characters)


def break_plain(frag: Fragment, width: float, margins: Sequence[float], align: Align,
                first_width: float | None = None) -> list[TextLine]:
    """The lines fpdf2's ``MultiLineBreak(fragments=[frag], width, margins, align)`` returns, measured once.

    Only for fragments :func:`can_break_plain` accepts. Follows ``MultiLineBreak.get_line``
    and ``CurrentLine`` of fpdf2 2.8.9 step by step (the comments name their branches), with
    ``CurrentLine.width`` kept as a running sum ``total`` of integer glyph widths instead of
    being summed again at every character. ``first_width``: the first line's width when it
    differs (``write()`` starts at the current position).
    """
    chars = frag.characters
    n = len(chars)
    state, k = frag.graphics_state, frag.k
    font = state.current_font
    size = frag.font_size_pt
    if n and size > font.biggest_size_pt:  # what Font.get_text_width records on the way (it measures no empty text)
        font.biggest_size_pt = size
    cw = font.cw
    font_height = frag.font_size  # the only font on the line: MultiLineBreak's current_font_height
    line_height = font_height * 1.0  # times MultiLineBreak's default line_height
    last_align = Align.L if align == Align.J else align
    lines: list[TextLine] = []
    i = 0
    forced = None  # MultiLineBreak.idx_last_forced_break
    line_max = width
    while i < n:  # one get_line()
        line_max = first_width if first_width is not None and not lines else width
        max_width = line_max
        for margin in margins:
            max_width -= float(margin)
        last_forced, forced = forced, None
        line: list[str] | None = None  # the line's one fragment's characters (None: no fragment yet)
        total = 0  # sum of the glyph widths on the line, in font units
        spaces = 0
        height: float = 0
        hint: tuple[int, int, int, int] | None = None  # SpaceHint: (index, characters on the line, total, spaces)
        brk = None  # (align, trailing_nl, trailing_form_feed) once the line ends
        while i < n:
            ch = chars[i]
            ch_width = cw[ord(ch)] * size * 0.001 / k  # Fragment.get_character_width
            if ch in (NEWLINE, FORM_FEED):
                i += 1
                height = max(height, line_height)
                brk = (last_align, ch == NEWLINE, ch == FORM_FEED)
                break
            line_width = 0 if line is None else total * size * 0.001 / k  # CurrentLine.width
            if (line_width + ch_width) - max_width > _TOLERANCE:
                if ch in BREAKING_SPACE_SYMBOLS_STR:  # always drop a space at the break
                    i += 1
                    brk = (align, False, False)
                elif hint is not None:  # CurrentLine.automatic_break(): back to the last space
                    i, kept, total, spaces = hint
                    del line[kept:]
                    i += 1
                    brk = (align, False, False)
                else:
                    if last_forced == (0, i):
                        raise FPDFException("Not enough horizontal space to render a single character")
                    forced = (0, i)
                    brk = (last_align, False, False)
                break
            # CurrentLine.add_character
            height = line_height
            if line is None:
                line = []
            if ch in BREAKING_SPACE_SYMBOLS_STR:
                hint = (i, len(line), total, spaces)
                spaces += 1
            elif ch == NBSP:
                ch = SPACE
                spaces += 1
            line.append(ch)
            total += cw[ord(ch)]
            i += 1
        text_width: float = 0 if line is None else total * size * 0.001 / k
        if brk is None:  # the text ran out: a last line, unless it is empty
            if not text_width:
                break
            brk = (last_align, False, False)
        lines.append(TextLine(fragments=[] if line is None else [Fragment(line, state, k)], text_width=text_width,
                              number_of_spaces=spaces, align=brk[0], height=height, max_width=line_max,
                              trailing_nl=brk[1], trailing_form_feed=brk[2], indent=0))
    return lines


class LineCache(dict):
    """Broken lines per layout key, for one document.

    ``unbreakable()`` deep-copies the document to be able to rewind it; a copy starts with an
    empty cache (its fonts are copies too, so none of the keys would match anyway).
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> LineCache:
        return LineCache()


class LayoutOnce(FPDF):
    """An ``FPDF`` whose ``multi_cell`` breaks each text into lines once (see the module's docstring)."""

    #: Switch for the tests: ``False`` sends every ``multi_cell`` through fpdf2 unchanged.
    reuse_lines = True
    #: Switch for the tests and the benchmark: ``False`` breaks lines with fpdf2's ``MultiLineBreak`` only.
    measure_once = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._line_cache = LineCache()

    def _break_lines(self, fragments: Any, width: float, margins: list[float], align: Align, print_sh: bool,
                     wrapmode: WrapMode, markdown: bool) -> list[TextLine]:
        """The lines ``fragments`` break into (fpdf2's ``MultiLineBreak``), from the cache when they were broken before."""
        key = None
        if not markdown and len(fragments) == 1 and type(fragments[0]) is Fragment and fragments[0].link is None:
            frag = fragments[0]
            state = frag.graphics_state
            if state.text_shaping is None:
                key = (frag.string, frag.k, tuple(getattr(state, f) for f in _LAYOUT_FIELDS), width, tuple(margins),
                       align, print_sh, wrapmode)
                cached = self._line_cache.get(key)
                if cached is not None:
                    k = frag.k
                    return [line._replace(fragments=[Fragment(list(f.characters), state, k) for f in line.fragments])
                            for line in cached]
        if key is not None and self.measure_once and can_break_plain(fragments[0], wrapmode):
            lines = break_plain(fragments[0], width, margins, align)
        else:
            breaker = MultiLineBreak(fragments, width, margins, align=align, print_sh=print_sh, wrapmode=wrapmode)
            lines = []
            line = breaker.get_line()
            while line is not None:
                lines.append(line)
                line = breaker.get_line()
        if key is not None:
            self._line_cache[key] = lines
        return lines

    def write(self, h: float | None = None, text: str = "", link: Any = "", print_sh: bool = False,
              wrapmode: Any = WrapMode.WORD, *args: Any, **kwargs: Any) -> bool:
        """fpdf2 2.8.9's ``FPDF.write`` (its ``@check_page`` included), its one plain fragment measured once.

        Anything else (several fragments, shaping, soft hyphens, deprecated arguments) goes
        to fpdf2 as is.
        """
        wrapmode = WrapMode.coerce(wrapmode)
        if not self.measure_once or args or kwargs or not self.font_family or isinstance(h, str):
            return super().write(h, text, link, print_sh, wrapmode, *args, **kwargs)
        if not self.page:
            raise FPDFException("No page open, you need to call add_page() first")
        if h is None:
            h = self.font_size
        normalized_string = self.normalize_text(text).replace("\r", "")
        if self.text_shaping:
            return super().write(h, text, link, print_sh, wrapmode)
        fragments = self._preload_font_styles(normalized_string, False)
        if len(fragments) != 1 or not can_break_plain(fragments[0], wrapmode):
            return super().write(h, text, link, print_sh, wrapmode)
        first_width = self.w - self.x - self.r_margin  # the first line from the current position
        full_width = self.w - self.l_margin - self.r_margin
        text_lines = break_plain(fragments[0], full_width, (self.c_margin, self.c_margin), Align.L, first_width)
        if not text_lines:
            return False
        page_break_triggered = False
        for text_line_index, text_line in enumerate(text_lines):
            if text_line_index > 0:
                self.ln()
            new_page = self._render_styled_text_line(text_line, h=h, border=0, new_x=XPos.WCONT, new_y=YPos.TOP,
                                                     fill=False, link=link)
            page_break_triggered = page_break_triggered or new_page
        if text_line is not None and text_line.trailing_nl:
            self.ln()  # the renderer cannot handle a trailing newline
        return page_break_triggered

    def multi_cell(self, w: float, h: float | None = None, text: str = "", border: Any = 0, align: Any = Align.J,
                   fill: bool = False, *args: Any, link: Any = None, max_line_height: float | None = None,
                   markdown: bool = False, print_sh: bool = False, new_x: Any = XPos.RIGHT, new_y: Any = YPos.NEXT,
                   wrapmode: Any = WrapMode.WORD, dry_run: bool = False, output: Any = MethodReturnValue.PAGE_BREAK,
                   center: bool = False, padding: Any = 0, **kwargs: Any) -> Any:
        if not self.reuse_lines or args or kwargs:  # deprecated arguments (split_only, ln, txt): fpdf2 as is
            return super().multi_cell(w, h, text, border, align, fill, *args, link=link,
                                      max_line_height=max_line_height, markdown=markdown, print_sh=print_sh,
                                      new_x=new_x, new_y=new_y, wrapmode=wrapmode, dry_run=dry_run, output=output,
                                      center=center, padding=padding, **kwargs)
        # From here on: fpdf2 2.8.9's FPDF.multi_cell (its @check_page included), but for _break_lines.
        if not self.page and not dry_run:
            raise FPDFException("No page open, you need to call add_page() first")
        padding = Padding.new(padding)
        wrapmode = WrapMode.coerce(wrapmode)
        if dry_run:
            with self._disable_writing():
                return self.multi_cell(w=w, h=h, text=text, border=border, align=align, fill=fill, link=link,
                                       max_line_height=max_line_height, markdown=markdown, print_sh=print_sh,
                                       new_x=new_x, new_y=new_y, wrapmode=wrapmode, dry_run=False, output=output,
                                       center=center, padding=padding)
        if not self.font_family:
            raise FPDFException("No font set, you need to call set_font() beforehand")
        if isinstance(w, str) or isinstance(h, str):
            raise ValueError("Parameter 'w' and 'h' must be numbers, not strings."
                             " You can omit them by passing string content with text=")
        new_x = XPos.coerce(new_x)
        new_y = YPos.coerce(new_y)
        align = Align.coerce(align)

        if h is None:
            h = self.font_size
        if w == 0:
            w = self.w - self.r_margin - self.x
        prev_x, prev_y = self.x, self.y
        maximum_allowed_width = w = w - padding.right - padding.left
        clearance_margins: list[float] = []
        if not padding.left:
            clearance_margins.append(self.c_margin)
        if not padding.right:
            clearance_margins.append(self.c_margin)
        if align != Align.X:
            self.x += padding.left
        self.y += padding.top
        if center:
            self.x = self.w / 2 if align == Align.X else self.l_margin + (self.epw - w) / 2
            prev_x = self.x

        text = self.normalize_text(text)
        normalized_string = text.replace("\r", "")
        styled_text_fragments = (self._preload_bidirectional_text(normalized_string, markdown) if self.text_shaping
                                 else self._preload_font_styles(normalized_string, markdown))

        prev_current_font = self.current_font
        prev_font_style = self.font_style
        prev_underline = self.underline
        total_height: float = 0

        text_lines = self._break_lines(styled_text_fragments, maximum_allowed_width, clearance_margins, align,
                                       print_sh, wrapmode, markdown)
        if not text_lines:  # ensure we display at least one cell - cf. fpdf2 issue #349
            text_lines = [TextLine([], text_width=0, number_of_spaces=0, align=align, height=h, max_width=w,
                                   trailing_nl=False)]

        if max_line_height is None or len(text_lines) == 1:
            line_height = h
        else:
            line_height = min(h, max_line_height)

        box_required = fill or border
        page_break_triggered = False

        for text_line_index, text_line in enumerate(text_lines):
            start_of_new_page = self._perform_page_break_if_need_be(h + padding.bottom)
            if start_of_new_page:
                page_break_triggered = True
                self.y += padding.top

            if box_required and (text_line_index == 0 or start_of_new_page):
                top_gap = self.y
                bottom_gap = padding.bottom + self.b_margin
                lines_before_break = int((self.h - top_gap - bottom_gap) // line_height)
                num_lines = min(lines_before_break, len(text_lines) - text_line_index)
                box_height = max(h - text_line_index * line_height, num_lines * line_height)
                x = self.x - (w / 2 if align == Align.X else 0)
                draw_box_borders(self, x - padding.left, self.y - padding.top, x + w + padding.right,
                                 self.y + box_height + padding.bottom, border, self.fill_color if fill else None)
            is_last_line = text_line_index == len(text_lines) - 1
            self._render_styled_text_line(
                text_line, h=line_height, new_x=new_x if is_last_line else XPos.LEFT,
                new_y=new_y if is_last_line else YPos.NEXT, border=0, fill=False, link=link,
                padding=Padding(0, padding.right, 0, padding.left), prevent_font_change=markdown)
            total_height += line_height
            if not is_last_line and align == Align.X:
                self.x = prev_x

        if total_height < h:
            if new_y == YPos.NEXT:
                self.y += h - total_height
            total_height = h

        if page_break_triggered and new_y == YPos.TOP:
            prev_y = self.y

        last_line = text_lines[-1]
        if last_line and last_line.trailing_nl and new_y in (YPos.LAST, YPos.NEXT):
            self.ln()

        if new_y == YPos.TOP:
            self.y = prev_y
        elif new_y == YPos.NEXT:
            self.y += padding.bottom

        if markdown:
            self.font_style = prev_font_style
            self.current_font = prev_current_font
            self.underline = prev_underline

        if new_x == XPos.RIGHT:
            self.x += padding.right
        elif new_x == XPos.LEFT:
            self.x -= padding.left

        output = MethodReturnValue.coerce(output)
        return_value: tuple[Any, ...] = ()
        if output & MethodReturnValue.PAGE_BREAK:
            return_value += (page_break_triggered,)
        if output & MethodReturnValue.LINES:
            return_value += (self._join_text_lines(text_lines, markdown=markdown),)
        if output & MethodReturnValue.HEIGHT:
            return_value += (total_height + padding.top + padding.bottom,)
        if len(return_value) == 1:
            return return_value[0]
        return return_value
