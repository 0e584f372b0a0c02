"""PDF: the full report against a plain fpdf2 document with the same text and no layout.

Both are built in this process, alternately. The baseline gets the report's text (extracted
from the report once, untimed), in the report's body font, as one ``multi_cell``: the least
fpdf2 can do to set that much Unicode text.
"""

from __future__ import annotations

import datetime as dt
import io
import time

from .common import Result, Stats, alternate, med_iqr, ms, profile_text, quick_or, ratio, timed

KEY = "pdf"
BUDGET_RATIO = 1.5
BUDGET_SECONDS = 0.5  # "well under a second"
CREATED = dt.date(2026, 11, 28)


def _inputs():
    from readiness.answers import Assessment
    from readiness.bank import load_bank
    from readiness.brand import DEFAULT_BRAND
    from readiness.samples import worst_answers

    bank = load_bank()
    # The worst answers give the most red flags and roadmap actions: the longest report.
    assessment = Assessment(answers=worst_answers(bank), organisation="Fjordhavn Rådgivning A/S", language="da")
    return bank, assessment, DEFAULT_BRAND


def report_builder():
    from reports import build_report

    bank, assessment, brand = _inputs()
    return lambda: build_report(bank, assessment, lang="da", brand=brand, creation_date=CREATED)


def plain_builder(text: str):
    from fpdf import FPDF

    from reports.document import FONT_DIR, FONT_FILES

    font = str(FONT_DIR / FONT_FILES[""])

    def build() -> bytes:
        pdf = FPDF(format="A4")
        pdf.add_font("Body", "", font)
        pdf.add_page()
        pdf.set_font("Body", size=9)
        pdf.multi_cell(0, 4.5, text)
        return bytes(pdf.output())

    return build


def extract_text(pdf: bytes) -> tuple[str, int]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages), len(reader.pages)


def run(quick: bool = False) -> Result:
    started = time.perf_counter()
    report = report_builder()
    first = report()
    text, pages = extract_text(first)
    plain = plain_builder(text)
    plain_bytes = plain()
    reps = quick_or(quick, 1, 15)
    t_report, t_plain = alternate(report, plain, reps=reps, warmup=quick_or(quick, 0, 2))
    s_report, s_plain = Stats.of(t_report), Stats.of(t_plain)
    r = ratio(s_report.median, s_plain.median)
    met = r <= BUDGET_RATIO and s_report.median <= BUDGET_SECONDS
    result = Result(
        key=KEY, title="PDF: the full report against plain fpdf2",
        command="python -m bench --only pdf",
        what=("`reports.build_report(bank, assessment, lang='da', brand=DEFAULT_BRAND, creation_date=...)` for the "
              "sample answers with the most red flags and roadmap actions (the longest report), against a plain fpdf2 "
              "A4 document holding the same text (extracted from the report) in the same TTF font as one `multi_cell`, "
              f"no layout. Both in one process, alternately, {reps} runs each after warm-up; the garbage collector runs "
              "between runs. The report's time includes building the plan (scores and roadmap) from the answers."),
        columns=["document", "pages", "size", "median ms (IQR)", "min–max ms", "ratio"],
        rows=[["full report", str(pages), f"{len(first) / 1024:.0f} KiB", med_iqr(s_report),
               f"{ms(s_report.low)}–{ms(s_report.high)}", f"**{r:.2f}**"],
              ["plain fpdf2, same text", str(extract_text(plain_bytes)[1]), f"{len(plain_bytes) / 1024:.0f} KiB",
               med_iqr(s_plain), f"{ms(s_plain.low)}–{ms(s_plain.high)}", "1.00"]],
        budget=f"ratio ≤ {BUDGET_RATIO} and the report well under a second (≤ {BUDGET_SECONDS:.1f} s median)",
        ratio=r, ratio_label="report / plain", met=met,
        numbers={"report": s_report.to_json(), "plain": s_plain.to_json(), "ratio": r, "pages": pages,
                 "characters": len(text)})
    if not met and not quick:
        result.profile_title = "pyinstrument, one report"
        result.profile = profile(report)
    result.notes = notes(s_report, s_plain, r, None if quick else breakdown())
    result.seconds = time.perf_counter() - started
    return result


def profile(fn) -> str:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    fn()
    profiler.stop()
    return profile_text(profiler, max_lines=30, min_share=0.03)


def breakdown() -> dict[str, float]:
    """Medians (s) of the parts that are not layout: building the plan, and the document with its fonts."""
    import datetime as dt_

    from readiness.plan import build_plan
    from readiness.theme import Theme
    from reports.document import ReportContext, ReportPDF

    bank, assessment, brand = _inputs()
    ctx = ReportContext(bank=bank, assessment=assessment, brand=brand, theme=Theme.from_brand(brand), lang="da",
                        date=dt_.date(2026, 11, 28), organisation=assessment.organisation)

    def median_of(fn) -> float:
        return Stats.of([timed(fn) for _ in range(5)]).median

    return {"plan": median_of(lambda: build_plan(bank, assessment, "da", today=CREATED)),
            "document and fonts": median_of(lambda: ReportPDF(ctx))}


def notes(s_report: Stats, s_plain: Stats, r: float, parts: dict[str, float] | None) -> list[str]:
    out = [f"The report takes {ms(s_report.median)} ms, the same text set plainly {ms(s_plain.median)} ms: "
           f"**{r:.2f}×**."]
    if parts:
        out.append(f"Of the report's time, building the plan (scores and roadmap) is {ms(parts['plan'])} ms and creating "
                   f"the document with its three font faces (fpdf2 parses each TTF again for every document) "
                   f"{ms(parts['document and fonts'])} ms; the rest is laying out text.")
    out.append(
        "**Where the time goes** (profile below): fpdf2's line breaking (`multi_cell`), character by character in pure "
        "Python, is the floor: the plain baseline is nothing but that. The report lays out much of its text twice: "
        "fpdf2's tables (`pdf.table()`: the questions, the roadmap's action tables, the KPIs, the appendix) render "
        "every cell once to measure the row's height and once to draw it, and the sections measure callouts and "
        "keep-together blocks (`text_height`, a dry-run `multi_cell`) before drawing them. That accounts for most of the "
        "ratio; the vector charts, headers and footers are small.")
    if r > BUDGET_RATIO or s_report.median > BUDGET_SECONDS:
        out.append(
            "**Not fixed here** (`reports/` is outside what this benchmark work may change). What would help, for its "
            "owner: lay out a table row's cells once and reuse the lines for drawing (fpdf2's `multi_cell(..., "
            "output=MethodReturnValue.LINES)` or `dry_run` results kept per cell), fewer keep-together measurements, and "
            "parsing the three TTFs once per process instead of per report. Rendering runs in the download button's "
            "callable, on its own thread, only when the user clicks *Download*, so the app never pays it on a rerun.")
    return out
