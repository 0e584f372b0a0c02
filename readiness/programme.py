"""The plan's programme parts: the pilot design, starter content, the measurement plan and governance.

Content is data (``questions/programme.yaml`` and ``questions/starters.yaml``); this module fills
it in from the answers (size, goals, sector, names) and the roadmap's dates, so every date and
name matches the roadmap the same plan prints.
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
from .bank import Bank, BankError, Condition, LocalText
from .conditions import Facts, holds
from .i18n import format_date, format_number, languages
from .roadmap import Roadmap, avoid_holidays
from .yamldata import Strict, read_yaml, validate

PROGRAMME_FILE = "programme.yaml"
STARTERS_FILE = "starters.yaml"


# -- the data -------------------------------------------------------------------------------


class Point(Strict):
    text: LocalText
    when: Condition | None = None


class Size(Strict):
    below: int
    text: LocalText


class PilotData(Strict):
    title: LocalText
    intro: LocalText
    sizes: tuple[Size, ...]
    half: LocalText
    selection_title: LocalText
    selection: tuple[Point, ...]
    kickoff_title: LocalText
    kickoff: tuple[LocalText, ...]
    threshold_title: LocalText
    threshold_intro: LocalText
    thresholds: tuple[Point, ...]
    midpoint_title: LocalText
    midpoint: LocalText
    decision_title: LocalText
    decision: LocalText


class MeasurementData(Strict):
    title: LocalText
    intro: LocalText
    col_kpi: LocalText
    col_where: LocalText
    col_who: LocalText
    col_baseline: LocalText
    col_target: LocalText
    where: dict[str, LocalText]
    report_title: LocalText
    report: LocalText
    template_title: LocalText
    template: tuple[LocalText, ...]


class TurnaroundData(Strict):
    when: Condition
    title: LocalText
    intro: LocalText
    points: tuple[LocalText, ...]


class GovernanceData(Strict):
    title: LocalText
    intro: LocalText
    owner_role: LocalText
    sponsor_role: LocalText
    council_title: LocalText
    council: tuple[LocalText, ...]
    managers_title: LocalText
    managers: tuple[LocalText, ...]
    turnaround: TurnaroundData


class ProgrammeData(Strict):
    pilot: PilotData
    measurement: MeasurementData
    governance: GovernanceData


class StartersData(Strict):
    title: LocalText
    intro: LocalText
    max_ideas: int = Field(ge=1, le=40)
    ideas_title: LocalText
    ideas: tuple[Point, ...]
    stories_title: LocalText
    stories: tuple[LocalText, ...]
    calendar_title: LocalText
    calendar_intro: LocalText
    weeks: tuple[LocalText, ...]
    col_week: LocalText
    col_from: LocalText
    col_theme: LocalText
    col_ideas: LocalText
    week_label: LocalText


def _read(folder: str, name: str, model: type[Strict]) -> Any:
    display = f"{Path(folder).name}/{name}"
    return validate(model, read_yaml(Path(folder) / name, display, BankError), display, BankError)


@functools.lru_cache(maxsize=8)
def _load(folder: str, langs: tuple[str, ...]) -> tuple[ProgrammeData, StartersData]:
    return _read(folder, PROGRAMME_FILE, ProgrammeData), _read(folder, STARTERS_FILE, StartersData)


def load_programme(folder: str | Path | None = None) -> tuple[ProgrammeData, StartersData]:
    """The programme texts and the starter content, read and validated once per process."""
    return _load(str(Path(folder or bank_module.DEFAULT_BANK_DIR).resolve()), languages())


# -- what the plan shows --------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PilotDesign:
    title: str
    intro: str
    size: str
    selection_title: str
    selection: tuple[str, ...]
    kickoff_on: dt.date
    kickoff_title: str
    kickoff: tuple[str, ...]
    threshold_title: str
    threshold_intro: str
    thresholds: tuple[str, ...]
    midpoint_on: dt.date
    midpoint_title: str
    midpoint: str
    decision_on: dt.date
    decision_title: str
    decision: str


@dataclasses.dataclass(frozen=True)
class CalendarWeek:
    label: str
    start: dt.date
    theme: str
    ideas: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class StarterContent:
    title: str
    intro: str
    ideas_title: str
    ideas: tuple[str, ...]
    stories_title: str
    stories: tuple[str, ...]
    calendar_title: str
    calendar_intro: str
    columns: tuple[str, str, str, str]
    weeks: tuple[CalendarWeek, ...]
    capacity: str  # the content-capacity check against the pilot size ("" when the size is unknown)


@dataclasses.dataclass(frozen=True)
class MeasurementRow:
    id: str
    kpi: str
    where: str
    who: str
    target: str


@dataclasses.dataclass(frozen=True)
class MeasurementPlan:
    title: str
    intro: str
    columns: tuple[str, str, str, str, str]
    baseline_by: dt.date
    rows: tuple[MeasurementRow, ...]
    first_report: dt.date
    report_title: str
    report: str
    template_title: str
    template: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Turnaround:
    title: str
    intro: str
    points: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Governance:
    title: str
    intro: str
    owner: str
    sponsor: str
    roles: tuple[str, ...]
    council_title: str
    council: tuple[str, ...]
    managers_title: str
    managers: tuple[str, ...]
    turnaround: Turnaround | None


@dataclasses.dataclass(frozen=True)
class Programme:
    pilot: PilotDesign
    starters: StarterContent
    measurement: MeasurementPlan
    governance: Governance


def _mid(name: str, generic: set[str]) -> str:
    """A generic role name ("The new owner (…)", "The executive sponsor") as it reads inside a sentence."""
    if any(name.startswith(g) for g in generic if g):
        return name[:1].lower() + name[1:]
    return name


def pilot_size(data: PilotData, answers: Mapping[str, Any], lang: str) -> tuple[str, str]:
    """The group's size as text and "at least half" of it: the answered size, else a range by employees."""
    size = answers.get("ambassadors.size")
    if isinstance(size, (int, float)) and not isinstance(size, bool) and size > 0:
        return format_number(size, lang), format_number(math.ceil(size / 2), lang)
    employees = answers.get("context.employees")
    count = employees if isinstance(employees, (int, float)) and not isinstance(employees, bool) else 500
    text = next((s.text.get(lang) for s in data.sizes if count < s.below), data.sizes[-1].text.get(lang))
    return text, data.half.get(lang)


def _apposition(name: str) -> str:
    """A name with its role after a comma ("Mette Holm, HR partner") closes the apposition with a comma."""
    return f"{name}," if "," in name else name


def _fill(text: LocalText, lang: str, values: Mapping[str, str]) -> str:
    out = text.get(lang).format_map(values)
    return out.replace(",,", ",").replace(",.", ".").replace(",:", ":")


def build_programme(bank: Bank, answers: Mapping[str, Any], roadmap: Roadmap, facts: Facts, lang: str,
                    kpis: tuple[Any, ...], capacity: str) -> Programme:
    """The four programme parts for one plan, in one language."""
    programme, starters = load_programme()
    generic = {bank.rules.owner_fallback.get(lang), bank.rules.sponsor.get(lang) if bank.rules.sponsor else ""}
    owner, sponsor = roadmap.owner, roadmap.sponsor
    names = {"owner": _apposition(owner), "sponsor": _apposition(sponsor),
             "owner_mid": _apposition(_mid(owner, generic)), "sponsor_mid": _apposition(_mid(sponsor, generic))}
    holidays = bank.meta.holidays
    pilot_phase = roadmap.phase("pilot") or roadmap.phases[0]
    actions = {a.id: a for a in roadmap.actions}

    # the pilot
    p = programme.pilot
    size, half = pilot_size(p, answers, lang)
    values = {**names, "size": size, "half": half}
    kickoff_on = pilot_phase.start
    midpoint_on = avoid_holidays(holidays, pilot_phase.start + (pilot_phase.end - pilot_phase.start) / 2)[0]
    decision_on = actions["pilot_evaluation"].start if "pilot_evaluation" in actions else pilot_phase.end
    pilot = PilotDesign(
        title=p.title.get(lang), intro=p.intro.get(lang), size=size, selection_title=p.selection_title.get(lang),
        selection=tuple(_fill(s.text, lang, values) for s in p.selection if holds(bank, s.when, facts)),
        kickoff_on=kickoff_on, kickoff_title=_fill(p.kickoff_title, lang, {"date": format_date(kickoff_on, lang)}),
        kickoff=tuple(k.get(lang) for k in p.kickoff), threshold_title=p.threshold_title.get(lang),
        threshold_intro=p.threshold_intro.get(lang),
        thresholds=tuple(_fill(s.text, lang, values) for s in p.thresholds if holds(bank, s.when, facts)),
        midpoint_on=midpoint_on, midpoint_title=_fill(p.midpoint_title, lang, {"date": format_date(midpoint_on, lang)}),
        midpoint=_fill(p.midpoint, lang, values), decision_on=decision_on,
        decision_title=_fill(p.decision_title, lang, {"date": format_date(decision_on, lang)}),
        decision=_fill(p.decision, lang, values))

    # starter content
    s = starters
    ideas = tuple(i.text.get(lang) for i in s.ideas if holds(bank, i.when, facts))[:s.max_ideas]
    weeks = []
    per_week = max(1, min(3, len(ideas) // max(1, len(s.weeks))))
    for n, theme in enumerate(s.weeks):
        begin = kickoff_on + dt.timedelta(weeks=n)
        weeks.append(CalendarWeek(_fill(s.week_label, lang, {"n": str(n + 1)}), begin, theme.get(lang),
                                  ideas[n::len(s.weeks)][:per_week]))
    content = StarterContent(
        title=s.title.get(lang), intro=s.intro.get(lang), ideas_title=s.ideas_title.get(lang), ideas=ideas,
        stories_title=s.stories_title.get(lang), stories=tuple(x.get(lang) for x in s.stories),
        calendar_title=s.calendar_title.get(lang), calendar_intro=s.calendar_intro.get(lang),
        columns=(s.col_week.get(lang), s.col_from.get(lang), s.col_theme.get(lang), s.col_ideas.get(lang)),
        weeks=tuple(weeks), capacity=capacity)

    # measurement
    m = programme.measurement
    baseline_by = kickoff_on - dt.timedelta(days=1)
    first_report = actions["monthly_results"].start if "monthly_results" in actions else \
        avoid_holidays(holidays, kickoff_on + dt.timedelta(weeks=4))[0]
    rows = tuple(MeasurementRow(k.id, k.name, m.where[k.id].get(lang) if k.id in m.where else k.how, owner, k.target)
                 for k in kpis)
    measurement = MeasurementPlan(
        title=m.title.get(lang), intro=m.intro.get(lang),
        columns=(m.col_kpi.get(lang), m.col_where.get(lang), m.col_who.get(lang),
                 _fill(m.col_baseline, lang, {"date": format_date(baseline_by, lang)}), m.col_target.get(lang)),
        baseline_by=baseline_by, rows=rows, first_report=first_report, report_title=m.report_title.get(lang),
        report=_fill(m.report, lang, {**names, "date": format_date(first_report, lang)}),
        template_title=m.template_title.get(lang), template=tuple(x.get(lang) for x in m.template))

    # governance
    g = programme.governance
    turn = g.turnaround
    turnaround = None
    if holds(bank, turn.when, facts):
        turnaround = Turnaround(turn.title.get(lang), turn.intro.get(lang),
                                tuple(_fill(x, lang, names) for x in turn.points))
    governance = Governance(
        title=g.title.get(lang), intro=g.intro.get(lang), owner=owner, sponsor=sponsor,
        roles=(_fill(g.owner_role, lang, names), _fill(g.sponsor_role, lang, names)),
        council_title=g.council_title.get(lang), council=tuple(x.get(lang) for x in g.council),
        managers_title=g.managers_title.get(lang), managers=tuple(_fill(x, lang, names) for x in g.managers),
        turnaround=turnaround)
    return Programme(pilot, content, measurement, governance)
