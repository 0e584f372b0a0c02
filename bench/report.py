"""Rendering the results as docs/benchmarks.md (one table per measurement, the machine, the verdicts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .common import Result

HEADER = """# Benchmarks

What users feel, each measured against a baseline in the same run. This file is written by
`make bench` (`python -m bench`, the code is in `bench/`); do not edit it by hand: change the
benchmark or its notes in `bench/` and run it again. The numbers are from one run on the machine
below; the ratios are what to compare between runs, since both sides of each ratio ran on the same
machine at the same time, alternately. The machine is shared with other work (see the load average
below), so absolute times vary from run to run; the ratios much less.

## How to run

- `make bench`: every measurement, about {minutes} minutes on 2 cores; rewrites this file (and
  writes the raw numbers to `build/bench/results.json`).
- `.venv/bin/python -m bench --only click pdf`: some of them (printed, and written to
  `build/bench/benchmarks.md`; this file is only rewritten by a full run).
- `.venv/bin/python -m bench --quick`: one small repetition of each, to see that they run (the
  smoke test `tests/test_bench_smoke.py` does this inside `make test`; these are not timing tests).
- The full room (5) and the saves on PostgreSQL need nothing installed by hand: the room uses
  light Python clients (no browser), and PostgreSQL is the tests' throwaway server (`tests/pg.py`,
  installed by `scripts/system-deps.sh`); without it the PostgreSQL rows say why they are missing.
"""


def _table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return out


def _verdict(result: Result) -> str:
    return {"met": "**met**", "missed": "**missed** (explained below)", "not judged": "no budget"}[result.verdict]


def render(results: Sequence[Result], machine: dict[str, str], total_seconds: float, changes: Sequence[str],
           command: str = "make bench") -> str:
    lines = [HEADER.format(minutes=max(1, round(total_seconds / 60))).rstrip(), ""]
    lines += [f"Run on {dt.date.today().isoformat()} by `{command}` in {total_seconds / 60:.1f} minutes.", ""]
    lines += ["## Summary", ""]
    summary = []
    for i, r in enumerate(results, 1):
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "–"
        summary.append([f"[{i}. {r.title}](#{i}-{_anchor(r.title)})", r.budget, f"{ratio} ({r.ratio_label})", _verdict(r)])
    lines += _table(["measurement", "budget", "ratio", "verdict"], summary)
    lines += ["", "## The machine", ""]
    lines += _table(["", ""], [[k, v] for k, v in machine.items()])
    if changes:
        lines += ["", "## What was changed in the app for these budgets", ""]
        lines += [f"- {c}" for c in changes]
    for i, r in enumerate(results, 1):
        lines += ["", f"## {i}. {r.title}", "", f"Command: `.venv/bin/{r.command}` ({r.seconds:.0f} s in this run).", "",
                  r.what, ""]
        lines += _table(r.columns, r.rows)
        for caption, columns, rows in r.tables:
            lines += ["", caption, ""]
            lines += _table(columns, rows)
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "–"
        lines += ["", f"**Budget:** {r.budget}. **Ratio:** {ratio} ({r.ratio_label}). **Verdict:** {_verdict(r)}.", ""]
        for note in r.notes:
            lines += [note, ""]
        if r.profile:
            lines += [f"Profile ({r.profile_title}; seconds, with the profiler's own overhead):", "", "```text",
                      r.profile.rstrip(), "```", ""]
    return "\n".join(line.rstrip() for line in lines).rstrip() + "\n"


def _anchor(title: str) -> str:
    keep = []
    for ch in title.lower():
        if ch.isalnum() or ch in "-_ ":
            keep.append(ch)
    return "".join(keep).strip().replace(" ", "-")
