"""The group page of the PDF: a tie nobody settled says so; it never shows a made-up agreed answer."""

from __future__ import annotations

import datetime as dt

from readiness.store import Response
from readiness.workshop import aggregate, agreed_assessment, group_report, visible_suggestions
from tests.reports.conftest import build, page_texts, squash

FREQUENCY = "cadence.frequency"
FIVE_WAY = ["daily", "weekly", "biweekly", "monthly", "ad_hoc"]


def _group_pdf(bank, report_dir, agreed, name):
    responses = [Response(i + 1, None, True, {FREQUENCY: a, "cadence.calendar": "partly"})
                 for i, a in enumerate(FIVE_WAY)]
    agg = aggregate(bank, responses)
    assessment = agreed_assessment(bank, agreed, organisation="Fjordhavn A/S", language="da",
                                   suggested=visible_suggestions(agg, anonymous=True))
    group = group_report(agg, title="Kick-off", anonymous=True, agreed=agreed, notes={}, date=dt.date(2027, 1, 4))
    return assessment, squash("".join(page_texts(build(bank, assessment, name, report_dir, "da", group=group).data)))


def test_an_unsettled_tie_is_printed_as_a_tie(bank, report_dir):
    assessment, text = _group_pdf(bank, report_dir, {}, "group-tie")
    assert FREQUENCY not in assessment.answers
    assert squash("Ikke afgjort – stemmelighed mellem Hver dag, Hver uge, Hver anden uge, Hver måned") in text


def test_a_tie_the_host_settled_prints_the_agreed_answer(bank, report_dir):
    assessment, text = _group_pdf(bank, report_dir, {FREQUENCY: "biweekly"}, "group-settled")
    assert assessment.answers[FREQUENCY] == "biweekly"
    assert squash("Ikke afgjort") not in text
