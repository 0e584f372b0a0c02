"""Lines broken once (reports/layout.py) and fonts parsed once (reports/fontcache.py) change no byte of the PDF."""

from __future__ import annotations

import pytest

from reports.layout import LayoutOnce

from .conftest import build, full_assessment, hostile_assessment


@pytest.fixture
def without_reuse():
    LayoutOnce.reuse_lines = False
    try:
        yield
    finally:
        LayoutOnce.reuse_lines = True


def _built(bank, assessment, folder, name):
    return build(bank, assessment, name, folder, "da").data


@pytest.mark.parametrize("make", [full_assessment, hostile_assessment], ids=["full", "hostile"])
def test_reusing_lines_changes_no_byte(bank, tmp_path, make, request):
    reused = _built(bank, make(bank), tmp_path, "reused")
    request.getfixturevalue("without_reuse")
    plain = _built(bank, make(bank), tmp_path, "plain")
    assert reused == plain


def test_fonts_parsed_once_per_process_change_no_byte(bank, tmp_path, monkeypatch):
    import reports.document

    cached = _built(bank, full_assessment(bank), tmp_path, "cached")  # (the parse cache is warm by now)
    monkeypatch.setattr(reports.document, "add_cached_font",
                        lambda pdf, family, style, path: pdf.add_font(family, style, str(path)))
    parsed = _built(bank, full_assessment(bank), tmp_path, "parsed")
    assert cached == parsed


@pytest.fixture
def fresh_font_cache():
    """A process that has parsed no face yet (as the command line starts)."""
    import reports.document
    import reports.fontcache

    def clear():
        reports.fontcache._parsed.cache_clear()
        reports.fontcache._opened.clear()
        reports.document.text_coverage.cache_clear()

    clear()
    yield
    clear()


def test_a_fresh_process_reads_each_face_once_and_the_bytes_stay(bank, tmp_path, monkeypatch, fresh_font_cache):
    from fontTools import ttLib

    import reports.text
    from reports.document import FONT_DIR, FONT_FILES

    opened: list[str] = []
    original = ttLib.TTFont

    class Counted(original):
        def __init__(self, file=None, *args, **kwargs):
            opened.append(str(file))
            super().__init__(file, *args, **kwargs)

    monkeypatch.setattr(ttLib, "TTFont", Counted)
    monkeypatch.setattr(reports.text, "TTFont", Counted)
    first = _built(bank, full_assessment(bank), tmp_path, "first")  # takes over the faces the parse opened
    assert sorted(opened) == sorted(str(FONT_DIR / file) for file in FONT_FILES.values())
    second = _built(bank, full_assessment(bank), tmp_path, "second")  # opens its own
    assert len(opened) == 6
    assert first == second


def test_the_text_coverage_from_the_parse_cache_is_the_fonts_cmap(fresh_font_cache):
    from reports.document import TEXT_FONTS, text_coverage
    from reports.text import coverage

    assert text_coverage() == coverage(TEXT_FONTS)
    assert 0x00E5 in text_coverage() and 0x1F680 not in text_coverage()  # å yes, the rocket emoji no


def test_a_deep_copy_of_the_document_copies_the_font_tables_flat_and_apart():
    import copy

    from reports.document import FAMILY, FONT_DIR, FONT_FILES
    from reports.fontcache import add_cached_font
    from reports.layout import LayoutOnce

    pdf = LayoutOnce()
    for style, file in FONT_FILES.items():
        add_cached_font(pdf, FAMILY, style, FONT_DIR / file)
    font = pdf.fonts[FAMILY.lower()]
    twin = copy.deepcopy(pdf).fonts[FAMILY.lower()]
    assert twin.cw == font.cw and twin.cw is not font.cw and twin.glyph_ids == font.glyph_ids
    assert twin.glyph_ids is not font.glyph_ids
    assert twin.cw[0x10FFFD] == font.cw.default_factory()  # still a default dict
    twin.cw[ord("a")] = -1
    twin.glyph_ids[ord("a")] = -1
    assert font.cw[ord("a")] > 0 and font.glyph_ids[ord("a")] > 0
