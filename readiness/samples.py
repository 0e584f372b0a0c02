"""Sample answer sets: the best and the worst possible, and random ones (tests, benchmarks, demos)."""

from __future__ import annotations

import random
from typing import Any

from .answers import AnswerValue
from .bank import Bank, Question

#: Decisions that make a sound programme (used for the "best answers" set).
GOOD_DECISIONS: dict[str, AnswerValue] = {
    "context.sector": "private",
    "context.employees": 120,
    "context.goals": ["employer_branding", "recruitment"],
    "context.start_date": "2027-01-04",
    "ownership.function": "communication",
    "ownership.named_person": "yes",
    "ownership.hours": 6,
    "platforms.start": ["linkedin"],
    "platforms.employees_are": ["linkedin", "facebook"],
    "platforms.audience_is": ["linkedin"],
    "ambassadors.model": "pilot_team",
    "ambassadors.size": 15,
    "ambassadors.joining": "volunteer",
    "ambassadors.leaders": "yes",
    "training.format": ["guide", "workshop"],
    "training.topics": ["profile", "writing", "what_to_share", "confidentiality"],
    "training.policy": "positive",
    "motivation.motivators": ["recognition", "impact", "leaders"],
    "motivation.participation": "voluntary",
    "motivation.work_time": "yes",
    "motivation.per_person_tracking": "no",
    "content.freedom": "inspiration",
    "content.sources": ["job_posts", "company_news", "insights"],
    "cadence.frequency": "biweekly",
    "cadence.channel": ["chat"],
}


def _scored_extreme(bank: Bank, q: Question, best: bool) -> str:
    options = [o for o in bank.options_of(q) if o.value is not None and not o.dont_know]
    pick = max if best else min
    return pick(options, key=lambda o: o.value).id


def best_answers(bank: Bank) -> dict[str, AnswerValue]:
    """Every scored item at its best, and sound decisions everywhere."""
    answers: dict[str, AnswerValue] = {}
    for q in bank.questions.values():
        if q.is_scored:
            answers[q.id] = _scored_extreme(bank, q, best=True)
        elif q.id in GOOD_DECISIONS:
            answers[q.id] = GOOD_DECISIONS[q.id]
    return answers


def worst_answers(bank: Bank) -> dict[str, AnswerValue]:
    """Every scored item at its lowest value; decisions left open."""
    return {q.id: _scored_extreme(bank, q, best=False) for q in bank.questions.values() if q.is_scored}


def random_answer(bank: Bank, q: Question, rng: random.Random) -> AnswerValue | None:
    """A valid random answer to one question (None: leave it unanswered)."""
    if rng.random() < 0.08:
        return None
    if q.kind in ("single", "scale"):
        return rng.choice(bank.options_of(q)).id
    if q.kind == "multi":
        ids = [o.id for o in q.options]
        return sorted(rng.sample(ids, rng.randint(1, len(ids))), key=ids.index)
    if q.kind == "number":
        low, high = int(q.min if q.min is not None else 0), int(q.max if q.max is not None else 1000)
        return rng.choice([low, high, rng.randint(low, min(high, 5000)), rng.randint(low, high)])
    if q.kind == "date":
        return f"20{rng.randint(26, 29)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return rng.choice(["", "Eksempel", "Kolleger i Aarhus & København", "x" * 50]) or None


def random_answers(bank: Bank, rng: random.Random) -> dict[str, Any]:
    """A random but valid answer set, with some questions left unanswered."""
    out = {}
    for q in bank.questions.values():
        value = random_answer(bank, q, rng)
        if value is not None:
            out[q.id] = value
    return out
