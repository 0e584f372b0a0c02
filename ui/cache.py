"""Cached pure functions: a click never recomputes the plan for answers it has seen before.

The cache key is the answers file itself (canonical JSON), so two sessions with the same
answers share one result; results are immutable, so sharing them is safe.
"""

from __future__ import annotations

import datetime as dt
import json

import streamlit as st

from readiness.answers import Assessment, assessment_from_json, to_json
from readiness.bank import load_bank
from readiness.plan import Plan, build_plan


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
