"""User text is hostile: it must print as typed (no markdown), visibly, safely, and never break the build."""

from __future__ import annotations

from readiness.i18n import t
from reports import REPLACEMENT, safe_text
from reports.document import TEXT_FONTS
from reports.sections import render_group_page

from .conftest import HOSTILE, page_texts, squash


def test_safe_text_strips_controls_and_bidi_overrides_but_keeps_line_breaks():
    assert safe_text(TEXT_FONTS, "a\x00b\x07c\x1bd\u202ee\u200df\r\ng\th") == "abcdef\ng h"
    assert safe_text(TEXT_FONTS, "a\nb", single_line=True) == "a b"


def test_safe_text_replaces_missing_glyphs_visibly_and_keeps_what_the_font_has():
    assert safe_text(TEXT_FONTS, "Hej 🚀!") == f"Hej {REPLACEMENT}!"
    assert safe_text(TEXT_FONTS, "👍🏽") == REPLACEMENT  # the skin tone belongs to the replaced emoji
    assert safe_text(TEXT_FONTS, "❤️") == "❤"  # the font has the heart; the variation selector is invisible
    assert safe_text(TEXT_FONTS, "\ue000") == REPLACEMENT  # private use
    assert safe_text(TEXT_FONTS, "æøå ÆØÅ – “” • שלום مرحبا") == "æøå ÆØÅ – “” • שלום مرحبا"
    assert safe_text(TEXT_FONTS, "a\u030a") == "å"  # composed, so the font's own å prints


def test_safe_text_leaves_markdown_and_html_as_typed():
    assert safe_text(TEXT_FONTS, "**fed** __kursiv__ <b>x</b>") == "**fed** __kursiv__ <b>x</b>"


def test_hostile_report_prints_user_text_as_typed_with_emoji_replaced(hostile_pdf):
    text = "\n".join(page_texts(hostile_pdf.data))
    assert REPLACEMENT * 3 in text  # three emoji, three visible squares
    assert "**fed**" in text and "__kursiv__" in text and "<script>" in text  # never read as markdown
    assert "{nb}" in text  # fpdf2's page alias in user text stays literal
    assert "\x07" not in text and "\x1b" not in text
    assert "שלום" in text or "םולש" in text  # Hebrew survives (logical or visual order)


def test_a_5000_character_note_breaks_across_pages_and_is_printed_whole(hostile_pdf):
    texts = page_texts(hostile_pdf.data)
    pages_with_note = [i for i, page in enumerate(texts) if "Lang note om ærlige svar" in page]
    assert len(pages_with_note) >= 2
    assert squash("".join(texts)).count(squash("Lang note om ærlige svar og øvelser på åen.")) >= 2 * 112


def test_empty_answers_and_no_name_build_with_the_fallback_name(empty_pdf):
    text = "\n".join(page_texts(empty_pdf.data))
    assert t("report.org_fallback", "en") in text
    assert t("answer.not_answered", "en") in text
    assert 8 <= len(page_texts(empty_pdf.data)) <= 20


def test_hostile_text_in_every_language_builds(bank, tmp_path):
    from .conftest import build, hostile_assessment

    built = build(bank, hostile_assessment(bank), "hostile", tmp_path, "en")
    assert built.data.startswith(b"%PDF-")
    assert squash(HOSTILE.split("{nb}")[0][:20]) in squash("".join(page_texts(built.data)))


def test_group_page_hook_draws_nothing_for_a_single_assessment(full_pdfs):
    render_group_page(None, None)  # no workshop: no page, and the pdf is not even touched
