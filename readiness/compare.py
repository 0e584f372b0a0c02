"""Comparing two assessments of one organisation: then → now, what changed and what to do next.

The one :class:`Comparison` serves the app's compare page, the PDF's progress page and
``python -m readiness compare``. Scores are the ones ``score`` gives, with one exception: when
the earlier file was answered on another bank version, scored questions it left unanswered are
taken as questions that bank did not have, and are not counted against the earlier score.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from .answers import Assessment
from .bank import Bank
from .roadmap import Roadmap, RoadmapAction, build_roadmap
from .scoring import ScoreResult, _level_info, level_for, score

OPEN = ("todo", "doing")


@dataclasses.dataclass(frozen=True)
class Side:
    saved_at: str | None
    overall: float
    level_id: str
    level_name: str
    result: ScoreResult


@dataclasses.dataclass(frozen=True)
class SectionDelta:
    id: str
    title: str
    earlier: float
    later: float

    @property
    def delta(self) -> float:
        return round(self.later - self.earlier, 1)


@dataclasses.dataclass(frozen=True)
class Change:
    """Findings (blockers or red flags) resolved, new and remaining, as ids in the bank's order."""

    resolved: tuple[str, ...]
    new: tuple[str, ...]
    remaining: tuple[str, ...]

    def to_json(self) -> dict[str, list[str]]:
        return {"resolved": list(self.resolved), "new": list(self.new), "remaining": list(self.remaining)}


@dataclasses.dataclass(frozen=True)
class Comparison:
    lang: str
    earlier: Side
    later: Side
    sections: tuple[SectionDelta, ...]
    blockers: Change
    red_flags: Change
    gaps_closed: tuple[str, ...]  # question ids unknown or missing then, answered now
    counts: dict[str, int]
    overdue: tuple[RoadmapAction, ...]
    next_steps: tuple[RoadmapAction, ...]
    as_of: dt.date
    messages: dict[str, str]  # finding id → its message, in ``lang``

    @property
    def overall_delta(self) -> float:
        return round(self.later.overall - self.earlier.overall, 1)

    @property
    def changed(self) -> bool:
        return bool(self.overall_delta or any(s.delta for s in self.sections) or self.blockers.resolved
                    or self.blockers.new or self.red_flags.resolved or self.red_flags.new)

    def to_json(self) -> dict[str, Any]:
        """The ``compare --json`` shape of DESIGN.md."""
        def side(s: Side) -> dict[str, Any]:
            return {"saved_at": s.saved_at, "overall": s.overall, "level": s.level_id}

        return {
            "earlier": side(self.earlier), "later": side(self.later), "overall_delta": self.overall_delta,
            "sections": [{"id": s.id, "earlier": s.earlier, "later": s.later, "delta": s.delta}
                         for s in self.sections],
            "blockers": self.blockers.to_json(), "red_flags": self.red_flags.to_json(),
            "knowledge_gaps_closed": list(self.gaps_closed),
            "roadmap": {**self.counts, "overdue": [a.id for a in self.overdue]},
            "next_steps": [a.id for a in self.next_steps],
        }


def _change(earlier: tuple[str, ...], later: tuple[str, ...]) -> Change:
    return Change(tuple(i for i in earlier if i not in later), tuple(i for i in later if i not in earlier),
                  tuple(i for i in later if i in earlier))


def _earlier_score(bank: Bank, earlier: Assessment, lang: str) -> tuple[ScoreResult, float, str, str]:
    """The earlier score and its capped level, without questions its bank version lacked."""
    result = score(bank, earlier.answers, lang)
    lacked = bank.lacked_by(earlier.bank_version)
    if not lacked:
        return result, result.overall, result.level.id, result.level.name
    sections = {}
    for s in result.sections:
        items = [i for i in s.explanation.items if not (i.status == "missing" and i.question in lacked)]
        possible = sum(i.max_points for i in items)
        sections[s.id] = round(100 * sum(i.points for i in items) / possible, 1) if possible else 0.0
    weight = sum(s.weight for s in result.sections)
    overall = round(sum(sections[s.id] * s.weight for s in result.sections) / weight, 1) if weight else 0.0
    order = [lv.id for lv in bank.meta.levels]
    level = level_for(bank, overall)
    for b in result.blockers:
        if b.caps_level and order.index(b.caps_level) < order.index(level.id):
            level = bank.level_by_id[b.caps_level]
    adjusted = dataclasses.replace(result, overall=overall, level=_level_info(level, lang), sections=tuple(
        dataclasses.replace(s, score=sections[s.id]) for s in result.sections))
    return adjusted, overall, level.id, adjusted.level.name


def as_of_day(later: Assessment, as_of: dt.date | None = None) -> dt.date:
    """The day overdue is judged on: ``as_of``, else the later file's ``saved_at``, else today."""
    if as_of is not None:
        return as_of
    if later.saved_at:
        try:
            return dt.date.fromisoformat(later.saved_at[:10])
        except ValueError:
            pass
    return dt.date.today()


def compare(bank: Bank, earlier: Assessment, later: Assessment, lang: str | None = None,
            as_of: dt.date | None = None, later_roadmap: Roadmap | None = None) -> Comparison:
    """What changed from ``earlier`` to ``later``; the roadmap's progress is the later one's."""
    lang = lang or later.language
    day = as_of_day(later, as_of)
    early, early_overall, early_level, early_name = _earlier_score(bank, earlier, lang)
    late = score(bank, later.answers, lang)
    sections = tuple(SectionDelta(b.id, b.title, a.score, b.score) for a, b in zip(early.sections, late.sections,
                                                                                   strict=True))
    roadmap = later_roadmap or build_roadmap(bank, later, lang, today=day, result=late)
    counts = {s: 0 for s in ("todo", "doing", "done", "dropped")}
    for a in roadmap.actions:
        counts[a.status] += 1
    # Actions done earlier that no longer fire (their cause is gone) still count as done.
    present = {a.id for a in roadmap.actions}
    earlier_done = {a.id for a in build_roadmap(bank, earlier, lang, today=day, result=early).actions
                    if a.status == "done"}
    if later.predecessor is not None:
        earlier_done |= {aid for aid, s in later.predecessor.statuses.items() if s == "done"}
    counts["done"] += len(earlier_done - present)
    overdue = tuple(sorted((a for a in roadmap.actions if a.status in OPEN and a.end < day),
                           key=lambda a: (a.end, a.id)))
    next_steps = tuple(sorted((a for a in roadmap.actions if a.status in OPEN and a.end >= day),
                              key=lambda a: (a.priority, a.start, a.id)))[:5]
    then_gaps = set(early.unknown) | set(early.missing)
    now_gaps = set(late.unknown) | set(late.missing)
    gaps_closed = tuple(q for q in bank.questions if q in then_gaps and q not in now_gaps)
    messages = {f.id: f.message for f in (*early.blockers, *early.red_flags, *late.blockers, *late.red_flags)}
    return Comparison(
        lang=lang,
        earlier=Side(earlier.saved_at or None, early_overall, early_level, early_name, early),
        later=Side(later.saved_at or None, late.overall, late.level.id, late.level.name, late),
        sections=sections,
        blockers=_change(tuple(b.id for b in early.blockers), tuple(b.id for b in late.blockers)),
        red_flags=_change(tuple(r.id for r in early.red_flags), tuple(r.id for r in late.red_flags)),
        gaps_closed=gaps_closed, counts=counts, overdue=overdue, next_steps=next_steps, as_of=day,
        messages=messages)


def earlier_of(later: Assessment) -> Assessment | None:
    """The earlier assessment as the follow-up remembers it (its ``predecessor``), or None."""
    pre = later.predecessor
    if pre is None:
        return None
    return Assessment(answers=dict(pre.answers), language=later.language, organisation=later.organisation,
                      bank_version=pre.bank_version, saved_at=pre.saved_at)
