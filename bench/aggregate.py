"""Host view refresh for 40 and 4,000 participants, side by side: time, and how it grows.

What the live views do on every refresh (``ui.workshop.load_aggregate``): read the participants
written since the last refresh (``Store.workshop_changes``, by the workshop's revision) into the
running aggregate (``readiness.workshop.RunningAggregate``) and summarise it. Between two timed
refreshes the same number of participants (:data:`CHANGES`) change an answer, at both sizes. The
baseline, measured in the same run, is the full computation the views did before: every answer
read (``Store.workshop_responses``) and aggregated in one pass. Participants answer every question
of the seven planning sections at random (about 8 % left out), in a SQLite database written in
bulk beforehand.
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

from .common import ROOT, Result, Stats, med_iqr, ms, profile_text, prose, quick_or, ratio

KEY = "aggregate"
SIZES = (40, 4000)
CHANGES = 10  # participants who changed an answer since the last refresh (a busy 5 s in a big room)
SUBLINEAR = 1.0  # the growth exponent must stay below this
SPONSOR = ("none", "started", "partly", "largely", "fully", "dont_know")


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
                 "display_name": None, "finished": rng.random() < 0.5, "joined_at": now, "updated_at": now,
                 "revision": 1}
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
        conn.execute(schema.workshops.update().where(schema.workshops.c.id == workshop.id).values(revision=1))
    return workshop.id


def change(store: Any, workshop_id: int, ids: list[int], rng: random.Random) -> None:
    """:data:`CHANGES` participants change their answer to one question, as the store writes it
    (the workshop's revision bumped, the participant stamped with it)."""
    import sqlalchemy as sa

    from readiness.store import schema

    w, p, a = schema.workshops, schema.participants, schema.participant_answers
    with store.engine.begin() as conn:
        for pid in rng.sample(ids, min(CHANGES, len(ids))):
            revision = conn.execute(w.update().where(w.c.id == workshop_id).values(revision=w.c.revision + 1)
                                    .returning(w.c.revision)).scalar_one()
            conn.execute(p.update().where(p.c.id == pid).values(revision=revision))
            conn.execute(a.update().where(sa.and_(a.c.participant_id == pid, a.c.question_id == "ownership.sponsor"))
                         .values(value=json.dumps(rng.choice(SPONSOR))))


def run(quick: bool = False) -> Result:
    from readiness.bank import load_bank
    from readiness.store import Store, schema
    from readiness.workshop import RunningAggregate, aggregate

    started = time.perf_counter()
    bank = load_bank()
    sizes = quick_or(quick, (4, 40), SIZES)
    reps = {4: 1, 40: quick_or(quick, 1, 30), 4000: 15}
    full_reps = {4: 1, 40: quick_or(quick, 1, 15), 4000: 5}
    folder = tempfile.mkdtemp(prefix="bench-aggregate-")
    store = Store(f"sqlite:///{folder}/aggregate.db")
    rng = random.Random(20261128)
    stats: dict[int, dict[str, Stats]] = {}
    profile = None
    try:
        for n in sizes:
            wid = fill(store, bank, n, rng)
            with store.engine.connect() as conn:
                ids = [r.id for r in conn.execute(schema.participants.select().where(
                    schema.participants.c.workshop_id == wid))]
            store.workshop_responses(wid)  # warm the connection and the page cache
            # As in the server, where the app keeps its long-lived objects out of the collector's way
            # (ui.frame.freeze_long_lived): collections during the read then walk only what it creates.
            gc.collect()
            gc.freeze()
            t_full: list[float] = []
            for _ in range(full_reps[n]):  # the baseline: everything read and aggregated
                t0 = time.perf_counter()
                full = aggregate(bank, store.workshop_responses(wid))
                t_full.append(time.perf_counter() - t0)
            running = RunningAggregate(bank)
            t0 = time.perf_counter()
            running.revision, changed = store.workshop_changes(wid, 0)  # the first refresh reads everyone
            running.apply(changed)
            first = running.result()
            t_first = time.perf_counter() - t0
            assert first == full and first.joined == n, (first.joined, n)
            t_read: list[float] = []
            t_apply: list[float] = []
            n_changed = []
            for _ in range(reps[n]):
                change(store, wid, ids, rng)
                t0 = time.perf_counter()
                revision, changed = store.workshop_changes(wid, running.revision)
                t1 = time.perf_counter()
                running.apply(changed)
                running.revision = revision
                result = running.result()
                t2 = time.perf_counter()
                t_read.append(t1 - t0)
                t_apply.append(t2 - t1)
                n_changed.append(len(changed))
            assert result == aggregate(bank, store.workshop_responses(wid))  # the same as the full computation
            stats[n] = {"read": Stats.of(t_read), "aggregate": Stats.of(t_apply), "full": Stats.of(t_full),
                        "first": Stats.of([t_first]), "total": Stats.of([a + b for a, b in zip(t_read, t_apply)])}
        if not quick:
            profile = profile_refresh(store, bank, RunningAggregate, wid, ids, rng)
    finally:
        store.dispose()
        gc.unfreeze()
        shutil.rmtree(folder, ignore_errors=True)
    refresh = refresh_seconds()
    budget_seconds = 0.1
    smallest, largest = sizes[0], sizes[-1]
    rows = []
    for n in sizes:
        s = stats[n]
        rows.append([f"{n:,}", med_iqr(s["full"]), ms(s["first"].median), med_iqr(s["read"]), med_iqr(s["aggregate"]),
                     f"**{ms(s['total'].median)}**", f"{ratio(s['total'].median, s['full'].median):.3f}"])
    growth = ratio(stats[largest]["total"].median, stats[smallest]["total"].median)
    exponent = math.log(max(growth, 1e-9)) / math.log(largest / smallest)
    met = stats[largest]["total"].median <= budget_seconds and exponent < SUBLINEAR
    result = Result(
        key=KEY, title=f"Host view refresh: {smallest:,} and {largest:,} participants side by side",
        command="python -m bench --only aggregate",
        what=prose(KEY, "what", changes=CHANGES, reps=", ".join(f"{reps[n]} at {n:,}" for n in sizes)),
        columns=["participants", "baseline: full read and aggregate, median ms (IQR)", "first refresh ms",
                 "read changes: median ms (IQR)", "update and summarise: median ms (IQR)", "refresh total ms",
                 "refresh ÷ baseline"],
        rows=rows,
        budget=(f"≤ {budget_seconds:g} s at {largest:,} participants, and sub-linear growth from {smallest:,} to "
                f"{largest:,} (k < {SUBLINEAR:g})"),
        ratio=growth, ratio_label=f"refresh at {largest:,} ÷ refresh at {smallest:,} (×{largest // smallest} participants)",
        met=met,
        numbers={"sizes": list(sizes), "exponent": exponent, "ratio": growth, "refresh_seconds": refresh,
                 "changes": CHANGES, **{str(n): {k: v.to_json() for k, v in s.items()} for n, s in stats.items()}})
    big = stats[largest]
    result.notes = [
        prose(KEY, "growth", k=f"{exponent:.2f}", growth=f"{growth:.2f}", smallest=f"{smallest:,}",
              largest=f"{largest:,}", total=ms(big["total"].median), full=ms(big["full"].median),
              share=f"{big['total'].median / refresh:.2%}", refresh=f"{refresh:g}", first=ms(big["first"].median)),
        prose(KEY, "design")]
    if profile:
        result.profile_title = f"pyinstrument, one refresh at {largest:,} participants ({CHANGES} changed)"
        result.profile = profile
    result.seconds = time.perf_counter() - started
    return result


def profile_refresh(store: Any, bank: Any, running_type: Any, workshop_id: int, ids: list[int],
                    rng: random.Random) -> str:
    from pyinstrument import Profiler

    running = running_type(bank)
    running.revision, changed = store.workshop_changes(workshop_id, 0)
    running.apply(changed)
    change(store, workshop_id, ids, rng)
    profiler = Profiler(interval=0.0002)
    profiler.start()
    running.revision, changed = store.workshop_changes(workshop_id, running.revision)
    running.apply(changed)
    running.result()
    profiler.stop()
    return profile_text(profiler, max_lines=24, min_share=0.02)
