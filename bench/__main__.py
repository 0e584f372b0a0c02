"""``python -m bench [--quick] [--only NAME ...]``: run the benchmarks and write docs/benchmarks.md."""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from . import aggregate, click, cold_start, pdf, room, saves
from .common import ROOT, Result, machine
from .report import render

OUTPUT = ROOT / "docs" / "benchmarks.md"
BUILD = ROOT / "build" / "bench"

#: What was changed in the app for the budgets (shown in the report; keep in step with the code).
CHANGES = [
    "**YAML through libyaml** (`readiness/bank.py`, `readiness/i18n.py`): the question bank and the locale files "
    "are read with PyYAML's C loader (`CSafeLoader`, same data) instead of the pure-Python one. Reading them was "
    "the largest part of the first page's script run (about 0.2 s of pure-Python parsing).",
    "**No SQLAlchemy on a first page that saves nothing** (`ui/persist.py`): the hourly retention purge used to "
    "create the store on every page run, which imports SQLAlchemy (about 0.2 s) and opens the database before the "
    "start page could render. Now the purge runs when the process first uses the store (before that use), and "
    "then at most hourly as before; a page that neither saves nor loads anything does not touch the database.",
    "**Long-lived objects are frozen out of the garbage collector's way** (`ui/frame.py`, `freeze_long_lived()`, "
    "called at the end of every page's set-up): Streamlit forces a full `gc.collect(2)` after every script run, which "
    "walks every object in the process while holding the GIL: about 80 ms per run in the app's process. That made "
    "every click on the real server cost about 200 ms of CPU (1.65× a bare page) and, with 40 participants, queued "
    "up into 0.85–2.3 s p95 from click to saved answer and 4–6 s from click to page. Whenever new modules have been "
    "imported, `gc.freeze()` moves what is alive into the permanent generation (modules, classes, the question bank: "
    "they live as long as the process); objects are still freed by reference counting as before. A click now costs "
    "about 30 ms of CPU, and the full room's p95 from click to saved answer is tens of milliseconds.",
    "**The brand is cached with `functools.cache`** (`ui/frame.py`), not `st.cache_resource`: the first use of a "
    "Streamlit cache hashes the function's source (tokenizing it), about 70 ms on the first page of a fresh "
    "server, for a value that is read once per process anyway.",
    "**Streamlit's objects are frozen before the app's first imports** (`ui/__init__.py`: `gc.freeze()` when the "
    "`ui` package is first imported): the collections that importing Pydantic and building the question bank "
    "trigger on the first page no longer walk everything Streamlit has loaded (50–90 ms less CPU to the first "
    "page, measured alternately against the tree without it).",
    "Together, for the cold start: against a copy of the tree without these changes, alternating with it and with "
    "hello world in one run (bench/cold_start.py's method), the first page went from 1.7–1.8× hello world "
    "(about 1.1 s from spawn) to 1.1–1.3×.",
]

MEASUREMENTS: dict[str, Callable[..., Result]] = {
    "cold_start": cold_start.run,
    "click": click.run,
    "pdf": pdf.run,
    "aggregate": aggregate.run,
    "saves": saves.run,
    "room": room.run,
}


def run_one(name: str, quick: bool) -> Result:
    if name == "saves":
        with saves.postgres_cluster() as (url, problem):
            return saves.run(quick=quick, pg_url=url, pg_problem=problem)
    return MEASUREMENTS[name](quick=quick)


def run_isolated(name: str, quick: bool) -> Result:
    """Run one measurement in a fresh interpreter, so none inherits another's imports, heap or threads."""
    with tempfile.TemporaryDirectory(prefix="bench-result-") as folder:
        out = Path(folder) / "result.pickle"
        command = [sys.executable, "-m", "bench", "--child", name, str(out)] + (["--quick"] if quick else [])
        done = subprocess.run(command, cwd=ROOT, timeout=1800)
        if done.returncode != 0 or not out.exists():
            raise RuntimeError(f"the measurement exited with {done.returncode} (its output is above)")
        with out.open("rb") as fh:
            return pickle.load(fh)


def child(name: str, out: str, quick: bool) -> int:
    result = run_one(name, quick)
    with open(out, "wb") as fh:
        pickle.dump(result, fh)
    return 0


def failed(name: str, exc: BaseException) -> Result:
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return Result(key=name, title=f"{name}: failed", command=f"python -m bench --only {name}",
                  what="The measurement did not finish.", columns=["error"], rows=[[detail[:500]]], budget="–",
                  ratio=None, ratio_label="–", met=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one small repetition of each (a smoke run)")
    parser.add_argument("--only", nargs="+", choices=list(MEASUREMENTS), help="run only these")
    parser.add_argument("--output", type=Path, help="where to write the report (default: docs/benchmarks.md for a "
                                                     "full run, build/bench/benchmarks.md otherwise)")
    parser.add_argument("--child", nargs=2, metavar=("NAME", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--in-process", action="store_true", help="run every measurement in this process "
                                                                 "(default: each in a fresh interpreter)")
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child[0], args.child[1], args.quick)
    names = args.only or list(MEASUREMENTS)
    partial = bool(args.only) or args.quick
    output = args.output or (BUILD / "benchmarks.md" if partial else OUTPUT)
    info = machine()
    started = time.perf_counter()
    results: list[Result] = []
    ok = True
    for name in names:
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        try:
            result = run_one(name, args.quick) if args.in_process else run_isolated(name, args.quick)
        except Exception as exc:
            traceback.print_exc()
            result = failed(name, exc)
            ok = False
        verdict = result.verdict if result.ratio is not None else "failed"
        ratio = f"{result.ratio:.2f}" if result.ratio is not None else "–"
        print(f"bench: {name}: ratio {ratio} ({result.ratio_label}), budget {verdict}, {result.seconds:.0f} s",
              file=sys.stderr, flush=True)
        results.append(result)
    total = time.perf_counter() - started
    command = "python -m bench" + (" --quick" if args.quick else "") + (f" --only {' '.join(names)}" if args.only else "")
    text = render(results, info, total, CHANGES, command="make bench" if not partial else command)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    BUILD.mkdir(parents=True, exist_ok=True)
    raw = {"machine": info, "seconds": total, "quick": args.quick,
           "results": {r.key: {"ratio": r.ratio, "met": r.met, "seconds": r.seconds, "numbers": r.numbers} for r in results}}
    (BUILD / ("results-quick.json" if args.quick else "results.json")).write_text(json.dumps(raw, indent=2),
                                                                                  encoding="utf-8")
    print(f"bench: wrote {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output} in {total:.0f} s",
          file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
