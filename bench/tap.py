"""Server CPU per participant tap: N phones answering workshop steps against one ``streamlit run``.

Every phone is a light client (bench/wire.py: Streamlit's protocol over a WebSocket, no browser)
that opens the participant page and then, a short pause before each, taps every single choice
and statement of a step and *Next*, for a few steps. The server's CPU time (user + system, from
``/proc`` of the server process) over the tapping, divided by the taps, is the cost of one tap:
everything the server does for it (the script run, the save, the WebSocket traffic). The page
opens are left out of it (they are counted before the tapping starts).

``python -m bench.tap [--phones N] [--steps S] [--profile FILE]`` prints the figures; with
``--profile`` it samples the server with py-spy (``BENCH_PY_SPY`` or ``py-spy`` on the PATH)
during the tapping and prints the shares of the app's own functions. ``BENCH_TAP_ENV`` (a JSON
object) adds to the server's environment, e.g. ``{"STREAMLIT_RUNNER_POST_SCRIPT_GC": "true"}``
to measure with Streamlit's forced collection after each run. In ``make bench-load`` it
is the "tap" row of docs/benchmarks-load.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from .common import Result, Stats, ms, prose, quick_or
from .wire import Server, Session, run_async

KEY = "tap"
PHONES = 20
STEPS = 3
THINK = (0.3, 0.6)  # seconds before each tap
BUDGET = 0.015  # server CPU seconds per tap
PREFIX = "w.ws."


async def _phone(server: Server, token: str, rng: random.Random, steps: int, think: tuple[float, float],
                 opened: asyncio.Event, go: asyncio.Event, times: list[float]) -> int:
    session = Session(server.ws_url, "join", f"p={token}")
    await session.open()
    opened.set()
    await go.wait()
    taps = 0
    try:
        for _ in range(steps):
            done: set[str] = set()
            while True:
                pending = sorted((w for w in session.find("radio", PREFIX) if w.user_key not in done),
                                 key=lambda w: w.user_key)
                if not pending:
                    break
                widget = pending[0]
                done.add(widget.user_key)
                await asyncio.sleep(rng.uniform(*think))
                times.append(await session.rerun([Session.choose(widget, rng.randrange(len(widget.proto.options)))]))
                taps += 1
            nxt = session.find("button", PREFIX, "next")
            if not nxt:
                break
            await asyncio.sleep(rng.uniform(*think))
            times.append(await session.rerun([Session.click(nxt[0])]))
            taps += 1
        if session.exceptions:
            raise RuntimeError(f"the participant page failed: {session.exceptions[0][:300]}")
    finally:
        await session.close()
    return taps


async def _taps(server: Server, tokens: list[str], steps: int, think: tuple[float, float], seed: int,
                profile: Path | None) -> dict[str, Any]:
    rng = random.Random(seed)
    go = asyncio.Event()
    opened = [asyncio.Event() for _ in tokens]
    times: list[float] = []
    tasks = [asyncio.create_task(_phone(server, t, random.Random(rng.random()), steps, think, e, go, times))
             for t, e in zip(tokens, opened, strict=True)]
    await asyncio.wait_for(asyncio.gather(*(e.wait() for e in opened)), timeout=120)
    await asyncio.sleep(0.5)
    spy = None
    if profile is not None:
        spy = subprocess.Popen([_py_spy(), "record", "-p", str(server.proc.pid), "-o", str(profile), "-f", "raw",
                                "-r", "200", "--nonblocking"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        await asyncio.sleep(1.0)
    cpu, wall = server.cpu_seconds(), time.perf_counter()
    go.set()
    taps = sum(await asyncio.wait_for(asyncio.gather(*tasks), timeout=600))
    cpu, wall = server.cpu_seconds() - cpu, time.perf_counter() - wall
    if spy is not None:
        spy.send_signal(2)  # SIGINT: py-spy writes its file and exits
        spy.wait(30)
    return {"taps": taps, "cpu": cpu, "wall": wall, "times": times}


def _py_spy() -> str:
    found = os.environ.get("BENCH_PY_SPY") or shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(found).exists():
        raise RuntimeError("py-spy is not installed (pip install py-spy, or set BENCH_PY_SPY)")
    return found


def measure(phones: int = PHONES, steps: int = STEPS, think: tuple[float, float] = THINK, seed: int = 20261202,
            profile: Path | None = None) -> dict[str, Any]:
    from readiness.store import Store

    folder = Path(tempfile.mkdtemp(prefix="bench-tap-"))
    url = f"sqlite:///{folder}/tap.db"
    store = Store(url)
    workshop, _host = store.create_workshop("Fjordhavn Rådgivning A/S", "Kick-off", "da", anonymous=True)
    tokens = [store.join_workshop(workshop.code) for _ in range(phones)]
    store.dispose()
    server = Server("app.py", env={"DATABASE_URL": url, "READINESS_PUBLIC_URL": "", **_extra_env()}, log=folder / "server.log")
    with server:
        outcome = run_async(_taps(server, tokens, steps, think, seed, profile))
    shutil.rmtree(folder, ignore_errors=True)
    outcome["per_tap"] = outcome["cpu"] / max(outcome["taps"], 1)
    return outcome


def _extra_env() -> dict[str, str]:
    return json.loads(os.environ.get("BENCH_TAP_ENV", "{}"))


APP_FILES = ("ui/", "readiness/", "join.py", "app.py")


def shares(raw: Path, limit: int = 25) -> list[tuple[float, str]]:
    """From py-spy's raw (collapsed) stacks: the share of all samples of the server under each app
    function, and under the script runs as a whole and Streamlit's post-run collection.

    A sample counts once for every distinct function on its stack, so the shares are inclusive (a
    caller includes its callees).
    """
    total, by_function = 0, Counter()
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        n = int(count)
        total += n
        seen = set()
        for frame in stack.split(";"):
            name, _, where = frame.partition(" (")
            where = where.split(":")[0]
            if name in ("ScriptRunner._run_script", "_mpa_v1") or where.startswith(APP_FILES):
                seen.add(f"{name} ({where})")
        for key in seen:
            by_function[key] += n
    return [(n / total, key) for key, n in by_function.most_common(limit)] if total else []


def run(quick: bool = False) -> Result:
    started = time.perf_counter()
    o = measure(phones=quick_or(quick, 2, PHONES), steps=quick_or(quick, 1, STEPS),
                think=quick_or(quick, (0.02, 0.05), THINK))
    page = Stats.of(o["times"])
    rows = [[str(quick_or(quick, 2, PHONES)), str(o["taps"]), f"{o['cpu']:.2f}", f"**{ms(o['per_tap'])}**",
             ms(page.median), ms(page.p95)]]
    result = Result(
        key=KEY, title="Server CPU per participant tap",
        command="python -m bench --load --only tap", what=prose(KEY, "what", think=f"{THINK[0]:g}–{THINK[1]:g}"),
        columns=["phones", "taps", "server CPU s", "server CPU per tap ms", "click → page p50 ms", "p95 ms"],
        rows=rows, budget=f"at most {ms(BUDGET)} ms of server CPU per tap", ratio=o["per_tap"] / BUDGET,
        ratio_label="CPU per tap / budget", met=o["per_tap"] <= BUDGET,
        numbers={"taps": o["taps"], "cpu": o["cpu"], "per_tap": o["per_tap"], "page": page.to_json()})
    result.notes.append(prose(KEY, "profile"))
    result.seconds = time.perf_counter() - started
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.tap", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phones", type=int, default=PHONES)
    parser.add_argument("--steps", type=int, default=STEPS)
    parser.add_argument("--profile", type=Path, help="sample the server with py-spy into this file (raw stacks)")
    args = parser.parse_args(argv)
    o = measure(args.phones, args.steps, profile=args.profile)
    page = Stats.of(o["times"])
    print(f"{args.phones} phones, {o['taps']} taps in {o['wall']:.1f} s: server CPU {o['cpu']:.2f} s, "
          f"{o['per_tap'] * 1000:.1f} ms per tap; click → page p50 {ms(page.median)} ms, p95 {ms(page.p95)} ms; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.profile:
        for share, name in shares(args.profile):
            print(f"{share * 100:5.1f} %  {name}")


if __name__ == "__main__":
    main()

