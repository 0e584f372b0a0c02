"""Making text safe to print: user text is hostile, the font is finite.

Everything a user typed (organisation name, owners, added actions, notes, free-text answers)
passes through :func:`safe_text` before it reaches fpdf2:

- control characters are removed (newlines and tabs are kept as line breaks and spaces);
- invisible formatting characters (bidi overrides, zero-width joiners, variation selectors)
  are removed, so hidden text direction tricks cannot scramble the layout;
- the text is NFC-normalised, so a decomposed "å" prints as the font's "å";
- every character the font has no glyph for (most emoji, unassigned code points, private use)
  is replaced *visibly* with :data:`REPLACEMENT` ("□") instead of vanishing silently.

Markdown is never interpreted for user text: the report passes ``markdown=False`` everywhere,
so ``**x**`` and ``__y__`` print as typed.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from fontTools.ttLib import TTFont

#: What a character the font cannot draw becomes (U+25A1 WHITE SQUARE, present in DejaVu).
REPLACEMENT = "\u25a1"
ELLIPSIS = "\u2026"

# Invisible characters that only modify their neighbours: dropped, never replaced.
_VARIATION_SELECTORS = {*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)}
_SKIN_TONES = set(range(0x1F3FB, 0x1F400))
_LINE_BREAKS = {"\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"}

# Strong right-to-left characters (Hebrew, Arabic, Syriac, Thaana, NKo, their presentation forms).
_RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF), (0x10800, 0x10FFF), (0x1E800, 0x1EFFF))

FontLike = str | Path


@functools.lru_cache(maxsize=16)
def _cmap(path: str) -> frozenset[int]:
    font = TTFont(path, lazy=True)
    try:
        return frozenset(font.getBestCmap() or ())
    finally:
        font.close()


def coverage(font: FontLike | Iterable[FontLike]) -> frozenset[int]:
    """The code points a font (a TTF path) can draw; for several fonts, those all of them can."""
    if isinstance(font, (str, Path)):
        return _cmap(str(Path(font).resolve()))
    sets = [coverage(f) for f in font]
    return frozenset.intersection(*sets) if sets else frozenset()


def safe_text(font: FontLike | Iterable[FontLike] | frozenset[int], s: object, *, single_line: bool = False) -> str:
    """``s`` as text the font can print: no control characters, missing glyphs replaced visibly.

    ``font`` is a TTF path, several paths (only glyphs all of them have count) or a ready
    coverage set from :func:`coverage`. With ``single_line`` line breaks become spaces (for
    headers, table titles and other one-line places).
    """
    cmap = font if isinstance(font, frozenset) else coverage(font)
    text = unicodedata.normalize("NFC", "" if s is None else str(s))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    replaced_last = False
    for ch in text:
        cp = ord(ch)
        if ch in _LINE_BREAKS:
            out.append(" " if single_line else "\n")
            replaced_last = False
            continue
        if ch == "\t":
            out.append(" ")
            replaced_last = False
            continue
        category = unicodedata.category(ch)
        if category == "Cc" or category == "Cf" or cp in _VARIATION_SELECTORS:
            continue  # controls, bidi overrides, zero-width joiners: invisible, so nothing is lost
        if cp in _SKIN_TONES and (replaced_last or not out):
            continue  # part of an emoji already shown as one replacement
        if category in ("Cs", "Co", "Cn") or cp not in cmap:
            out.append(REPLACEMENT)
            replaced_last = True
            continue
        out.append(ch)
        replaced_last = False
    return "".join(out)


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds right-to-left letters (and so needs text shaping to read correctly)."""
    return any(lo <= ord(ch) <= hi for ch in text if ord(ch) >= 0x0590 for lo, hi in _RTL_RANGES)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,.;:–-") + ELLIPSIS
