"""Cold start: ``streamlit run app.py`` to the first rendered page, against a hello-world app.

Each run spawns a fresh ``python -m streamlit run`` and, from that moment, tries to open the
page over Streamlit's WebSocket every 10 ms, as a browser tab waiting for the server would; it
stops the clock when the first run of the page has finished (every element sent). The
hello-world app is one ``st.title`` in a temporary folder. App and hello world alternate. The
app's database is an existing SQLite file with the schema in place (a restart, the common case).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from .common import ROOT, Result, Stats, med_iqr, ms, profile_file_text, quick_or, ratio
from .wire import Server, first_page, run_async

KEY = "cold_start"
BUDGET_RATIO = 1.3
HELLO = 'import streamlit as st\n\nst.title("Hello, world")\n'


def one_start(script: str, cwd: Path, env: dict[str, str], hooked: bool = False) -> dict[str, float]:
    server = Server(script, cwd=cwd, env=env, hooked=hooked)
    server.spawn()
    try:
        times = run_async(first_page(server))
        times["cpu"] = server.cpu_seconds()  # the server's CPU time until then (it is idle after the first run)
        return times
    finally:
        server.stop()


def profile_first_run(env: dict[str, str], folder: Path) -> str:
    """The app's first script run in a fresh server, profiled with pyinstrument (bench.hooked_streamlit)."""
    out = folder / "first-run.txt"
    one_start("app.py", ROOT, {**env, "BENCH_PROFILE_OUT": str(out)}, hooked=True)
    return profile_file_text(out, max_lines=40, min_share=0.03)


def run(quick: bool = False) -> Result:
    from readiness.store import Store

    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="bench-cold-"))
    (folder / "hello.py").write_text(HELLO, encoding="utf-8")
    url = f"sqlite:///{folder}/cold.db"
    Store(url).dispose()  # the schema in place, as after any earlier start
    env = {"DATABASE_URL": url, "READINESS_PUBLIC_URL": ""}
    reps = quick_or(quick, 1, 14)
    app: list[dict[str, float]] = []
    hello: list[dict[str, float]] = []
    one_start("app.py", ROOT, env)  # warm the disk cache and the bytecode
    one_start("hello.py", folder, env)
    for i in range(reps):
        order = (("app", app), ("hello", hello)) if i % 2 == 0 else (("hello", hello), ("app", app))
        for name, sink in order:
            sink.append(one_start("app.py", ROOT, env) if name == "app" else one_start("hello.py", folder, env))

    def stats(samples: list[dict[str, float]], field: str) -> Stats:
        return Stats.of([s[field] for s in samples])

    rows = []
    numbers: dict[str, Any] = {}
    for label, field in (("server accepts the page's WebSocket", "connected"), ("first element arrives", "first_delta"),
                         ("**page rendered** (first run finished)", "finished")):
        a, h = stats(app, field), stats(hello, field)
        r = ratio(a.median, h.median)
        bold = field == "finished"
        rows.append([label, med_iqr(a), med_iqr(h), f"**{r:.2f}**" if bold else f"{r:.2f}"])
        numbers[field] = {"app": a.to_json(), "hello": h.to_json(), "ratio": r}
    app_done, hello_done = stats(app, "finished"), stats(hello, "finished")
    app_run = Stats.of([s["finished"] - s["connected"] for s in app])
    hello_run = Stats.of([s["finished"] - s["connected"] for s in hello])
    rows.append(["of which the first script run (from the WebSocket)", med_iqr(app_run), med_iqr(hello_run),
                 f"{ratio(app_run.median, hello_run.median):.2f}"])
    app_cpu, hello_cpu = stats(app, "cpu"), stats(hello, "cpu")
    rows.append(["server CPU time until the page was rendered (less sensitive to other load)", med_iqr(app_cpu),
                 med_iqr(hello_cpu), f"{ratio(app_cpu.median, hello_cpu.median):.2f}"])
    numbers["cpu"] = {"app": app_cpu.to_json(), "hello": hello_cpu.to_json(),
                      "ratio": ratio(app_cpu.median, hello_cpu.median)}
    r = ratio(app_done.median, hello_done.median)
    numbers["ratio"] = r
    result = Result(
        key=KEY, title="Cold start: `streamlit run app.py` to the first rendered page, against hello world",
        command="python -m bench --only cold_start",
        what=("A fresh `python -m streamlit run` per start (headless, loopback, file watcher off), timed from the spawn. "
              "A light client (bench/wire.py) tries the page's WebSocket every 10 ms, asks for the start page as a "
              "browser tab does and stops the clock when the first run has finished, every element sent. The baseline is "
              f"a one-line hello-world app (`st.title`) in a temporary folder; app and baseline alternate, {reps} starts "
              "each after one warm-up start of each. The app's SQLite database already has its schema (a restart)."),
        columns=["until", "app: median ms (IQR)", "hello world: median ms (IQR)", "ratio"],
        rows=rows, budget=f"ratio ≤ {BUDGET_RATIO}", ratio=r, ratio_label="app / hello world (page rendered)",
        met=r <= BUDGET_RATIO, numbers=numbers)
    result.notes = [f"Streamlit's own floor on this machine is the hello-world start: {ms(hello_done.median)} ms from "
                    f"spawn to a rendered page, {ms(stats(hello, 'connected').median)} ms of it before the server accepts "
                    "a connection (the interpreter, importing Streamlit, starting the server). The app adds "
                    f"{ms(app_done.median - hello_done.median)} ms, nearly all in its first script run.",
                    "What the app's first run still does (profile below) is what the start page needs: importing "
                    "Pydantic and PyYAML, building the question bank's Pydantic models and reading and validating the "
                    "bank, the locale texts, and drawing the page. It no longer imports SQLAlchemy or opens the database, "
                    "parses YAML in pure Python or hashes source code for a Streamlit cache (see *What was changed*). "
                    "Pandas, Plotly and fpdf2 are imported only by the pages and the download that use them. In both "
                    "apps, Streamlit's first element of a process looks for a REPL with `inspect.stack()` (tens of ms, "
                    "more the more modules are loaded) and every run ends with a full garbage collection."]
    if not quick:
        result.profile_title = "pyinstrument, the app's first script run in a fresh server"
        result.profile = profile_first_run(env, folder)
    shutil.rmtree(folder, ignore_errors=True)
    result.seconds = time.perf_counter() - started
    return result
