"""Host view aggregation for 40, 400 and 4,000 participants: time, and how it grows.

What the host view does on every refresh (``ui.workshop.load_aggregate``): read every
participant's answers with one query (``Store.workshop_responses``) and summarise them in one
pass (``readiness.workshop.aggregate``). Participants answer every question of the seven
planning sections at random (about 8 % left out, "don't know" as often as any option), in a
SQLite database written in bulk beforehand.
"""

from __future__ import annotations

import gc
import json
import math
import random
import shutil
import tempfile
import time
from typing import Any

from .common import ROOT, Result, Stats, med_iqr, ms, profile_text, prose, quick_or, ratio, timed

KEY = "aggregate"
SIZES = (40, 400, 4000)
LINEAR = 1.1  # the growth exponent still called linear (timing noise on a shared machine)


def refresh_seconds() -> float:
    """The host view's refresh interval (``ui.workshop.REFRESH_SECONDS``), read without importing Streamlit."""
    import ast

    tree = ast.parse((ROOT / "ui" / "workshop.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "REFRESH_SECONDS" for t in node.targets):
            return float(ast.literal_eval(node.value))
    return 5.0


def fill(store: Any, bank: Any, participants: int, rng: random.Random) -> int:
    """A workshop with ``participants`` who answered at random, written in bulk; its id."""
    import datetime as dt
    import hashlib

    from readiness.samples import random_answer
    from readiness.store import schema
    from readiness.workshop import participant_questions

    questions = participant_questions(bank)
    workshop, _ = store.create_workshop("Fjordhavn", f"{participants} participants", "da")
    now = dt.datetime.now(dt.UTC)
    with store.engine.begin() as conn:
        rows = [{"workshop_id": workshop.id, "token_hash": hashlib.sha256(f"{workshop.id}-{i}".encode()).hexdigest(),
                 "display_name": None, "finished": rng.random() < 0.5, "joined_at": now, "updated_at": now}
                for i in range(participants)]
        conn.execute(schema.participants.insert(), rows)
        ids = [r.id for r in conn.execute(schema.participants.select().where(
            schema.participants.c.workshop_id == workshop.id))]
        answers = []
        for pid in ids:
            for q in questions:
                value = random_answer(bank, q, rng)
                if value is not None:
                    answers.append({"participant_id": pid, "question_id": q.id, "updated_at": now,
                                    "value": json.dumps(value, ensure_ascii=False, separators=(",", ":"))})
        conn.execute(schema.participant_answers.insert(), answers)
    return workshop.id


def run(quick: bool = False) -> Result:
    from readiness.bank import load_bank
    from readiness.store import Store
    from readiness.workshop import aggregate

    started = time.perf_counter()
    bank = load_bank()
    sizes = quick_or(quick, (4, 40), SIZES)
    reps = {4: 1, 40: quick_or(quick, 1, 30), 400: 15, 4000: 7}
    folder = tempfile.mkdtemp(prefix="bench-aggregate-")
    store = Store(f"sqlite:///{folder}/aggregate.db")
    rng = random.Random(20261128)
    stats: dict[int, dict[str, Stats]] = {}
    profile = None
    try:
        for n in sizes:
            wid = fill(store, bank, n, rng)
            store.workshop_responses(wid)  # warm the connection and the page cache
            # As in the server, where the app keeps its long-lived objects out of the collector's way
            # (ui.frame.freeze_long_lived): collections during the read then walk only what it creates.
            gc.collect()
            gc.freeze()
            raw = raw_reader(folder, wid)
            t_read: list[float] = []
            t_agg: list[float] = []
            t_raw: list[float] = []
            for i in range(reps[n]):
                if i % 2:
                    t_raw.append(timed(raw))
                t0 = time.perf_counter()
                responses = store.workshop_responses(wid)
                t1 = time.perf_counter()
                result = aggregate(bank, responses)
                t2 = time.perf_counter()
                t_read.append(t1 - t0)
                t_agg.append(t2 - t1)
                assert result.joined == n, (result.joined, n)
                if not i % 2:
                    t_raw.append(timed(raw))
            stats[n] = {"read": Stats.of(t_read), "aggregate": Stats.of(t_agg), "raw": Stats.of(t_raw),
                        "total": Stats.of([a + b for a, b in zip(t_read, t_agg)])}
        if not quick:
            profile = profile_refresh(store, bank, aggregate, wid)
    finally:
        store.dispose()
        gc.unfreeze()
        shutil.rmtree(folder, ignore_errors=True)
    refresh = refresh_seconds()
    budget_seconds = refresh / 10
    largest = sizes[-1]
    growth = {}
    rows = []
    previous = None
    for n in sizes:
        s = stats[n]
        grow = ""
        if previous is not None:
            g = ratio(s["total"].median, stats[previous]["total"].median)
            growth[n] = g
            grow = f"×{g:.1f} for ×{n // previous} participants"
        rows.append([f"{n:,}", med_iqr(s["raw"]), med_iqr(s["read"]), med_iqr(s["aggregate"]),
                     f"**{ms(s['total'].median)}**", f"{s['total'].median / n * 1e6:.0f}", grow])
        previous = n
    exponent = math.log(stats[sizes[-1]]["total"].median / stats[sizes[0]]["total"].median) / math.log(sizes[-1] / sizes[0])
    met = stats[largest]["total"].median <= budget_seconds and exponent <= LINEAR
    result = Result(
        key=KEY, title="Host view aggregation: 40, 400 and 4,000 participants", command="python -m bench --only aggregate",
        what=prose(KEY, "what", reps=", ".join(f"{reps[n]} at {n:,}" for n in sizes)),
        columns=["participants", "baseline: raw sqlite3 query, ms", "store read: median ms (IQR)",
                 "aggregate: median ms (IQR)", "refresh total ms", "µs per participant", "growth of the total"],
        rows=rows,
        budget=(f"linear or better (k ≤ {LINEAR}, allowing for noise), and {largest:,} participants well under the host "
                f"view's refresh interval ({refresh:g} s): ≤ {budget_seconds:g} s"),
        ratio=exponent, ratio_label=f"k in time ∝ participants^k, {sizes[0]:,} to {largest:,} (1.0 = linear)",
        met=met,
        numbers={"sizes": list(sizes), "exponent": exponent, "ratio": exponent, "refresh_seconds": refresh,
                 **{str(n): {k: v.to_json() for k, v in s.items()} for n, s in stats.items()}})
    big, small = stats[largest], stats[sizes[0]]
    read_share = big["read"].median / big["total"].median
    result.notes = [
        prose(KEY, "growth", k=f"{exponent:.2f}", smallest=f"{sizes[0]:,}", largest=f"{largest:,}",
              total=ms(big["total"].median), share=f"{big['total'].median / refresh:.1%}", refresh=f"{refresh:g}"),
        prose(KEY, "shares", largest=f"{largest:,}", read_share=f"{read_share:.0%}", agg_share=f"{1 - read_share:.0%}",
              raw_ratio=f"{ratio(big['read'].median, big['raw'].median):.1f}", raw=ms(big["raw"].median))]
    if not met:
        result.notes.append(prose(
            KEY, "missed", largest=f"{largest:,}", rows=f"{largest * 45:,}", k=f"{exponent:.2f}", refresh=f"{refresh:g}",
            small_total=ms(small["total"].median), smallest=sizes[0], middle_total=ms(stats[sizes[-2]]["total"].median),
            middle=sizes[-2]))
    if not met and profile:
        result.profile_title = f"pyinstrument, one refresh at {largest:,} participants"
        result.profile = profile
    result.seconds = time.perf_counter() - started
    return result


RAW_QUERY = ("SELECT p.id, p.display_name, p.finished, a.question_id, a.value FROM participants p "
             "LEFT OUTER JOIN participant_answers a ON a.participant_id = p.id WHERE p.workshop_id = ? ORDER BY p.id")


def raw_reader(folder: str, workshop_id: int):
    """The store's query through the plain sqlite3 driver: the floor for reading these rows."""
    import sqlite3

    connection = sqlite3.connect(f"{folder}/aggregate.db", check_same_thread=False)

    def read() -> int:
        return len(connection.execute(RAW_QUERY, (workshop_id,)).fetchall())

    read()
    return read


def profile_refresh(store: Any, bank: Any, aggregate: Any, workshop_id: int) -> str:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    aggregate(bank, store.workshop_responses(workshop_id))
    profiler.stop()
    return profile_text(profiler, max_lines=24, min_share=0.02)
