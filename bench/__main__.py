"""``python -m bench [--load] [--quick] [--only NAME ...]``: run a set of benchmarks and write its report.

Without ``--load`` the standard set (``make bench``, docs/benchmarks.md); with it the load set
(``make bench-load``, docs/benchmarks-load.md). See bench/suites.py.
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from . import suites
from .common import ROOT, Result, machine
from .report import render

BUILD = ROOT / "build" / "bench"


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


def shell(*words: str | bool | None) -> str:
    """A command line of the words that are set."""
    return " ".join(word for word in words if word)


def failed(name: str, command: str, exc: BaseException) -> Result:
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return Result(key=name, title=f"{name}: failed", command=command, what="The measurement did not finish.",
                  columns=["error"], rows=[[detail[:500]]], budget="–", ratio=None, ratio_label="–", met=False)


def main(argv: list[str] | None = None) -> int:
    names = [name for suite in suites.SUITES for name in suite.measurements]
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--load", action="store_true", help="the load set (default: the standard set)")
    parser.add_argument("--quick", action="store_true", help="one small repetition of each (a smoke run)")
    parser.add_argument("--only", nargs="+", choices=names, metavar="NAME", help=f"run only these ({', '.join(names)})")
    parser.add_argument("--output", type=Path, help="where to write the report (default: the set's file in docs/ "
                                                     "for a full run, in build/bench/ otherwise)")
    parser.add_argument("--child", nargs=2, metavar=("NAME", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        with open(args.child[1], "wb") as fh:
            pickle.dump(suites.run(args.child[0], args.quick), fh)
        return 0
    suite = suites.LOAD if args.load else suites.STANDARD
    stray = [name for name in args.only or () if name not in suite.measurements]
    if stray:
        parser.error(f"{', '.join(stray)} not in the {suite.name} set: {'omit' if args.load else 'add'} --load")
    partial = bool(args.only) or args.quick
    command = suite.target if not partial else shell("python -m bench", suite.option, args.quick and "--quick",
                                                      args.only and "--only", *(args.only or ()))
    output = args.output or (BUILD / suite.output.name if partial else suite.output)
    info = machine()
    started = time.perf_counter()
    results: list[Result] = []
    failures = 0
    for name in args.only or suite.measurements:
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        try:
            result = run_isolated(name, args.quick)
        except Exception as exc:
            traceback.print_exc()
            result = failed(name, shell("python -m bench", suite.option, "--only", name), exc)
            failures += 1
        print(f"bench: {name}: ratio {result.ratio if result.ratio is None else round(result.ratio, 2)} "
              f"({result.ratio_label}), budget {result.verdict}, {result.seconds:.0f} s", file=sys.stderr, flush=True)
        results.append(result)
    total = time.perf_counter() - started
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(results, suite, info, total, command), encoding="utf-8")
    raw = {"command": command, "machine": info, "seconds": total,
           "results": {r.key: {"ratio": r.ratio, "met": r.met, "seconds": r.seconds, "numbers": r.numbers} for r in results}}
    BUILD.mkdir(parents=True, exist_ok=True)
    (BUILD / f"{suite.output.stem}{'-quick' if args.quick else ''}.json").write_text(json.dumps(raw, indent=2),
                                                                                     encoding="utf-8")
    print(f"bench: wrote {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output} in {total:.0f} s",
          file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
