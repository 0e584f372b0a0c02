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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .common import ROOT, Result, Stats, med_iqr, ms, profile_file_text, prose, ratio
from .wire import Server, first_page, run_async

KEY = "cold_start"
BUDGET_RATIO = 1.3
REPS = 14
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
    app: list[dict[str, float]] = []
    hello: list[dict[str, float]] = []
    if quick:  # one start of each, at the same time: a quick run only shows that it works
        with ThreadPoolExecutor(2) as pool:
            starts = [pool.submit(one_start, "app.py", ROOT, env), pool.submit(one_start, "hello.py", folder, env)]
            app.append(starts[0].result())
            hello.append(starts[1].result())
        described = "one start of each, at the same time (a quick run)"
    else:
        one_start("app.py", ROOT, env)  # warm the disk cache and the bytecode
        one_start("hello.py", folder, env)
        for i in range(REPS):
            order = (("app", app), ("hello", hello)) if i % 2 == 0 else (("hello", hello), ("app", app))
            for name, sink in order:
                sink.append(one_start("app.py", ROOT, env) if name == "app" else one_start("hello.py", folder, env))
        described = f"app and baseline alternate, {REPS} starts each after one warm-up start of each"

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
        what=prose(KEY, "what", starts=described),
        columns=["until", "app: median ms (IQR)", "hello world: median ms (IQR)", "ratio"],
        rows=rows, budget=f"ratio ≤ {BUDGET_RATIO}", ratio=r, ratio_label="app / hello world (page rendered)",
        met=r <= BUDGET_RATIO, numbers=numbers)
    result.notes = [prose(KEY, "floor", hello=ms(hello_done.median), hello_connected=ms(stats(hello, "connected").median),
                          added=ms(app_done.median - hello_done.median)),
                    prose(KEY, "first-run")]
    if not quick:
        result.profile_title = "pyinstrument, the app's first script run in a fresh server"
        result.profile = profile_first_run(env, folder)
    shutil.rmtree(folder, ignore_errors=True)
    result.seconds = time.perf_counter() - started
    return result
