"""Content rules beyond the schema: what makes a bank a good assessment, not just a valid file."""

from __future__ import annotations

from .bank import Bank

MIN_ITEMS, MAX_ITEMS = 3, 6


def lint_bank(bank: Bank) -> list[str]:
    """Problems with the bank's content, one line each (empty when all is well)."""
    problems = []
    for s in bank.planning_sections:
        n = len(s.scored_questions)
        if not MIN_ITEMS <= n <= MAX_ITEMS:
            problems.append(f"{s.id}: has {n} scored items, expected {MIN_ITEMS}-{MAX_ITEMS}")
        if not any(q.decision for q in s.questions):
            problems.append(f"{s.id}: has no decision question (decision: true)")
        if s.planning_question is None:
            problems.append(f"{s.id}: planning_question: missing")
    if not any(s.id == "context" for s in bank.sections):
        problems.append("context: the bank has no context section")
    for level in bank.meta.levels:
        if level.min_score > 100:
            problems.append(f"levels.{level.id}: min_score above 100")
    if not any(st.dont_know for st in bank.meta.scale.steps):
        problems.append("bank.yaml: scale: needs a \"don't know\" step")
    return problems
