"""Cached pure functions: a click never recomputes the plan for answers it has seen before.

The cache key is the answers file itself (canonical JSON), so two sessions with the same
answers share one result; results are immutable, so sharing them is safe.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading

import streamlit as st

from readiness.answers import Assessment, assessment_from_json, to_json
from readiness.bank import load_bank
from readiness.plan import Plan, build_plan
from readiness.workshop import Aggregate, publish_due


def assessment_key(assessment: Assessment) -> str:
    """Canonical JSON of everything that shapes the plan (not the save time)."""
    return json.dumps(to_json(load_bank(), assessment, saved_at=""), sort_keys=True, ensure_ascii=False)


@st.cache_resource(max_entries=512, show_spinner=False)
def _plan(key: str, lang: str, today: str) -> Plan:
    bank = load_bank()
    return build_plan(bank, assessment_from_json(bank, json.loads(key)), lang, today=dt.date.fromisoformat(today))


def plan(assessment: Assessment, lang: str) -> Plan:
    """The plan for an assessment in ``lang`` (computed once per distinct answers and day)."""
    return _plan(assessment_key(assessment), lang, dt.date.today().isoformat())


@dataclasses.dataclass(frozen=True)
class Published:
    """A workshop's published snapshot: the aggregate over the first ``counted`` finished participants."""

    counted: int
    aggregate: Aggregate


class LiveSnapshots:
    """The published snapshot of every workshop's shared views, one per workshop for the whole process.

    Keyed by the workshop's id and join code (an id alone may be reused after a deletion).

    Every session (projector, phones, host) reads the same snapshot, so no viewer sees a change of
    fewer than three newly finished participants; a lock makes offering a new one safe across the
    server's threads. Snapshots are immutable.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_workshop: dict[tuple[int, str], Published] = {}

    def get(self, workshop: tuple[int, str]) -> Published | None:
        with self._lock:
            return self._by_workshop.get(workshop)

    def offer(self, workshop: tuple[int, str], counted: int, aggregate: Aggregate) -> Published:
        """Publish ``aggregate`` unless the current snapshot is not yet due to move; returns the one in force."""
        with self._lock:
            current = self._by_workshop.get(workshop)
            if current is None or publish_due(counted, current.counted):
                current = self._by_workshop[workshop] = Published(counted, aggregate)
            return current

    def forget(self, workshop: tuple[int, str]) -> None:
        with self._lock:
            self._by_workshop.pop(workshop, None)


@st.cache_resource(show_spinner=False)
def live_snapshots() -> LiveSnapshots:
    """The process's snapshots (shared by every session)."""
    return LiveSnapshots()
