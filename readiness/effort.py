"""Effort and cost estimates: the product's own labelled assumptions (``questions/effort.yaml``).

Each action carries the owner's hours (``RoadmapAction.hours``, editable like any other field);
this module adds the running load of each phase and each ambassador's hours, and sums them to
hours a week for the owner and hours a month per ambassador, plus the cost ranges. They are
estimates, never cited facts, and the plan says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import Field

from . import bank as bank_module
from .bank import BankError, LocalText
from .i18n import format_number, languages, t
from .yamldata import Strict, read_yaml, validate

EFFORT_FILE = "effort.yaml"
WEEKS_A_MONTH = 52 / 12


class Hours(Strict):
    owner: float = Field(ge=0, le=500)
    ambassador: float = Field(default=0, ge=0, le=100)


class PhaseLoad(Strict):
    owner_week: float = Field(ge=0, le=40)
    ambassador_month: float = Field(ge=0, le=40)


class Cost(Strict):
    id: str
    low: int = Field(ge=0)
    high: int = Field(ge=0)
    name: LocalText
    note: LocalText


class EffortData(Strict):
    title: LocalText
    intro: LocalText
    currency: LocalText
    cost_note: LocalText
    default: Hours
    actions: dict[str, Hours]
    phases: dict[str, PhaseLoad]
    costs: tuple[Cost, ...]


@functools.lru_cache(maxsize=8)
def _load(folder: str, langs: tuple[str, ...]) -> EffortData:
    path = Path(folder) / EFFORT_FILE
    display = f"{Path(folder).name}/{EFFORT_FILE}"
    return validate(EffortData, read_yaml(path, display, BankError), display, BankError)


def load_effort(folder: str | Path | None = None) -> EffortData:
    """The estimates, read and validated once per process (next to the question bank)."""
    return _load(str(Path(folder or bank_module.DEFAULT_BANK_DIR).resolve()), languages())


def occurrences(start: dt.date, end: dt.date, every_weeks: int | None) -> int:
    """How many times an action happens: once, or once every ``every_weeks`` from start to end."""
    if not every_weeks:
        return 1
    return (end - start).days // (7 * every_weeks) + 1


def action_hours(data: EffortData, rule_id: str, start: dt.date, end: dt.date, every_weeks: int | None) -> float:
    """The owner's estimated hours for a generated action (all its repetitions)."""
    hours = data.actions.get(rule_id, data.default).owner
    return round(hours * occurrences(start, end, every_weeks), 1)


@dataclasses.dataclass(frozen=True)
class ActionEffort:
    id: str
    title: str
    phase: str
    owner_hours: float
    ambassador_hours: float
    edited: bool = False
    estimated: bool = True  # False for an action of the user's own without hours (shown as "–")


@dataclasses.dataclass(frozen=True)
class PhaseEffort:
    id: str
    name: str
    start: dt.date
    end: dt.date
    owner_hours: float  # the owner's hours in the phase, actions and running load
    owner_week: float
    ambassador_month: float


@dataclasses.dataclass(frozen=True)
class CostLine:
    id: str
    name: str
    note: str
    low: int
    high: int


@dataclasses.dataclass(frozen=True)
class EffortPlan:
    title: str
    intro: str
    currency: str
    cost_note: str
    actions: tuple[ActionEffort, ...]
    phases: tuple[PhaseEffort, ...]
    costs: tuple[CostLine, ...]
    owner_week: float  # over the whole plan
    ambassador_month: float
    overload: str = ""  # a phase needs more of the owner's time a week than the answers set aside, or ""

    @property
    def cost_low(self) -> int:
        return sum(c.low for c in self.costs)

    @property
    def cost_high(self) -> int:
        return sum(c.high for c in self.costs)


def _weeks(start: dt.date, end: dt.date) -> float:
    return max(1.0, ((end - start).days + 1) / 7)


def overload(phases: tuple[PhaseEffort, ...], answers: Mapping[str, Any], lang: str) -> str:
    """A warning when the busiest phase needs more of the owner's hours a week than ``ownership.hours`` sets aside."""
    have = answers.get("ownership.hours")
    if isinstance(have, bool) or not isinstance(have, (int, float)) or not phases:
        return ""
    busiest = max(phases, key=lambda p: p.owner_week)
    if busiest.owner_week <= have:
        return ""
    return t("programme.effort.overload", lang, phase=busiest.name, need=format_number(busiest.owner_week, lang, 1),
             have=format_number(have, lang, 0 if float(have).is_integer() else 1))


def effort_plan(roadmap: Any, lang: str, data: EffortData | None = None,
                answers: Mapping[str, Any] | None = None) -> EffortPlan:
    """The estimates for a roadmap: per action, per phase, for the owner and per ambassador, and the costs."""
    data = data or load_effort()
    actions = tuple(ActionEffort(a.id, a.title, a.phase, float(a.hours or 0),
                                 data.actions[a.id].ambassador if a.id in data.actions and a.origin == "rule" else 0.0,
                                 "hours" in a.edited, a.hours is not None)
                    for a in roadmap.actions)
    phases = []
    for p in roadmap.phases:
        weeks = _weeks(p.start, p.end)
        load = data.phases.get(p.id, PhaseLoad(owner_week=0, ambassador_month=0))
        owner = load.owner_week * weeks + sum(a.owner_hours for a in actions if a.phase == p.id)
        ambassador = load.ambassador_month * weeks / WEEKS_A_MONTH + sum(a.ambassador_hours for a in actions
                                                                           if a.phase == p.id)
        phases.append(PhaseEffort(p.id, p.name, p.start, p.end, round(owner, 1), round(owner / weeks, 1),
                                  round(ambassador / (weeks / WEEKS_A_MONTH), 1)))
    total_weeks = sum(_weeks(p.start, p.end) for p in phases) or 1.0
    owner_week = sum(p.owner_hours for p in phases) / total_weeks
    ambassador_month = sum(p.ambassador_month * _weeks(p.start, p.end) for p in phases) / total_weeks
    costs = tuple(CostLine(c.id, c.name.get(lang), c.note.get(lang), c.low, c.high) for c in data.costs)
    return EffortPlan(data.title.get(lang), data.intro.get(lang), data.currency.get(lang), data.cost_note.get(lang),
                      actions, tuple(phases), costs, round(owner_week, 1), round(ambassador_month, 1),
                      overload(tuple(phases), answers or {}, lang))


def rounded_hours(value: float) -> float:
    """Hours as the plan prints them: to the half hour."""
    return math.floor(value * 2 + 0.5) / 2


def unknown_rules(data: EffortData, rule_ids: Mapping[str, Any] | set[str]) -> set[str]:
    """Action ids in the estimates that no rule has (a content check)."""
    return set(data.actions) - set(rule_ids)
