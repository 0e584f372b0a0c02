"""Evaluation of the bank's data-only conditions (blockers, red flags, roadmap rules, policy).

A condition holds or not; when it holds, :func:`evaluate` also says which answers, gaps or
scores made it hold, so every finding and action can show why it is there.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from .answers import AnswerValue
from .bank import Bank, Condition


@dataclasses.dataclass(frozen=True)
class Trigger:
    """One fact that made a condition hold: a question's answer (or gap) or a score."""

    question: str | None = None
    section: str | None = None
    overall: bool = False
    gap: str | None = None  # "unknown" or "missing" when the trigger is a knowledge gap

    def key(self) -> tuple[str, str]:
        return ("q", self.question) if self.question else ("s", self.section or "overall")


@dataclasses.dataclass(frozen=True)
class Facts:
    """What conditions look at: the answers and, once scored, the section and overall scores."""

    answers: Mapping[str, AnswerValue]
    section_scores: Mapping[str, float] = dataclasses.field(default_factory=dict)
    overall: float | None = None


def _compare(c: Condition, value: float) -> bool:
    return ((c.lt is None or value < c.lt) and (c.lte is None or value <= c.lte)
            and (c.gt is None or value > c.gt) and (c.gte is None or value >= c.gte))


def _has_compare(c: Condition) -> bool:
    return any(v is not None for v in (c.lt, c.lte, c.gt, c.gte))


def _answer_holds(bank: Bank, c: Condition, facts: Facts) -> tuple[bool, str | None]:
    qid = c.answer
    assert qid is not None
    question = bank.questions[qid]
    value = facts.answers.get(qid)
    missing = value is None
    option = bank.option(question, value) if isinstance(value, str) and question.kind in ("single", "scale") else None
    unknown = bool(option is not None and getattr(option, "dont_know", False))
    gap = "missing" if missing else ("unknown" if unknown else None)
    if c.missing is not None and c.missing != missing:
        return False, gap
    if c.unknown is not None and c.unknown != unknown:
        return False, gap
    if c.answered is not None and c.answered != (not missing):
        return False, gap
    needs_value = any(getattr(c, n) is not None for n in ("is_", "in_", "includes", "includes_any", "count_gte",
                                                           "shares_none_with")) or _has_compare(c)
    if not needs_value:
        return True, gap
    if missing:
        return False, gap
    if c.is_ is not None and value != c.is_:
        return False, gap
    if c.in_ is not None and value not in c.in_:
        return False, gap
    chosen = set(value) if isinstance(value, list) else set()
    if c.includes is not None and c.includes not in chosen:
        return False, gap
    if c.includes_any is not None and not chosen & set(c.includes_any):
        return False, gap
    if c.count_gte is not None and len(chosen) < c.count_gte:
        return False, gap
    if c.shares_none_with is not None:
        other = facts.answers.get(c.shares_none_with)
        if not isinstance(other, list) or not other or not chosen or chosen & set(other):
            return False, gap
    if _has_compare(c):
        if question.kind == "number":
            number = value if isinstance(value, (int, float)) else None
        else:
            number = getattr(option, "value", None)
        if number is None or not _compare(c, float(number)):
            return False, gap
    return True, gap


def evaluate(bank: Bank, c: Condition, facts: Facts) -> tuple[bool, tuple[Trigger, ...]]:
    """Whether ``c`` holds for ``facts``, and the triggers that made it hold."""
    if c.always:
        return True, ()
    if c.all is not None:
        triggers: list[Trigger] = []
        for sub in c.all:
            ok, t = evaluate(bank, sub, facts)
            if not ok:
                return False, ()
            triggers.extend(t)
        return True, _unique(triggers)
    if c.any is not None:
        triggers = []
        hit = False
        for sub in c.any:
            ok, t = evaluate(bank, sub, facts)
            if ok:
                hit = True
                triggers.extend(t)
        return hit, _unique(triggers) if hit else ()
    if c.not_ is not None:
        ok, _ = evaluate(bank, c.not_, facts)
        return (not ok), ()
    if c.section is not None:
        score = facts.section_scores.get(c.section)
        return (score is not None and _compare(c, score)), (Trigger(section=c.section),)
    if c.overall:
        return (facts.overall is not None and _compare(c, facts.overall)), (Trigger(overall=True),)
    ok, gap = _answer_holds(bank, c, facts)
    return ok, ((Trigger(question=c.answer, gap=gap),) if ok else ())


def holds(bank: Bank, c: Condition | None, facts: Facts) -> bool:
    """Whether an optional condition holds (no condition always holds)."""
    return c is None or evaluate(bank, c, facts)[0]


def _unique(triggers: list[Trigger]) -> tuple[Trigger, ...]:
    seen: dict[tuple[str, str], Trigger] = {}
    for t in triggers:
        seen.setdefault(t.key(), t)
    return tuple(seen.values())
