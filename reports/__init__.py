"""The PDF plan: core objects rendered to PDF bytes with fpdf2 (never Streamlit state).

    from reports import build_report
    pdf_bytes = build_report(bank, assessment, lang="da")

See :func:`build_report`. Sections live in :mod:`reports.sections`, the page frame and text
helpers in :mod:`reports.document`, vector charts in :mod:`reports.charts` and the handling of
hostile user text in :mod:`reports.text` (:func:`safe_text`).
"""

from .build import build_report
from .document import ReportPDF
from .text import REPLACEMENT, safe_text

__all__ = ["REPLACEMENT", "ReportPDF", "build_report", "safe_text"]
