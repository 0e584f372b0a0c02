"""The programme content (questions/effort.yaml, programme.yaml, starters.yaml): valid, and every
condition names a real question and real options."""

from __future__ import annotations

from readiness.bank import Condition
from readiness.effort import load_effort
from readiness.programme import load_programme


def _conditions(model):
    if isinstance(model, Condition):
        yield model
        for child in (*(model.all or ()), *(model.any or ()), *((model.not_,) if model.not_ else ())):
            yield from _conditions(child)
        return
    if isinstance(model, (tuple, list)):
        for item in model:
            yield from _conditions(item)
        return
    if isinstance(model, dict):
        for item in model.values():
            yield from _conditions(item)
        return
    fields = getattr(type(model), "model_fields", None)
    if fields:
        for name in fields:
            yield from _conditions(getattr(model, name))


def test_every_condition_names_a_real_question_and_options(bank):
    programme, starters = load_programme()
    conditions = [c for c in (*_conditions(programme), *_conditions(starters)) if c.answer]
    assert len(conditions) >= 15
    for c in conditions:
        question = bank.questions.get(c.answer)
        assert question is not None, c.answer
        for option in (c.is_, c.includes, *(c.in_ or ()), *(c.includes_any or ())):
            if option is not None:
                assert bank.option(question, option) is not None, (c.answer, option)


def test_the_estimates_and_the_programme_texts_load_in_every_language(bank):
    effort = load_effort()
    programme, starters = load_programme()
    for lang in bank.meta.languages:
        assert effort.title.get(lang) and programme.pilot.title.get(lang) and starters.title.get(lang)
    assert len(starters.ideas) >= 20 and len(starters.weeks) == 4
    assert len(programme.pilot.kickoff) >= 5 and programme.governance.turnaround.points
