"""A full room across replicas: 300 participants through HAProxy onto 3 replicas on one PostgreSQL.

The same room as bench/room.py (the host's view open, the participants arriving within a few
seconds and answering the first step with a pause of 2–5 s before each tap), but the clients
connect to HAProxy with deploy/haproxy.cfg (deploy.cluster.LocalCluster), which spreads their
WebSockets over the replicas; the replicas share a throwaway PostgreSQL server (tests/pg.py's).
Each replica runs the production entry (asgi.py) through bench/hooked_streamlit.py, which only
adds the save log, one file per replica. Server CPU and memory are the replicas' together.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

from .common import ROOT, Result, Stats, ms, prose, quick_or
from .room import BUDGET_P95, HOST_BUDGET_P95, TAP_CPU, THINK, _room, latencies, read_saves
from .saves import postgres_cluster
from .wire import STREAMLIT_FLAGS, run_async

KEY = "cluster_room"
PARTICIPANTS = 300
REPLICAS = 3


class _Replica:
    """deploy.cluster's replica, launched through the benchmarks' save-log hook (asgi.py, as in production)."""

    def __init__(self, replica: Any, log: Path) -> None:
        self.replica = replica
        self.save_log = log

    def launch(self) -> None:
        import subprocess
        import sys

        from readiness import settings

        env = settings.server_environment({**self.replica.env, "BENCH_SAVE_LOG": str(self.save_log),
                                           "PYTHONPATH": str(ROOT)})
        self.replica.log.parent.mkdir(parents=True, exist_ok=True)
        with self.replica.log.open("ab") as out:
            self.replica.proc = subprocess.Popen(
                [sys.executable, "-m", "bench.hooked_streamlit", "run", "asgi.py", "--server.port",
                 str(self.replica.port), *STREAMLIT_FLAGS], cwd=ROOT, env=env, stdout=out,
                stderr=subprocess.STDOUT, start_new_session=True)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.replica, name)


class _Target:
    """What bench.room._room needs of a server: the balancer's WebSocket, the replicas' CPU and memory."""

    def __init__(self, cluster: Any) -> None:
        self.cluster = cluster

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.cluster.port}/_stcore/stream"

    def _procs(self) -> list[int]:
        return [r.proc.pid for r in self.cluster.replicas]

    def cpu_seconds(self) -> float:
        total = 0.0
        for pid in self._procs():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total

    def rss_bytes(self) -> int:
        total = 0
        for pid in self._procs():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        return total

    def per_replica_cpu(self) -> list[float]:
        out = []
        for pid in self._procs():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            out.append((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))
        return out


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def postgres_cpu(port: int) -> float:
    """CPU seconds of the PostgreSQL server on ``port``: its postmaster (with its reaped children's)
    and its live processes (the backends serving the replicas' pools)."""
    tick = os.sysconf("SC_CLK_TCK")
    pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    master = None
    for pid in pids:
        try:
            if f"-p {port} ".encode() in Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ") + b" ":
                master = pid
                break
        except OSError:
            continue
    if master is None:
        return 0.0
    total = 0.0
    for pid in pids:
        try:
            fields = _stat(pid)
        except OSError:
            continue
        if pid == master:
            total += sum(int(x) for x in fields[11:15]) / tick  # utime stime cutime cstime
        elif int(fields[1]) == master:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def one_cluster_room(n: int, replicas: int, quick: bool, seed: int = 20261202) -> dict[str, Any]:
    from sqlalchemy.engine import make_url

    from deploy.cluster import LocalCluster
    from readiness.store import Store

    with postgres_cluster() as (url, problem):
        if url is None:
            raise RuntimeError(problem)
        store = Store(url)
        workshop, host_token = store.create_workshop("Fjordhavn Rådgivning A/S", "Kick-off", "da", anonymous=True)
        tokens = [store.join_workshop(workshop.code) for _ in range(n + 1)]
        folder = Path(tempfile.mkdtemp(prefix=f"bench-cluster-room-{n}-"))
        cluster = LocalCluster(url, replicas=replicas, folder=folder, env={"READINESS_PUBLIC_URL": ""})
        logs = [folder / f"saves-{r.name}.jsonl" for r in cluster.replicas]
        cluster.replicas = [_Replica(r, log) for r, log in zip(cluster.replicas, logs, strict=True)]
        cluster.start()
        target = _Target(cluster)
        try:
            port = make_url(url).port
            cpu_before, pg_before = target.per_replica_cpu(), postgres_cpu(port)
            load_before = os.getloadavg()[0]
            outcome = run_async(_room(target, tokens, host_token, quick, seed, with_baseline=False))
            outcome["per_replica_cpu"] = [b - a for a, b in zip(cpu_before, target.per_replica_cpu(), strict=True)]
            outcome["postgres_cpu"] = postgres_cpu(port) - pg_before
            outcome["load"] = (load_before, os.getloadavg()[0])
        finally:
            cluster.stop()
            store.dispose()
    saved: dict[tuple[str, str], float] = {}
    for log in logs:
        saved.update(read_saves(log))
    outcome["saved_room"], outcome["missing_room"] = latencies(outcome["room"], saved)
    outcome["page_room"] = [t for p in outcome["room"] for t in p.page_times]
    outcome["open_room"] = [p.open_time for p in outcome["room"]]
    outcome["log"] = str(folder / "logs")
    return outcome


def run(quick: bool = False) -> Result:
    started = time.perf_counter()
    n = quick_or(quick, 3, PARTICIPANTS)
    o = one_cluster_room(n, REPLICAS, quick)
    if not o["saved_room"]:
        raise RuntimeError(f"no answer of {n} participants was saved; see {o['log']}")
    saved, page = Stats.of(o["saved_room"]), Stats.of(o["page_room"])
    host = Stats.of(o["host_times"]) if o["host_times"] else None
    mib = 1024 * 1024
    per_session = (o["rss_after"] - o["rss_before"]) / n
    rows = [[str(n), str(REPLICAS), f"{len(o['saved_room'])}" + (f" ({o['missing_room']} lost)" if o["missing_room"] else ""),
             ms(saved.median), f"**{ms(saved.p95)}**", ms(saved.high), ms(page.median), ms(page.p95),
             ms(Stats.of(o["open_room"]).median), f"{o['cpu_server'] / o['wall']:.2f}",
             " / ".join(f"{c / o['wall']:.2f}" for c in o["per_replica_cpu"]),
             f"{o['postgres_cpu'] / o['wall']:.2f}", f"{o['cpu_client'] / o['wall']:.2f}",
             f"{o['machine_busy'] / o['wall']:.2f}", f"{o['load'][0]:.1f} → {o['load'][1]:.1f}", str(o["host_refreshes"]),
             ms(host.p95) if host else "–",
             f"{per_session / mib:.2f}"]]
    met = saved.p95 < BUDGET_P95 and (host.p95 if host else 0) < HOST_BUDGET_P95
    result = Result(
        key=KEY, title=f"A full room across replicas: {PARTICIPANTS} participants, {REPLICAS} replicas, HAProxy, PostgreSQL",
        command="python -m bench --load --only cluster_room",
        what=prose(KEY, "what", think=f"{THINK[0]:g}–{THINK[1]:g}", n=PARTICIPANTS, replicas=REPLICAS),
        columns=["participants", "replicas", "answers saved", "click → saved p50 ms", "p95 ms", "max ms",
                 "click → page p50 ms", "p95 ms", "page open p50 ms", "server CPU (cores, all replicas)",
                 "per replica", "PostgreSQL CPU (cores)", "load generator CPU (cores)", "machine busy (cores)",
                 "load average (1 min)",
                 "host refreshes", "host refresh run p95 ms",
                 "memory per session MiB"],
        rows=rows, budget=f"click → saved p95 under {BUDGET_P95:g} s, the host refresh's run p95 under {HOST_BUDGET_P95:g} s",
        ratio=saved.p95 / BUDGET_P95, ratio_label="click → saved p95 / budget", met=met,
        numbers={"saved": saved.to_json(), "page": page.to_json(), "missing": o["missing_room"],
                 "host_refresh": host.to_json() if host else None, "rss_per_session": per_session,
                 "server_cores": o["cpu_server"] / o["wall"], "client_cores": o["cpu_client"] / o["wall"],
                 "per_replica_cores": [c / o["wall"] for c in o["per_replica_cpu"]],
                 "postgres_cores": o["postgres_cpu"] / o["wall"], "load": o["load"],
                 "machine_busy_cores": o["machine_busy"] / o["wall"]})
    if not met:
        missed = [f"click → saved p95 {ms(saved.p95)} ms"] if saved.p95 >= BUDGET_P95 else []
        if host and host.p95 >= HOST_BUDGET_P95:
            missed.append(f"the host refresh's run p95 {ms(host.p95)} ms")
        result.notes.append(prose(KEY, "limit", missed=" and ".join(missed), busy=f"{o['machine_busy'] / o['wall']:.2f}",
                                  load=f"{o['load'][1]:.0f}", server=f"{o['cpu_server'] / o['wall']:.2f}",
                                  pg=f"{o['postgres_cpu'] / o['wall']:.2f}", client=f"{o['cpu_client'] / o['wall']:.2f}",
                                  n=n, need=f"{n / sum(THINK) * 2 * TAP_CPU:.2f}", replicas=REPLICAS))
    result.seconds = time.perf_counter() - started
    return result
