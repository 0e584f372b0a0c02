"""A full room on the real server: 10, 20, 40 and 150 participants answering a step against one ``streamlit run``.

The workshop as it happens: the host's view is open (its live tab refreshes itself every few
seconds, as the browser would make it), and the participants, who have joined, open the
participant page within a few seconds of each other and answer the first step at a human
pace: every single-choice question and statement of the step, one tap each with a pause of 2–5
s before it, then "Next". Each participant is a light client (bench/wire.py: Streamlit's own
protocol over a WebSocket, no browser), all of them in one asyncio loop in this process.

"Click to saved answer" is taken from two timestamps on the same clock: the client's when it
sends the click, and the server's right after the store committed the answer (bench/
hooked_streamlit.py logs it; the app is unchanged). The baseline is one participant alone with
the server (and the host's view), answering the same step in the first server, before its room
arrives.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from .common import Result, Stats, ms, prose, quick_or, ratio
from .hooked_streamlit import who
from .wire import Server, Session, run_async

KEY = "room"
SIZES = (10, 20, 40, 150)
HOST_BUDGET_P95 = 3.0  # the host refresh's own run time
BUDGET_P95 = 1.0
THINK = (2.0, 5.0)  # seconds before each tap
ALONE_THINK = (0.3, 0.6)
ARRIVAL = 8.0  # participants open the page within this many seconds of each other
PREFIX = "w.ws."  # the participant page's question widgets: w.ws.<lang>.<question id>
TAP_CPU = 0.012  # server CPU seconds per tap (bench/tap.py), for the estimate of what a room needs


def machine_busy() -> tuple[float, float]:
    """The machine's busy CPU time so far (every core: all but idle and I/O wait) and its total, seconds."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    total = sum(fields[:8])
    return (total - fields[3] - fields[4]) / tick, total / tick


def _cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Participant:
    def __init__(self, server: Server, token: str, rng: random.Random, think: tuple[float, float]) -> None:
        self.session = Session(server.ws_url, "join", f"p={token}")
        self.who = who(token)
        self.rng = rng
        self.think = think
        self.clicks: list[tuple[float, str]] = []  # (time.time() at the click, question id)
        self.page_times: list[float] = []  # click to the page re-run (client side)
        self.step_times: list[float] = []
        self.open_time = 0.0

    def questions(self) -> list[Any]:
        return sorted(self.session.find("radio", PREFIX), key=lambda w: w.user_key)

    async def answer_step(self, limit: int | None = None) -> None:
        self.open_time = await self.session.open()
        if self.session.exceptions:
            raise RuntimeError(f"the participant page failed: {self.session.exceptions[0][:300]}")
        done: set[str] = set()
        while True:
            pending = [w for w in self.questions() if w.user_key not in done]
            if not pending or (limit is not None and len(done) >= limit):
                break
            widget = pending[0]
            done.add(widget.user_key)
            await asyncio.sleep(self.rng.uniform(*self.think))
            question_id = widget.user_key[len(PREFIX):].split(".", 1)[1]
            self.clicks.append((time.time(), question_id))
            choice = Session.choose(widget, self.rng.randrange(len(widget.proto.options)))
            self.page_times.append(await self.session.rerun([choice]))
            if self.session.exceptions:
                raise RuntimeError(f"the participant page failed: {self.session.exceptions[0][:300]}")
        nxt = self.session.find("button", PREFIX, "next")
        if nxt:
            await asyncio.sleep(self.rng.uniform(*self.think))
            self.step_times.append(await self.session.rerun([Session.click(nxt[0])]))


def read_saves(path: Path) -> dict[tuple[str, str], float]:
    saved: dict[tuple[str, str], float] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            saved.setdefault((entry["who"], entry["q"]), entry["t"])
    return saved


def latencies(participants: list[Participant], saved: dict[tuple[str, str], float]) -> tuple[list[float], int]:
    out, missing = [], 0
    for p in participants:
        for clicked, question_id in p.clicks:
            at = saved.get((p.who, question_id))
            if at is None:
                missing += 1
            else:
                out.append(at - clicked)
    return out, missing


async def _room(server: Server, tokens: list[str], host_token: str, quick: bool, seed: int,
                with_baseline: bool) -> dict[str, Any]:
    rng = random.Random(seed)
    think = quick_or(quick, (0.02, 0.05), THINK)
    arrival = quick_or(quick, 0.2, ARRIVAL)
    limit = quick_or(quick, 1, None)

    host = Session(server.ws_url, "host", f"h={host_token}")
    await host.open()
    if host.exceptions:
        raise RuntimeError(f"the host page failed: {host.exceptions[0][:300]}")

    # The baseline: one participant alone with the server (and the host's view), quicker (nobody waits on them).
    alone = Participant(server, tokens[0], random.Random(seed + 1), quick_or(quick, think, ALONE_THINK))
    if with_baseline:
        await alone.answer_step(limit)
    await asyncio.sleep(quick_or(quick, 0.2, 1.0))
    rss_before = server.rss_bytes()
    sessions_before = 2  # the host and the one who was alone stay connected

    room = [Participant(server, token, random.Random(rng.random()), think) for token in tokens[1:]]
    cpu_server, cpu_client, wall = server.cpu_seconds(), _cpu_self(), time.perf_counter()
    busy = machine_busy()[0]
    host_refreshes = host.auto_reruns
    host_times_before = len(host.auto_times)

    async def arrive(p: Participant) -> None:
        await asyncio.sleep(rng.uniform(0, arrival))
        await p.answer_step(limit)

    await asyncio.wait_for(asyncio.gather(*(arrive(p) for p in room)), timeout=300)
    wall = time.perf_counter() - wall
    cpu_server = server.cpu_seconds() - cpu_server
    cpu_client = _cpu_self() - cpu_client
    busy = machine_busy()[0] - busy
    host_refreshes = host.auto_reruns - host_refreshes
    host_times = host.auto_times[host_times_before:]
    await asyncio.sleep(quick_or(quick, 0.2, 1.0))
    rss_after = server.rss_bytes()
    for session in [host, alone.session, *(p.session for p in room)]:
        await session.close()
    return {"alone": alone, "room": room, "wall": wall, "cpu_server": cpu_server, "cpu_client": cpu_client,
            "rss_before": rss_before, "rss_after": rss_after, "sessions_before": sessions_before,
            "host_refreshes": host_refreshes, "host_times": host_times, "machine_busy": busy,
            "load": os.getloadavg()[0]}


def one_room(n: int, quick: bool, seed: int, with_baseline: bool = True) -> dict[str, Any]:
    from readiness.store import Store

    folder = Path(tempfile.mkdtemp(prefix=f"bench-room-{n}-"))
    url = f"sqlite:///{folder}/room.db"
    store = Store(url)
    workshop, host_token = store.create_workshop("Fjordhavn Rådgivning A/S", "Kick-off", "da", anonymous=True)
    tokens = [store.join_workshop(workshop.code) for _ in range(n + 1)]
    store.dispose()
    log = folder / "saves.jsonl"
    server = Server("app.py", env={"DATABASE_URL": url, "READINESS_PUBLIC_URL": "", "BENCH_SAVE_LOG": str(log)},
                    hooked=True, log=folder / "server.log")
    with server:
        outcome = run_async(_room(server, tokens, host_token, quick, seed, with_baseline))
    saved = read_saves(log)
    outcome["saved_alone"], outcome["missing_alone"] = latencies([outcome["alone"]], saved)
    outcome["saved_room"], outcome["missing_room"] = latencies(outcome["room"], saved)
    outcome["page_room"] = [t for p in outcome["room"] for t in p.page_times]
    outcome["page_alone"] = list(outcome["alone"].page_times)
    outcome["open_room"] = [p.open_time for p in outcome["room"]]
    outcome["log"] = str(folder / "server.log")
    if outcome["saved_room"]:  # keep the folder (the server's log) only when something went wrong
        shutil.rmtree(folder, ignore_errors=True)
    return outcome


def run(quick: bool = False) -> Result:
    started = time.perf_counter()
    sizes = quick_or(quick, (2,), SIZES)
    rows = []
    numbers: dict[str, Any] = {}
    alone_all: list[float] = []
    alone_page: list[float] = []
    mem_rows = []
    for i, n in enumerate(sizes):
        label = str(n)
        o = one_room(n, quick, seed=20261128 + i, with_baseline=i == 0)
        if not o["saved_room"]:
            raise RuntimeError(f"no answer of {n} participants was saved; see {o['log']}")
        saved, page = Stats.of(o["saved_room"]), Stats.of(o["page_room"])
        host = Stats.of(o["host_times"]) if o["host_times"] else None
        alone_all += o["saved_alone"]
        alone_page += o["page_alone"]
        per_session = (o["rss_after"] - o["rss_before"]) / n
        rows.append([label, f"{len(o['saved_room'])}" + (f" ({o['missing_room']} lost)" if o["missing_room"] else ""),
                     ms(saved.median), f"**{ms(saved.p95)}**", ms(saved.high), ms(page.median), ms(page.p95),
                     ms(Stats.of(o["open_room"]).median),
                     f"{o['cpu_server'] / o['wall']:.2f}", f"{o['cpu_client'] / o['wall']:.2f}",
                     f"{o['machine_busy'] / o['wall']:.2f}", f"{o['load']:.1f}", str(o["host_refreshes"]),
                     ms(host.p95) if host else "–"])
        mem_rows.append((n, o["rss_before"], o["rss_after"], per_session))
        numbers[label] = {"saved": saved.to_json(), "page": page.to_json(), "missing": o["missing_room"],
                          "rss_before": o["rss_before"], "rss_after": o["rss_after"], "rss_per_session": per_session,
                          "server_cores": o["cpu_server"] / o["wall"], "client_cores": o["cpu_client"] / o["wall"],
                          "host_refresh": host.to_json() if host else None,
                          "machine_busy_cores": o["machine_busy"] / o["wall"], "load": o["load"]}
    largest = numbers[str(sizes[-1])]["saved"]["p95"]
    host_p95 = (numbers[str(sizes[-1])]["host_refresh"] or {}).get("p95")
    alone = Stats.of(alone_all)
    r = ratio(largest, alone.p95)
    numbers["alone"] = alone.to_json()
    numbers["ratio"] = r
    alone_pages = Stats.of(alone_page)
    rows.insert(0, ["1 (baseline: alone)", str(len(alone_all)), ms(alone.median), ms(alone.p95), ms(alone.high),
                    ms(alone_pages.median), ms(alone_pages.p95), "", "", "", "", "", "", ""])
    result = Result(
        key=KEY, title="A full room on the real server: 10 to 150 participants",
        command="python -m bench --load --only room",
        what=prose(KEY, "what", arrival=f"{quick_or(quick, 0.2, ARRIVAL):g}", think=f"{THINK[0]:g}–{THINK[1]:g}",
                   alone_think=f"{ALONE_THINK[0]:g}–{ALONE_THINK[1]:g}"),
        columns=["participants", "answers saved", "click → saved p50 ms", "p95 ms", "max ms", "click → page p50 ms",
                 "p95 ms", "page open p50 ms", "server CPU (cores)", "load generator CPU (cores)",
                 "machine busy (cores)", "load average", "host refreshes",
                 "host refresh run p95 ms"],
        rows=rows, budget=f"{sizes[-1]} participants: click → saved p95 under {BUDGET_P95:g} s, "
                          f"the host refresh's run p95 under {HOST_BUDGET_P95:g} s",
        ratio=r, ratio_label=f"p95 with {sizes[-1]} participants / p95 alone",
        met=largest < BUDGET_P95 and (host_p95 or 0) < HOST_BUDGET_P95,
        numbers=numbers)
    mib = 1024 * 1024
    result.notes.append("**Server memory** (resident, VmRSS): " + "; ".join(
        f"{n} participants: {before / mib:.0f} MiB before the room, {after / mib:.0f} MiB with it, "
        f"**{per / mib:.2f} MiB per session**" for n, before, after, per in mem_rows) + ".")
    client = max(v["client_cores"] for k, v in numbers.items() if isinstance(v, dict) and "client_cores" in v)
    result.notes.append(prose(KEY, "generator", client=f"{client:.2f}"))
    if not result.met:
        big = numbers[str(sizes[-1])]
        missed = [f"click → saved p95 {ms(big['saved']['p95'])} ms"] if big["saved"]["p95"] >= BUDGET_P95 else []
        if (host_p95 or 0) >= HOST_BUDGET_P95:
            missed.append(f"the host refresh's run p95 {ms(host_p95)} ms")
        result.notes.append(prose(KEY, "limit", missed=" and ".join(missed), n=sizes[-1],
                                  busy=f"{big['machine_busy_cores']:.2f}",
                                  load=f"{big['load']:.0f}", server=f"{big['server_cores']:.2f}",
                                  client=f"{big['client_cores']:.2f}",
                                  need=f"{sizes[-1] / sum(THINK) * 2 * TAP_CPU:.2f}"))
    result.notes.append(prose(KEY, "history"))
    result.seconds = time.perf_counter() - started
    return result
