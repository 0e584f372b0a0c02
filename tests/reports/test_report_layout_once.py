"""Lines broken once and reused (reports/layout.py) give the bytes fpdf2's own multi_cell gives."""

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
