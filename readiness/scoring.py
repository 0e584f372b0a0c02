"""Scoring: transparent, explainable readiness scores from answers.

- A section's score is the weighted mean of its scored questions' values (0-4), scaled to
  0-100. "Don't know" and unanswered questions count as 0 and are listed separately
  (``unknown`` and ``missing``) as knowledge gaps.
- The overall score is the weighted mean of the planning sections' scores.
- The level is the highest level whose ``min_score`` the overall score reaches, capped by any
  blocker that fires. Red flags lower nothing; they are reported and drive roadmap actions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from .answers import AnswerValue
from .bank import SCALE_MAX, Bank, Finding, Level
from .conditions import Facts, Trigger, evaluate
from .i18n import format_date, format_number, t, tn


@dataclasses.dataclass(frozen=True)
class ExplanationItem:
    """How one scored question fed into its section's score."""

    question: str
    text: str
    answer: str
    value: int | None
    weight: float
    status: str  # "answered", "unknown" or "missing"

    @property
    def points(self) -> float:
        return (self.value or 0) * self.weight

    @property
    def max_points(self) -> float:
        return SCALE_MAX * self.weight


@dataclasses.dataclass(frozen=True)
class Explanation:
    text: str
    items: tuple[ExplanationItem, ...]


@dataclasses.dataclass(frozen=True)
class SectionScore:
    id: str
    title: str
    short: str
    score: float
    weight: float
    explanation: Explanation

    @property
    def answered(self) -> int:
        return sum(1 for i in self.explanation.items if i.status == "answered")


@dataclasses.dataclass(frozen=True)
class LevelInfo:
    id: str
    name: str
    meaning: str
    min_score: float


@dataclasses.dataclass(frozen=True)
class FindingResult:
    """A blocker or red flag that fired, with what made it fire."""

    id: str
    message: str
    triggers: tuple[Trigger, ...]
    source: str | None = None
    caps_level: str | None = None
    order: int = 5  # voluntariness and legal findings come first (0)


@dataclasses.dataclass(frozen=True)
class ScoreResult:
    lang: str
    overall: float
    level: LevelInfo
    uncapped_level: LevelInfo
    sections: tuple[SectionScore, ...]
    blockers: tuple[FindingResult, ...]
    red_flags: tuple[FindingResult, ...]
    unknown: tuple[str, ...]
    missing: tuple[str, ...]
    flagged_sections: tuple[str, ...] = ()  # sections a blocker or red flag was triggered from

    @property
    def capped(self) -> bool:
        return self.level.id != self.uncapped_level.id

    @property
    def section_scores(self) -> dict[str, float]:
        return {s.id: s.score for s in self.sections}

    def strengths(self, n: int = 3) -> tuple[SectionScore, ...]:
        """The ``n`` highest-scoring sections a blocker or red flag did not come from and that score
        above zero, none of them also among the gaps (ties keep the bank's order)."""
        weakest = {s.id for s in self.gaps(n)}
        return tuple(sorted((s for s in self.sections if s.id not in self.flagged_sections and s.score > 0
                             and s.id not in weakest),
                            key=lambda s: -s.score)[:n])

    def gaps(self, n: int = 3) -> tuple[SectionScore, ...]:
        """The ``n`` lowest-scoring sections (ties keep the bank's order)."""
        return tuple(sorted(self.sections, key=lambda s: s.score)[:n])

    def to_json(self) -> dict[str, Any]:
        """The ``score --json`` shape of DESIGN.md (plus a few extra, additive fields)."""
        return {
            "overall": self.overall,
            "level": _level_json(self.level),
            "uncapped_level": _level_json(self.uncapped_level),
            "capped_by_blocker": self.capped,
            "sections": [{
                "id": s.id, "title": s.title, "score": s.score, "weight": s.weight,
                "explanation": {"text": s.explanation.text, "items": [{
                    "question": i.question, "text": i.text, "answer": i.answer, "value": i.value,
                    "weight": i.weight, "status": i.status} for i in s.explanation.items]},
            } for s in self.sections],
            "blockers": [_finding_json(b) for b in self.blockers],
            "red_flags": [_finding_json(r) for r in self.red_flags],
            "unknown": list(self.unknown),
            "missing": list(self.missing),
        }


def _level_json(level: LevelInfo) -> dict[str, Any]:
    return {"id": level.id, "name": level.name, "meaning": level.meaning, "min_score": level.min_score}


def _finding_json(f: FindingResult) -> dict[str, Any]:
    out: dict[str, Any] = {"id": f.id, "message": f.message,
                           "triggered_by": [t.question or t.section or "overall" for t in f.triggers]}
    if f.source:
        out["source"] = f.source
    if f.caps_level:
        out["caps_level"] = f.caps_level
    return out


def _level_info(level: Level, lang: str) -> LevelInfo:
    return LevelInfo(level.id, level.name.get(lang), level.meaning.get(lang), level.min_score)


def level_for(bank: Bank, score: float) -> Level:
    """The highest level whose ``min_score`` the score reaches."""
    chosen = bank.meta.levels[0]
    for level in bank.meta.levels:
        if score >= level.min_score:
            chosen = level
    return chosen


def answer_label(bank: Bank, question_id: str, value: AnswerValue | None, lang: str) -> str:
    """An answer as a person reads it: option labels, numbers and dates formatted for ``lang``."""
    question = bank.questions[question_id]
    if value is None:
        return t("answer.not_answered", lang)
    if question.kind in ("single", "scale") and isinstance(value, str):
        option = bank.option(question, value)
        return option.label.get(lang) if option else value
    if question.kind == "multi" and isinstance(value, list):
        labels = []
        for v in value:
            option = bank.option(question, v)
            labels.append(option.label.get(lang) if option else v)
        return ", ".join(labels)
    if question.kind == "number" and isinstance(value, (int, float)):
        return format_number(value, lang, 0 if float(value).is_integer() else 1)
    if question.kind == "date" and isinstance(value, str):
        return format_date(dt.date.fromisoformat(value), lang)
    return str(value)


def _round(value: float) -> float:
    return round(value + 0.0, 1)


def score_section(bank: Bank, section_id: str, answers: Mapping[str, AnswerValue], lang: str) -> SectionScore:
    """One section's score with its explanation."""
    section = bank.section_by_id[section_id]
    items: list[ExplanationItem] = []
    for q in section.scored_questions:
        value = answers.get(q.id)
        option = bank.option(q, value) if isinstance(value, str) else None
        if option is None:
            status, points = "missing", None
        elif getattr(option, "dont_know", False) or option.value is None:
            status, points = "unknown", None
        else:
            status, points = "answered", option.value
        items.append(ExplanationItem(q.id, q.text.get(lang), answer_label(bank, q.id, value, lang), points,
                                     q.weight, status))
    got = sum(i.points for i in items)
    possible = sum(i.max_points for i in items)
    score = _round(100 * got / possible) if possible else 0.0
    unknown = sum(1 for i in items if i.status == "unknown")
    missing = sum(1 for i in items if i.status == "missing")
    text = tn("score.explanation", len(items), lang, got=format_number(got, lang, 1),
             possible=format_number(possible, lang, 1), score=format_number(score, lang))
    if unknown or missing:
        text += " " + t("score.explanation_gaps", lang, unknown=unknown, missing=missing)
    return SectionScore(section.id, section.title.get(lang), section.short.get(lang), score, section.weight,
                        Explanation(text, tuple(items)))


def _findings(bank: Bank, rules: tuple[Finding, ...], facts: Facts, lang: str) -> tuple[FindingResult, ...]:
    out = []
    for rule in rules:
        ok, triggers = evaluate(bank, rule.when, facts)
        if ok:
            out.append(FindingResult(rule.id, rule.message.get(lang), triggers, rule.source,
                                     getattr(rule, "caps_level", None), rule.order))
    return tuple(sorted(out, key=lambda f: f.order))


def flagged_sections(bank: Bank, findings: tuple[FindingResult, ...]) -> tuple[str, ...]:
    """The planning sections whose answers fired a finding, in the bank's order."""
    hit = set()
    for f in findings:
        for tr in f.triggers:
            if tr.question and tr.question in bank.section_of:
                hit.add(bank.section_of[tr.question].id)
            elif tr.section:
                hit.add(tr.section)
    return tuple(s.id for s in bank.planning_sections if s.id in hit)


def score(bank: Bank, answers: Mapping[str, AnswerValue], lang: str = "da") -> ScoreResult:
    """Score a set of answers (see the module docstring for the method)."""
    sections = tuple(score_section(bank, s.id, answers, lang) for s in bank.planning_sections)
    weight = sum(s.weight for s in sections)
    overall = _round(sum(s.score * s.weight for s in sections) / weight) if weight else 0.0
    facts = Facts(answers=answers, section_scores={s.id: s.score for s in sections}, overall=overall)
    blockers = _findings(bank, bank.rules.blockers, facts, lang)
    red_flags = _findings(bank, bank.rules.red_flags, facts, lang)
    uncapped = level_for(bank, overall)
    order = [lv.id for lv in bank.meta.levels]
    level = uncapped
    for b in blockers:
        if b.caps_level and order.index(b.caps_level) < order.index(level.id):
            level = bank.level_by_id[b.caps_level]
    unknown = tuple(i.question for s in sections for i in s.explanation.items if i.status == "unknown")
    missing = tuple(i.question for s in sections for i in s.explanation.items if i.status == "missing")
    return ScoreResult(lang, overall, _level_info(level, lang), _level_info(uncapped, lang), sections, blockers,
                       red_flags, unknown, missing, flagged_sections(bank, blockers + red_flags))
