"""Lines measured once (reports/layout.py ``break_plain``) are fpdf2's lines, field for field, and the PDF's bytes."""

from __future__ import annotations

import datetime as dt

import pytest
from fpdf.enums import Align, WrapMode
from fpdf.errors import FPDFException
from fpdf.line_break import Fragment, MultiLineBreak
from hypothesis import given
from hypothesis import strategies as st

from reports.document import FAMILY, FONT_DIR, FONT_FILES
from reports.fontcache import add_cached_font
from reports.layout import LayoutOnce, break_plain, can_break_plain

from .conftest import build, full_assessment, hostile_assessment

# Narrow and wide letters, Danish letters, the breaking spaces fpdf2 knows, a no-break space, line and page breaks.
ALPHABET = "iljtfWMmæøåÆØÅ-.,–" + " " * 6 + "\u2009\u3000\t\u00a0" + "\n\x0c"


def _pdf(style: str = "", size: float = 9) -> LayoutOnce:
    pdf = LayoutOnce(format="A4")
    for s, file in FONT_FILES.items():
        add_cached_font(pdf, FAMILY, s, FONT_DIR / file)
    pdf.set_font(FAMILY, style, size)
    return pdf


def _fragment(pdf: LayoutOnce, text: str) -> Fragment:
    (frag,) = pdf._preload_font_styles(text, False)
    assert can_break_plain(frag, WrapMode.WORD)
    return frag


def _fpdf2(frag: Fragment, width: float, margins: list[float], align: Align):
    breaker = MultiLineBreak([frag], width, margins, align=align)
    lines = []
    line = breaker.get_line()
    while line is not None:
        lines.append(line)
        line = breaker.get_line()
    return lines


def _fields(lines) -> list[tuple]:
    """Every field of every line; fragments by class, characters, graphics state, scale and link."""
    out = []
    for line in lines:
        frags = [(type(f), list(f.characters), f.graphics_state, f.k, f.link) for f in line.fragments]
        rest = line._replace(fragments=None)
        out.append((frags, tuple(rest), tuple(type(v) for v in rest)))  # int 0 and 0.0 are told apart
    return out


def _both(frag, width, margins, align):
    results = []
    for fn in (_fpdf2, break_plain):
        fresh = Fragment(list(frag.characters), frag.graphics_state, frag.k)
        try:
            results.append(_fields(fn(fresh, width, margins, align)))
        except FPDFException as exc:
            results.append(("raised", str(exc)))
    return results


@given(text=st.text(alphabet=ALPHABET, max_size=400), width=st.floats(min_value=0.5, max_value=190),
       margin=st.sampled_from([0.0, 1.0, 0.2]), align=st.sampled_from([Align.L, Align.J, Align.R, Align.C]),
       style=st.sampled_from(["", "B", "I"]), size=st.sampled_from([6.8, 7.4, 9.0, 12.5, 20.0]))
def test_break_plain_gives_fpdf2s_lines(text, width, margin, align, style, size):
    pdf = _pdf(style, size)
    fpdf2, ours = _both(_fragment(pdf, text or "x"), width, [margin, margin], align)
    assert ours == fpdf2


@given(text=st.text(alphabet=ALPHABET, min_size=1, max_size=300), first=st.floats(min_value=0.5, max_value=190),
       width=st.floats(min_value=2, max_value=190))
def test_break_plain_with_a_first_line_of_its_own_gives_fpdf2s_lines(text, first, width):
    """As write() breaks: the first line from the current position, the others between the margins."""
    frag = _fragment(_pdf(), text)
    current = [first]  # what write()'s width callback returns: the first line's width, then the full one

    def fpdf2():
        breaker = MultiLineBreak([Fragment(list(frag.characters), frag.graphics_state, frag.k)],
                                 lambda _height: current[0], [0.2, 0.2])
        lines = []
        line = breaker.get_line()
        while line is not None:
            lines.append(line)
            current[0] = width
            line = breaker.get_line()
        return lines

    def ours():
        return break_plain(Fragment(list(frag.characters), frag.graphics_state, frag.k), width, [0.2, 0.2], Align.L,
                           first)

    results = []
    for fn in (fpdf2, ours):
        try:
            results.append(_fields(fn()))
        except FPDFException as exc:
            results.append(("raised", str(exc)))
    assert results[1] == results[0]


def _writes(pdf: LayoutOnce) -> bytes:
    pdf.add_page()
    texts = ["Kort.", "En længere sætning om ambassadører, der deler opslag på LinkedIn hver uge " * 3,
             "Ord\nmed linjeskift\n", "Superlangtordudenmellemrumsomikkekanbrydesnogensteder" * 3, "  ", "a\u00a0b c"]
    for i, text in enumerate(texts * 3):
        pdf.set_font(FAMILY, "B" if i % 4 == 1 else "", 7 + i % 5)
        pdf.set_x(pdf.l_margin + (i * 17) % 120)
        pdf.write(4, text)
        pdf.write(4, "  kilde: " + str(i))
    pdf.set_creation_date(dt.datetime(2026, 11, 28, tzinfo=dt.UTC))
    return bytes(pdf.output())


def test_write_measured_once_changes_no_byte(measured_by_fpdf2_after):
    once = _writes(_pdf())
    measured_by_fpdf2_after()
    assert _writes(_pdf()) == once


@pytest.mark.parametrize("text", ["\n", "a\n", "\n\nab \n", "   ", " a", "a  b   ", "\x0cab", "\u00a0\u00a0x"])
@pytest.mark.parametrize("width", [3.0, 12.0, 180.0])
def test_break_plain_edges(text, width):
    pdf = _pdf()
    fpdf2, ours = _both(_fragment(pdf, text), width, [0.0, 0.0], Align.J)
    assert ours == fpdf2


def test_too_narrow_for_one_character_raises_as_fpdf2_does():
    pdf = _pdf()
    fpdf2, ours = _both(_fragment(pdf, "WWW"), 0.5, [0.0, 0.0], Align.L)
    assert ours == fpdf2
    assert ours[0] == "raised"


def test_what_break_plain_does_not_take_goes_to_fpdf2():
    pdf = _pdf()
    assert not can_break_plain(_fragment_of(pdf, "ab\u00adcd"), WrapMode.WORD)  # soft hyphens
    assert not can_break_plain(_fragment_of(pdf, "abcd"), WrapMode.CHAR)
    pdf.set_char_spacing(1)
    assert not can_break_plain(_fragment_of(pdf, "abcd"), WrapMode.WORD)
    pdf.set_char_spacing(0)
    pdf.set_stretching(90)
    assert not can_break_plain(_fragment_of(pdf, "abcd"), WrapMode.WORD)
    pdf.set_stretching(100)
    pdf.set_font("helvetica", "", 9)  # a core font: widths keyed by character, not code point
    assert not can_break_plain(_fragment_of(pdf, "abcd"), WrapMode.WORD)


def _fragment_of(pdf, text):
    (frag,) = pdf._preload_font_styles(text, False)
    return frag


@pytest.fixture
def measured_by_fpdf2_after():
    """Call it to switch measuring once off for the rest of the test."""
    def off():
        LayoutOnce.measure_once = False

    yield off
    LayoutOnce.measure_once = True


@pytest.fixture
def measured_by_fpdf2():
    LayoutOnce.measure_once = False
    try:
        yield
    finally:
        LayoutOnce.measure_once = True


@pytest.mark.parametrize("make", [full_assessment, hostile_assessment], ids=["full", "hostile"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_measuring_once_changes_no_byte(bank, tmp_path, make, lang, request):
    once = build(bank, make(bank), "once", tmp_path, lang).data
    request.getfixturevalue("measured_by_fpdf2")
    fpdf2 = build(bank, make(bank), "fpdf2", tmp_path, lang).data
    assert once == fpdf2
