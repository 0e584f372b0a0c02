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
