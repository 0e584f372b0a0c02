"""The plan as a whole: everything the results page and the PDF show, built from one assessment.

:func:`build_plan` bundles the score, the roadmap, the seven decisions as made, the KPIs to
track, the policy outline filled in from the decisions, and the cited facts and guardrails, all
in one language. Faces (pages, PDF, CLI) render it; none of them computes anything itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any

from .answers import Assessment
from .bank import Bank
from .conditions import Facts, holds
from .effort import EffortPlan, effort_plan
from .i18n import format_number, t
from .programme import Programme, build_programme
from .roadmap import Roadmap, build_roadmap
from .scoring import FindingResult, ScoreResult, answer_label, score


@dataclasses.dataclass(frozen=True)
class Decision:
    section: str
    section_title: str
    planning_question: str
    question: str
    text: str
    answer: str
    decided: bool


@dataclasses.dataclass(frozen=True)
class CitedFact:
    id: str
    figure: str
    text: str
    source: str
    note: str


@dataclasses.dataclass(frozen=True)
class Guardrail:
    id: str
    title: str
    text: str
    source: str


@dataclasses.dataclass(frozen=True)
class KpiLine:
    id: str
    name: str
    how: str
    target: str
    source: str


@dataclasses.dataclass(frozen=True)
class PolicyPart:
    id: str
    title: str
    points: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Plan:
    lang: str
    organisation: str
    title: str
    score: ScoreResult
    roadmap: Roadmap
    decisions: tuple[Decision, ...]
    kpis: tuple[KpiLine, ...]
    policy_title: str
    policy_intro: str
    policy: tuple[PolicyPart, ...]
    facts: tuple[CitedFact, ...]
    guardrails_disclaimer: str
    guardrails: tuple[Guardrail, ...]
    level_text: str = ""  # the level's meaning, or (capped) which blocker holds it down
    content_capacity: str = ""  # how much content the pilot group needs, checked against the pipeline
    pulse: Any = None  # the employee pulse's summary (readiness.pulse.PulseView), when the answers carry one
    effort: EffortPlan | None = None  # hours and costs: the product's estimates, not cited facts
    programme: Programme | None = None  # the pilot design, starter content, measurement and governance


#: DSMN8's 2026 benchmark: about 3.5 pieces of content a week per 100 users.
PIECES_PER_100_A_WEEK = 3.5


def content_capacity(bank: Bank, answers: Mapping[str, Any], lang: str) -> str:
    """The content a pilot group of the answered size needs a week and at launch, and whether the
    answers say it is coming through; "" when the size is not answered."""
    size = answers.get("ambassadors.size")
    if not isinstance(size, (int, float)) or isinstance(size, bool) or size <= 0:
        return ""
    per_week = max(1, math.ceil(PIECES_PER_100_A_WEEK * size / 100))
    text = t("plan.capacity", lang, size=format_number(size, lang), per_week=format_number(per_week, lang))
    pipeline = answers.get("content.pipeline")
    question = bank.questions.get("content.pipeline")
    option = bank.option(question, pipeline) if question and isinstance(pipeline, str) else None
    if option is None or option.value is None or option.value <= 2:
        text += " " + t("plan.capacity_short", lang)
    return text


def level_text(result: ScoreResult, lang: str) -> str:
    """What the level means here: its meaning, or when a blocker caps it, the blocker that does."""
    if not result.capped or not result.blockers:
        return result.level.meaning
    capping = [b for b in result.blockers if b.caps_level] or list(result.blockers)
    first = re.split(r"(?<=[.!?])\s+", capping[0].message, maxsplit=1)[0]
    return t("plan.level_capped", lang, score_level=result.uncapped_level.name, level=result.level.name,
             blocker=first)


def source_name(bank: Bank, source_id: str | None, lang: str) -> str:
    """A source as cited: its name, plus its detail (year, sample) when the bank has one."""
    if not source_id:
        return ""
    src = bank.sources.get(source_id)
    if src is None:
        return source_id
    return f"{src.name}, {src.detail.get(lang)}" if src.detail else src.name


def summary_findings(plan: Plan) -> tuple[FindingResult, ...]:
    """Every blocker, then every red flag, as the summary page shows them: voluntariness and law first."""
    return plan.score.blockers + plan.score.red_flags


def decisions(bank: Bank, assessment: Assessment, lang: str) -> tuple[Decision, ...]:
    """The key decisions of each planning section, as made (or 'not decided yet')."""
    out = []
    for section in bank.planning_sections:
        for q in section.questions:
            if not q.decision:
                continue
            value = assessment.answers.get(q.id)
            undecided = value is None or value in ("undecided", "dont_know")
            answer = t("answer.not_decided", lang) if value is None else answer_label(bank, q.id, value, lang)
            out.append(Decision(section.id, section.title.get(lang),
                                section.planning_question.get(lang) if section.planning_question else "",
                                q.id, q.text.get(lang), answer, not undecided))
    return tuple(out)


def cited_facts(bank: Bank, lang: str) -> tuple[CitedFact, ...]:
    return tuple(CitedFact(f.id, f.figure, f.text.get(lang), source_name(bank, f.source, lang),
                           f.note.get(lang) if f.note else "") for f in bank.facts.facts)


def guardrails(bank: Bank, lang: str) -> tuple[Guardrail, ...]:
    return tuple(Guardrail(g.id, g.title.get(lang), g.text.get(lang), source_name(bank, g.source, lang))
                 for g in bank.guardrails.guardrails)


def kpis(bank: Bank, facts: Facts, lang: str) -> tuple[KpiLine, ...]:
    return tuple(KpiLine(k.id, k.name.get(lang), k.how.get(lang), k.target.get(lang),
                         source_name(bank, k.source, lang))
                 for k in bank.kpis.kpis if holds(bank, k.when, facts))


def policy_outline(bank: Bank, facts: Facts, lang: str) -> tuple[PolicyPart, ...]:
    """The positive policy outline with the points that fit the organisation's decisions."""
    parts = []
    for section in bank.policy.sections:
        points = tuple(p.text.get(lang) for p in section.points if holds(bank, p.when, facts))
        if points:
            parts.append(PolicyPart(section.id, section.title.get(lang), points))
    return tuple(parts)


def build_plan(bank: Bank, assessment: Assessment, lang: str | None = None, start: dt.date | str | None = None,
               today: dt.date | None = None) -> Plan:
    """Everything the results page and the PDF show, for one assessment, in one language."""
    lang = lang or assessment.language
    result = score(bank, assessment.answers, lang)
    roadmap = build_roadmap(bank, assessment, lang, start, today, result)
    facts = Facts(assessment.answers, result.section_scores, result.overall)
    policy, pulse = policy_outline(bank, facts, lang), None
    if assessment.pulse is not None:
        from .pulse import load_pulse, pulse_view, with_pulse_points

        pulse = pulse_view(load_pulse(), assessment.pulse, lang, assessment.answers.get("context.employees"))
        policy = with_pulse_points(bank, load_pulse(), policy, pulse.effects, lang)
    kpi_lines = kpis(bank, facts, lang)
    capacity = content_capacity(bank, assessment.answers, lang)
    return Plan(
        lang=lang, organisation=assessment.organisation, title=bank.meta.title.get(lang), score=result,
        roadmap=roadmap, decisions=decisions(bank, assessment, lang), kpis=kpi_lines,
        policy_title=bank.policy.title.get(lang), policy_intro=bank.policy.intro.get(lang),
        policy=policy, facts=cited_facts(bank, lang),
        guardrails_disclaimer=bank.guardrails.disclaimer.get(lang), guardrails=guardrails(bank, lang),
        level_text=level_text(result, lang), content_capacity=capacity, pulse=pulse,
        effort=effort_plan(roadmap, lang, answers=assessment.answers),
        programme=build_programme(bank, assessment.answers, roadmap, facts, lang, kpi_lines, capacity))
