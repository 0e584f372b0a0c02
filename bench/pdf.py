"""PDF: the full report against a plain fpdf2 document with the same text and no layout.

Both are built in this process, alternately, and then as whole processes (``python -m
readiness report`` against a script that imports only fpdf2), alternately too. The baseline
gets the report's text (extracted from the report once, untimed), with the report's three
TTF faces registered (and each used), the text as one ``multi_cell``: the least fpdf2 can do
to set that much Unicode text in those fonts.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import ROOT, Result, Stats, alternate, med_iqr, ms, profile_text, quick_or, ratio, timed

KEY = "pdf"
BUDGET_RATIO = 1.3  # in process and as whole processes
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


#: The plain document, as a script of its own (the whole-process baseline runs it; in process it is exec'd).
PLAIN_SCRIPT = """
import sys
from fpdf import FPDF

def build(text, fonts):
    pdf = FPDF(format="A4")
    for style, path in fonts.items():  # the report's three faces, registered as the report does
        pdf.add_font("Body", style, path)
    pdf.add_page()
    first, _, rest = text.partition("\\n")
    second, _, rest = rest.partition("\\n")
    for style, part in (("B", first), ("I", second), ("", rest)):  # every face used, so each is embedded
        pdf.set_font("Body", style, size=9)
        pdf.multi_cell(0, 4.5, part, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())

if __name__ == "__main__":
    import json
    args = json.loads(open(sys.argv[1], encoding="utf-8").read())
    open(sys.argv[2], "wb").write(build(args["text"], args["fonts"]))
"""


def _fonts() -> dict[str, str]:
    from reports.document import FONT_DIR, FONT_FILES

    return {style: str(FONT_DIR / file) for style, file in FONT_FILES.items()}


def plain_builder(text: str):
    namespace: dict = {"__name__": "plain_fpdf2"}
    exec(compile(PLAIN_SCRIPT, "plain_fpdf2.py", "exec"), namespace)
    fonts = _fonts()
    return lambda: namespace["build"](text, fonts)


def processes(text: str, reps: int, warmup: int) -> tuple[list[float], list[float], int]:
    """Whole processes, alternately: ``python -m readiness report`` and the plain script, wall time from spawn to exit."""
    from readiness.answers import dumps

    bank, assessment, _ = _inputs()
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as folder:
        tmp = Path(folder)
        answers = tmp / "answers.json"
        answers.write_bytes(dumps(bank, assessment))
        script = tmp / "plain_fpdf2.py"
        script.write_text(PLAIN_SCRIPT, encoding="utf-8")
        args = tmp / "plain.json"
        args.write_text(json.dumps({"text": text, "fonts": _fonts()}), encoding="utf-8")
        report_cmd = [sys.executable, "-m", "readiness", "report", str(answers), "-o", str(tmp / "plan.pdf"),
                      "--lang", "da"]
        plain_cmd = [sys.executable, str(script), str(args), str(tmp / "plain.pdf")]

        def spawn(command: list[str]) -> None:
            subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=120)

        t_report, t_plain = alternate(lambda: spawn(report_cmd), lambda: spawn(plain_cmd), reps=reps, warmup=warmup)
        pages = extract_text((tmp / "plan.pdf").read_bytes())[1]
    return t_report, t_plain, pages


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
    p_report, p_plain, _ = processes(text, reps=quick_or(quick, 1, 9), warmup=quick_or(quick, 0, 1))
    sp_report, sp_plain = Stats.of(p_report), Stats.of(p_plain)
    r_proc = ratio(sp_report.median, sp_plain.median)
    met = r <= BUDGET_RATIO and r_proc <= BUDGET_RATIO and s_report.median <= BUDGET_SECONDS
    result = Result(
        key=KEY, title="PDF: the full report against plain fpdf2",
        command="python -m bench --only pdf",
        what=("`reports.build_report(bank, assessment, lang='da', brand=DEFAULT_BRAND, creation_date=...)` for the "
              "sample answers with the most red flags and roadmap actions (the longest report), against a plain fpdf2 "
              "A4 document holding the same text (extracted from the report) with the report's three TTF faces "
              "registered and used, as one `multi_cell` (its first line bold, its second oblique), no layout. Both in one "
              f"process, alternately, {reps} runs each after warm-up; the garbage collector runs between runs. The "
              "report's time includes building the plan (scores and roadmap) from the answers. Then as whole processes, "
              "alternately, from spawn to exit: `python -m readiness report answers.json -o plan.pdf` (the same answers) "
              "against the plain document as a script that imports only fpdf2."),
        columns=["document", "pages", "size", "median ms (IQR)", "min–max ms", "ratio"],
        rows=[["full report", str(pages), f"{len(first) / 1024:.0f} KiB", med_iqr(s_report),
               f"{ms(s_report.low)}–{ms(s_report.high)}", f"**{r:.2f}**"],
              ["plain fpdf2, same text", str(extract_text(plain_bytes)[1]), f"{len(plain_bytes) / 1024:.0f} KiB",
               med_iqr(s_plain), f"{ms(s_plain.low)}–{ms(s_plain.high)}", "1.00"],
              ["whole process: `python -m readiness report`", "", "", med_iqr(sp_report),
               f"{ms(sp_report.low)}–{ms(sp_report.high)}", f"**{r_proc:.2f}**"],
              ["whole process: plain fpdf2 script", "", "", med_iqr(sp_plain),
               f"{ms(sp_plain.low)}–{ms(sp_plain.high)}", "1.00"]],
        budget=(f"ratio ≤ {BUDGET_RATIO} in process and as whole processes, and the report well under a second "
                f"(≤ {BUDGET_SECONDS:.1f} s median)"),
        ratio=max(r, r_proc), ratio_label="report / plain, the larger of in process and whole processes", met=met,
        numbers={"report": s_report.to_json(), "plain": s_plain.to_json(), "ratio": r, "pages": pages,
                 "characters": len(text), "process_report": sp_report.to_json(), "process_plain": sp_plain.to_json(),
                 "process_ratio": r_proc})
    if not met and not quick:
        result.profile_title = "pyinstrument, one report"
        result.profile = profile(report)
    result.notes = notes(s_report, s_plain, r, None if quick else breakdown(), sp_report, sp_plain)
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


def notes(s_report: Stats, s_plain: Stats, r: float, parts: dict[str, float] | None,
          sp_report: Stats | None = None, sp_plain: Stats | None = None) -> list[str]:
    out = [f"The report takes {ms(s_report.median)} ms, the same text set plainly {ms(s_plain.median)} ms: "
           f"**{r:.2f}×**."]
    if sp_report and sp_plain:
        out.append(f"As whole processes: `python -m readiness report` {ms(sp_report.median)} ms, the plain script "
                   f"{ms(sp_plain.median)} ms: **{ratio(sp_report.median, sp_plain.median):.2f}×**.")
    if parts:
        out.append(f"Of the report's time, building the plan (scores and roadmap) is {ms(parts['plan'])} ms and creating "
                   f"the document with its three font faces (parsed once per process, `reports/fontcache.py`) "
                   f"{ms(parts['document and fonts'])} ms; the rest is laying out text.")
    out.append(
        "**Where the time goes** (profile below): fpdf2's line breaking (`multi_cell`), character by character in pure "
        "Python, is the floor: the plain baseline is nothing but that. fpdf2's tables (`pdf.table()`) break every cell "
        "once to measure the row's height and once to draw it, and the sections measure callouts and keep-together "
        "blocks (`text_height`, a dry-run `multi_cell`) before drawing them; the report's `multi_cell` "
        "(`reports/layout.py`) keeps the lines it broke and reuses them for the identical call, so each text is broken "
        "once (same bytes).")
    if r > BUDGET_RATIO or s_report.median > BUDGET_SECONDS:
        out.append(
            "**Still open:** fpdf2's subsetting at output still parses each face's tables for every report (they are "
            "changed in place, so they are not shared), the summary's `unbreakable()` block deep-copies the document, and "
            "as whole processes the CLI imports Pydantic and reads and validates the question bank, which the plain "
            "script does not need. Rendering runs in the download button's callable, on its own thread, only when the "
            "user clicks *Download*, so the app never pays it on a rerun.")
    return out
