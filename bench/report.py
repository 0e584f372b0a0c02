"""Rendering a set's results as markdown: the set's prose, a summary, the machine, one section per measurement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .common import Result, prose
from .suites import Suite


def _table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return out


def _verdict(result: Result) -> str:
    return {"met": "**met**", "missed": "**missed** (explained below)", "not judged": "no budget"}[result.verdict]


def _ratio(result: Result) -> str:
    return f"{result.ratio:.2f}" if result.ratio is not None else "–"


def _anchor(title: str) -> str:
    """GitHub's anchor for a heading."""
    return "".join(ch for ch in title.lower() if ch.isalnum() or ch in "-_ ").strip().replace(" ", "-")


def render(results: Sequence[Result], suite: Suite, machine: dict[str, str], total_seconds: float, command: str) -> str:
    """The report; ``command`` is what produced it (``make bench`` for a full run)."""
    minutes = total_seconds / 60
    lines = [prose(suite.name, "intro", minutes=max(1, round(minutes))), ""]
    lines += [f"Run on {dt.date.today().isoformat()} by `{command}` in {minutes:.1f} minutes.", "", "## Summary", ""]
    lines += _table(["measurement", "budget", "ratio", "verdict"],
                    [[f"[{i}. {r.title}](#{i}-{_anchor(r.title)})", r.budget, f"{_ratio(r)} ({r.ratio_label})", _verdict(r)]
                     for i, r in enumerate(results, 1)])
    lines += ["", "## The machine", ""]
    lines += _table(["", ""], [[k, v] for k, v in machine.items()])
    changes = prose(suite.name, "changes", optional=True)
    if changes:
        lines += ["", "## What was changed in the app for these budgets", "", changes]
    for i, r in enumerate(results, 1):
        lines += ["", f"## {i}. {r.title}", "", f"Command: `.venv/bin/{r.command}` ({r.seconds:.0f} s in this run).", "",
                  r.what, ""]
        lines += _table(r.columns, r.rows)
        for caption, columns, rows in r.tables:
            lines += ["", caption, ""]
            lines += _table(columns, rows)
        lines += ["", f"**Budget:** {r.budget}. **Ratio:** {_ratio(r)} ({r.ratio_label}). **Verdict:** {_verdict(r)}.", ""]
        for note in r.notes:
            lines += [note, ""]
        if r.profile:
            lines += [f"Profile ({r.profile_title}; seconds, with the profiler's own overhead):", "", "```text",
                      r.profile.rstrip(), "```", ""]
    return "\n".join(line.rstrip() for line in "\n".join(lines).splitlines()).rstrip() + "\n"
