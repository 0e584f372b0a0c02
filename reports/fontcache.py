"""The report's fonts, parsed once per process.

fpdf2's ``add_font`` parses the TTF with fontTools for every document (widths, glyph ids,
the cmap, the descriptor): three faces, for every report. What it derives is the same every
time, so :func:`add_cached_font` parses each file once per process (:func:`_parsed`) and gives
each document its own ``TTFFont`` built from copies of that data. The font objects themselves
are never shared: they carry per-document state (the subset of glyphs used, missing glyphs),
and each gets its own fontTools ``TTFont``, opened lazily, because fpdf2's subsetting at output
changes it in place. The PDF's bytes are the same as with ``add_font`` (tested).

The fontTools ``TTFont`` the parse opened (its tables read) is not thrown away: the first
document that adds the face takes it over, as ``add_font`` would have given it one, so a
process that writes one report (the command line) reads each face once, not once to parse
and again when subsetting at output. Later documents open their own, lazily. It is handed to
one document only, never shared.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import defaultdict
from pathlib import Path
from typing import Any

from fontTools import ttLib
from fpdf import FPDF
from fpdf.enums import TextEmphasis
from fpdf.font_type_3 import get_color_font_object
from fpdf.fonts import SubsetMap, TTFFont


@dataclasses.dataclass(frozen=True)
class _Parsed:
    """What fpdf2's ``TTFFont`` derives from a TTF, independent of any document."""

    default_width: int
    widths: dict[int, int]
    glyph_ids: dict[int, int]
    cmap: dict[int, str]
    desc: Any
    name: str
    scale: float
    up: int
    ut: int
    sp: int
    ss: int
    plain: bool  # a static TrueType font with a Unicode cmap (what the copy below assumes)


class _Widths(defaultdict):
    """A face's advance widths (code point -> int): ``unbreakable()`` deep-copies the document, and ints need no copy."""

    def __deepcopy__(self, memo: dict[int, Any]) -> _Widths:
        copy = memo[id(self)] = _Widths(self.default_factory, self)
        return copy


class _GlyphIds(dict):
    """A face's glyph ids (code point -> int): copied flat when the document is deep-copied, as for the widths."""

    def __deepcopy__(self, memo: dict[int, Any]) -> _GlyphIds:
        copy = memo[id(self)] = _GlyphIds(self)
        return copy


#: The fontTools font each parse opened, until the first document takes it over (path, style) -> TTFont.
_opened: dict[tuple[str, str], ttLib.TTFont] = {}


@functools.cache
def _parsed(path: str, style: str) -> _Parsed:
    font = TTFFont(FPDF(), Path(path), "parse", style)  # fpdf2's own parsing, once
    data = _Parsed(default_width=font.cw.default_factory(), widths=dict(font.cw), glyph_ids=dict(font.glyph_ids),
                   cmap=font.cmap, desc=font.desc, name=font.name, scale=font.scale, up=font.up, ut=font.ut,
                   sp=font.sp, ss=font.ss,
                   plain=not (font.is_cff or font.is_symbol or font.is_compressed or font.color_font))
    if data.plain:
        _opened[(path, style)] = font.ttfont
    else:
        font.close()
    return data


def code_points(path: Path, style: str = "") -> frozenset[int]:
    """The code points a face maps to glyphs (its best cmap), from the parse cache."""
    return frozenset(_parsed(str(path), "".join(sorted(style.upper()))).cmap)


def add_cached_font(pdf: FPDF, family: str, style: str, path: Path) -> None:
    """``pdf.add_font(family, style, path)`` for a plain static TrueType font, from the parse cache."""
    style = "".join(sorted(style.upper()))
    fontkey = f"{family.lower()}{style}"
    data = _parsed(str(path), style)
    if not data.plain or fontkey in pdf.fonts:
        pdf.add_font(family, style, str(path))
        return
    font = TTFFont.__new__(TTFFont)
    font.i = len(pdf.fonts) + 1
    font.type = "TTF"
    font.ttffile = path
    font.is_compressed = False
    font._hbfont = None
    font.fontkey = fontkey
    font.biggest_size_pt = 0
    font.collection_font_number = 0
    opened = _opened.pop((str(path), style), None)
    font.ttfont = opened if opened is not None else ttLib.TTFont(path, recalcTimestamp=False, fontNumber=0, lazy=True)
    font.is_cff = False
    font.is_cid_keyed = False
    font.is_symbol = False
    font.cff_ros = None
    font.scale = data.scale
    font.desc = data.desc
    default = data.default_width
    font.cw = _Widths(lambda: default, data.widths)
    font.cmap = data.cmap
    font.glyph_ids = _GlyphIds(data.glyph_ids)
    font.missing_glyphs = []
    font.name = data.name
    font.up, font.ut, font.sp, font.ss = data.up, data.ut, data.sp, data.ss
    font.emphasis = TextEmphasis.coerce(style)
    font.subset = SubsetMap(font)
    font.palette_index = 0
    font.color_font = get_color_font_object(pdf, font, 0) if pdf.render_color_fonts else None
    pdf.fonts[fontkey] = font
