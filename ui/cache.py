"""Cached pure functions: a click never recomputes the plan for answers it has seen before.

The cache key is the answers file itself (canonical JSON), so two sessions with the same
answers share one result; results are immutable, so sharing them is safe.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading
from typing import Any

import streamlit as st

from readiness.answers import Assessment, assessment_from_json, to_json
from readiness.bank import Bank, load_bank
from readiness.plan import Plan, build_plan
from readiness.workshop import Aggregate, RunningAggregate, aggregate, publish_due


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
    """A workshop's published snapshot: the aggregate over ``counted`` finished participants."""

    counted: int
    aggregate: Aggregate


class LiveWorkshop:
    """One workshop's running aggregates, the store revision they have read up to, and the snapshot
    the shared views show. Use it only while holding :attr:`lock` (the aggregates are mutable)."""

    def __init__(self, bank: Bank) -> None:
        self.lock = threading.Lock()
        self.published = Published(0, aggregate(bank, []))
        self.reset(bank)

    def reset(self, bank: Bank) -> None:
        """Start counting again from revision 0 (when the workshop closes or reopens, who counts changes);
        the published snapshot stays until the next batch."""
        self.everyone = RunningAggregate(bank)
        self.counted = RunningAggregate(bank)
        self.revision = 0
        self.closed: bool | None = None

    def catch_up(self, revision: int, changed: list[Any], closed: bool) -> None:
        """Take in the participants written since the last refresh, and publish when a batch is due."""
        self.everyone.apply(changed)
        self.counted.apply(changed, None if closed else (lambda r: r.finished))
        self.revision = revision
        if publish_due(len(self.counted), self.published.counted):
            self.published = Published(len(self.counted), self.counted.result())


class LiveWorkshops:
    """Every workshop's :class:`LiveWorkshop` in this process, shared by all sessions and threads.

    Keyed by the workshop's id and join code (an id alone may be reused after a deletion). Every
    session (projector, phones, host) reads the same snapshot, so no viewer sees a change of fewer
    than three newly finished participants.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_workshop: dict[tuple[int, str], LiveWorkshop] = {}

    def get(self, key: tuple[int, str], bank: Bank) -> LiveWorkshop:
        with self._lock:
            entry = self._by_workshop.get(key)
            if entry is None:
                entry = self._by_workshop[key] = LiveWorkshop(bank)
            return entry


@st.cache_resource(show_spinner=False)
def live_workshops() -> LiveWorkshops:
    """The process's running aggregates (shared by every session)."""
    return LiveWorkshops()
