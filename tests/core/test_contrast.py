"""Text colours of the shared theme meet WCAG 2.2 AA contrast (4.5:1) on the app's and the PDF's backgrounds."""

from __future__ import annotations

import pytest

from readiness.theme import Theme, contrast_ratio

BACKGROUNDS = {"white": "#FFFFFF", "light": Theme().light}


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes
    assert contrast_ratio("#6B7280", "#F1F5F4") < 4.5  # the old caption grey on the sidebar's background


@pytest.mark.parametrize("background", list(BACKGROUNDS))
@pytest.mark.parametrize("colour", ["text", "muted", "danger", "warning", "primary"])
def test_theme_text_colours_are_readable(colour, background):
    theme = Theme()
    assert contrast_ratio(getattr(theme, colour), BACKGROUNDS[background]) >= 4.5
