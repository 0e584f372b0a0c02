"""Document builds off the web server's GIL: one at a time, in a worker process, cached by content.

A PDF of 200 custom actions takes seconds of CPU. Built in the server process it holds the GIL
that every other session's taps need, so builds run in one worker process (a
``ProcessPoolExecutor`` of one, spawned on first use, started again if it dies), one after
another, and the result is kept: a second click on the same content is served from the cache.

:func:`build` is the one entry: ``build(kind, answers_json, lang=…, brand=…, today=…)``. The
cache key is the kind, the answers file without ``saved_at`` (see ``ui.cache.assessment_key``),
the language, the brand, the bank's version and the build date. A new kind (DOCX, PPTX) is a
function of the same arguments in :data:`KINDS`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
import sys
import threading
import types
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from readiness.brand import Brand

CACHE_ENTRIES = 32  # documents are 50 KB-2 MB; 32 of them is a bounded amount of memory
TIMEOUT_SECONDS = 300


def _inputs(answers_json: str, today: str) -> tuple[Any, Any, dt.date]:
    """The bank, the assessment an answers file holds, and the build date, in the worker."""
    from readiness.answers import assessment_from_json
    from readiness.bank import load_bank

    bank = load_bank()
    return bank, assessment_from_json(bank, json.loads(answers_json)), dt.date.fromisoformat(today)


def _pdf(answers_json: str, lang: str, brand: Brand, today: str) -> bytes:
    from readiness.compare import compare, earlier_of

    from .build import build_report

    bank, assessment, day = _inputs(answers_json, today)
    earlier = earlier_of(assessment)  # a follow-up: the progress page after the summary
    comparison = None if earlier is None else compare(bank, earlier, assessment, lang, as_of=day)
    return build_report(bank, assessment, lang=lang, brand=brand, today=day, comparison=comparison)


def _plan_docx(answers_json: str, lang: str, brand: Brand, today: str) -> bytes:
    from readiness.plan import build_plan

    from .docx import plan_docx

    bank, assessment, day = _inputs(answers_json, today)
    return plan_docx(build_plan(bank, assessment, lang, today=day), brand=brand, today=day, bank=bank,
                     assessment=assessment)


def _policy_docx(answers_json: str, lang: str, brand: Brand, today: str) -> bytes:
    from readiness.plan import build_plan
    from readiness.policy_document import build_policy_document, load_policy_document

    from .docx import policy_docx

    bank, assessment, day = _inputs(answers_json, today)
    sector = assessment.answers.get("context.sector")
    document = build_policy_document(load_policy_document(), build_plan(bank, assessment, lang, today=day),
                                     sector=sector if isinstance(sector, str) else None, today=day)
    return policy_docx(document, brand=brand)


#: kind -> the function the worker runs (module level, so the worker process can import it)
KINDS: dict[str, Callable[[str, str, Brand, str], bytes]] = {"pdf": _pdf, "plan_docx": _plan_docx,
                                                            "policy_docx": _policy_docx}


def _warm_up() -> None:
    """Import the renderer and parse the fonts once, when the worker starts (not on the first click)."""
    from . import build  # noqa: F401


def _pid() -> int:
    return os.getpid()


#: What a spawned worker is told the main module is: nothing to run. Streamlit puts the page's
#: script in ``sys.modules["__main__"]`` while it runs, and spawn would run that script again in the
#: worker (the whole app, or an ``AppTest`` script that fails there outside its test).
_NO_MAIN = types.ModuleType("__main__")


def _start_worker(executor: ProcessPoolExecutor) -> None:
    """Spawn the executor's one process now, with no main module to re-run in it."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = _NO_MAIN
    try:
        executor.submit(_pid)  # the process starts within submit; the answer is not awaited
    finally:
        if main is not None:
            sys.modules["__main__"] = main


class Builder:
    """One worker process (lazily started, replaced when it dies) and a cache of finished documents."""

    def __init__(self, entries: int = CACHE_ENTRIES) -> None:
        self.entries = entries
        self._lock = threading.Lock()  # the executor and the cache
        self._executor: ProcessPoolExecutor | None = None
        self._cache: OrderedDict[str, bytes] = OrderedDict()
        self.builds = 0  # documents actually built (the rest came from the cache)

    def _pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                # spawn: a clean interpreter, nothing of the server's threads or sockets inherited
                executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                               initializer=_warm_up)
                _start_worker(executor)
                self._executor = executor
            return self._executor

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is broken:
                self._executor = None
        broken.shutdown(wait=False, cancel_futures=True)

    def run(self, fn: Callable[..., object], *args: object) -> object:
        """``fn(*args)`` in the worker; a worker that died is replaced and the call tried once more."""
        for attempt in (1, 2):
            pool = self._pool()
            try:
                return pool.submit(fn, *args).result(timeout=TIMEOUT_SECONDS)
            except BrokenProcessPool:
                self._restart(pool)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def build(self, kind: str, answers_json: str, *, lang: str, brand: Brand, bank_version: str,
              today: dt.date | None = None) -> bytes:
        if kind not in KINDS:
            raise ValueError(f"unknown document kind {kind!r} (one of {', '.join(KINDS)})")
        day = (today or dt.date.today()).isoformat()
        key = hashlib.sha256(json.dumps([kind, answers_json, lang, brand.model_dump(mode="json"), bank_version, day],
                                        sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        data = self.run(KINDS[kind], answers_json, lang, brand, day)
        assert isinstance(data, bytes)
        with self._lock:
            self.builds += 1
            self._cache[key] = data
            while len(self._cache) > self.entries:
                self._cache.popitem(last=False)
        return data

    def worker_pid(self) -> int:
        pid = self.run(_pid)
        assert isinstance(pid, int)
        return pid

    def shutdown(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


_builder = Builder()


def builder() -> Builder:
    """The process's one builder (one worker process for all sessions)."""
    return _builder


def build(kind: str, answers_json: str, *, lang: str, brand: Brand, bank_version: str,
          today: dt.date | None = None) -> bytes:
    """A document of ``kind`` ("pdf") for the answers file ``answers_json``; see :class:`Builder`."""
    return _builder.build(kind, answers_json, lang=lang, brand=brand, bank_version=bank_version, today=today)
