"""How the PDF looks to poppler: no blank pages, nothing outside the page or its side margins."""

from __future__ import annotations

import pytest

from reports.document import MARGIN_X

from .conftest import LANGS, rendered_pages, word_boxes

MM = 72 / 25.4


def _check_pages_have_content(built, tmp_path):
    pages = rendered_pages(built.path, tmp_path / built.path.stem)
    assert pages
    for n, (width, height, pixels) in enumerate(pages, 1):
        top, bottom = int(height * 0.08), int(height * 0.92)  # leave out the running header and footer
        body = pixels[top * width:bottom * width]
        dark = sum(1 for p in body if p < 200)
        # a blank body is 0; the shortest legitimate last page (a few lines of notes) is several hundred
        assert dark > 150, f"{built.path.name}: page {n} looks blank ({dark} dark pixels)"


def _check_words_inside(built, tmp_path):
    words = word_boxes(built.path, tmp_path / (built.path.stem + ".html"))
    assert len(words) > 500
    left, slack = MARGIN_X * MM, 1.0
    for w in words:
        where = f"{built.path.name} page {w['page']}: {w['text']!r} at ({w['x0']:.1f}, {w['y0']:.1f})"
        assert w["x0"] >= 0 and w["x1"] <= w["w"] and w["y0"] >= 0 and w["y1"] <= w["h"], "off the page: " + where
        assert w["x0"] >= left - slack and w["x1"] <= w["w"] - left + slack, "in the side margin: " + where
        assert w["y0"] >= 5 * MM and w["y1"] <= w["h"] - 5 * MM, "in the top or bottom edge: " + where


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_of_the_full_report_has_content(full_pdfs, lang, tmp_path):
    _check_pages_have_content(full_pdfs[lang], tmp_path)


@pytest.mark.parametrize("lang", LANGS)
def test_every_word_of_the_full_report_lies_within_the_margins(full_pdfs, lang, tmp_path):
    _check_words_inside(full_pdfs[lang], tmp_path)


def test_hostile_report_has_no_blank_page_and_nothing_outside_the_margins(hostile_pdf, tmp_path):
    _check_pages_have_content(hostile_pdf, tmp_path)
    _check_words_inside(hostile_pdf, tmp_path)


def test_empty_report_has_no_blank_page_and_nothing_outside_the_margins(empty_pdf, tmp_path):
    _check_pages_have_content(empty_pdf, tmp_path)
    _check_words_inside(empty_pdf, tmp_path)
