"""Anonymity of a workshop (issue 11, finding 3): batches of finished participants, the join limit,
and the per-participant sheets withheld until three have finished."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from readiness.export import response_table, responses_csv, responses_xlsx, sheet_allowed
from readiness.store import Response
from readiness.workshop import (
    ANONYMITY_THRESHOLD,
    JOIN_WINDOW_SECONDS,
    JOINS_PER_ADDRESS,
    counted,
    join_allowed,
    publish_due,
)

LONE = {"ownership.sponsor": "fully", "platforms.start": ["linkedin"], "ownership.hours": 7}


def _people(finished: int, unfinished: int = 0) -> list[Response]:
    return [Response(i + 1, None, i < finished, dict(LONE)) for i in range(finished + unfinished)]


def _sheet_values(data: bytes) -> list[list[list[object]]]:
    wb = load_workbook(io.BytesIO(data))
    return [[[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets]


# -- differencing: batches -------------------------------------------------------------------


def test_the_fourth_finished_moves_nothing_and_the_sixth_does():
    assert not publish_due(2, 0)
    assert publish_due(3, 0)  # the first snapshot: three finished
    assert not publish_due(4, 3) and not publish_due(5, 3)
    assert publish_due(6, 3)
    assert not publish_due(2, 3)  # somebody un-finished: the snapshot stays


def test_only_the_finished_count_until_the_workshop_closes():
    people = _people(2, 3)
    assert [r.participant_id for r in counted(people)] == [1, 2]
    assert len(counted(people, closed=True)) == 5


# -- Sybil: joins per session and per address ------------------------------------------------


def test_a_session_gets_a_participant_but_cannot_fill_the_room():
    assert join_allowed(0, [], 1000.0)
    assert not join_allowed(5, [], 1000.0)


def test_one_address_cannot_fill_the_room_from_private_tabs_but_a_room_behind_one_nat_passes():
    now = 10_000.0
    room = [now - i for i in range(JOINS_PER_ADDRESS - 1)]  # a whole room joined in the last two minutes
    assert join_allowed(0, room, now)  # the next colleague behind the same NAT still gets in
    assert not join_allowed(0, [*room, now], now)  # beyond the generous rate: refused
    old = [now - JOIN_WINDOW_SECONDS - 1 - i for i in range(JOINS_PER_ADDRESS * 2)]
    assert join_allowed(0, old, now)  # joins older than the window no longer count


# -- one-participant export ------------------------------------------------------------------


def test_a_lone_participants_answers_are_not_in_the_anonymous_sheets(bank):
    one = _people(1, 1)
    assert not sheet_allowed(one, anonymous=True)
    headers, rows = response_table(bank, one, lang="en", anonymous=True)
    assert len(rows) == 1 and len(rows[0]) == 1 and "at least 3" in rows[0][0]
    assert "Respondent" in headers
    csv = responses_csv(bank, one, lang="en", anonymous=True).decode("utf-8-sig")
    assert "Fully" not in csv and "7" not in csv.splitlines()[1]
    answers, summary = _sheet_values(responses_xlsx(bank, one, lang="da", anonymous=True, agreed={}, notes={}))
    assert len(answers) == 2 and len(summary) == 2  # headers and the line saying why
    assert "mindst 3" in str(answers[1][0]) and "mindst 3" in str(summary[1][0])


def test_the_sheets_come_once_three_have_finished_or_the_workshop_is_closed(bank):
    assert sheet_allowed(_people(ANONYMITY_THRESHOLD), anonymous=True)
    _, rows = response_table(bank, _people(3, 1), lang="en", anonymous=True)
    assert len(rows) == 4
    assert sheet_allowed(_people(1, 2), anonymous=True, closed=True)
    assert sheet_allowed(_people(1), anonymous=False)  # a named workshop's host sees each answer anyway


def test_the_summary_offers_no_agreed_answer_from_a_lone_answer(bank):
    # three finished, but only one answered the sponsor question
    people = [Response(1, None, True, dict(LONE)), Response(2, None, True, {"ownership.hours": 2}),
              Response(3, None, True, {"ownership.hours": 3})]
    _, summary = _sheet_values(responses_xlsx(bank, people, lang="en", anonymous=True, agreed={}, notes={}))[0:2]
    headers = summary[0]
    agreed = headers.index("Agreed answer") if "Agreed answer" in headers else 9
    sponsor = next(row for row in summary[1:] if "named person in charge" in str(row[1]))
    assert sponsor[agreed] in (None, "")
    hours = next(row for row in summary[1:] if "hours a week" in str(row[1]))
    assert hours[agreed] not in (None, "")  # three answered: the median is suggested
