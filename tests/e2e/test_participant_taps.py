"""A participant's tap on the real server, through Streamlit's own protocol (bench/wire.py, no browser).

A tap on a question re-runs only the step's questions (an ``st.fragment``), as the browser asks
for it; the answer is in the database at once; and a tap the store refuses (the host closed the
workshop meanwhile) runs the whole page again, which then shows what the link opens now.
"""

from __future__ import annotations

import pytest

from bench.wire import Server, Session, run_async
from readiness.store import Store

PREFIX = "w.ws."


@pytest.fixture
def room(tmp_path):
    url = f"sqlite:///{tmp_path}/taps.db"
    store = Store(url)
    workshop, _host = store.create_workshop("Fjordhavn Rådgivning A/S", "Kick-off", "da", anonymous=True)
    token = store.join_workshop(workshop.code)
    server = Server("app.py", env={"DATABASE_URL": url, "READINESS_PUBLIC_URL": ""}, log=tmp_path / "server.log")
    with server:
        yield server, store, workshop, token
    store.dispose()


def _radios(session: Session) -> list:
    return sorted(session.find("radio", PREFIX), key=lambda w: w.user_key)


def test_a_tap_reruns_only_the_questions_and_saves(room):
    server, store, _workshop, token = room

    async def go() -> tuple[list[str], set[str], bool]:
        session = Session(server.ws_url, "join", f"p={token}")
        await session.open()
        radios = _radios(session)
        assert radios and session.find("button", PREFIX, "next")
        fragments = {w.fragment_id for w in radios}
        first = radios[0]
        await session.rerun([Session.choose(first, 1)])
        still_there = bool(session.find("button", PREFIX, "next"))  # not re-sent: the page around stayed
        await session.close()
        assert not session.exceptions, session.exceptions
        return [first.user_key], fragments, still_there

    (key,), fragments, next_kept = run_async(go())
    assert fragments and "" not in fragments, "the questions are drawn inside a fragment"
    assert next_kept
    question_id = key[len(PREFIX):].split(".", 1)[1]
    assert question_id in store.participant(token).answers


def test_a_refused_tap_runs_the_whole_page(room):
    server, store, workshop, token = room

    async def go() -> tuple[int, int]:
        session = Session(server.ws_url, "join", f"p={token}")
        await session.open()
        before = len(_radios(session))
        store.set_workshop_status(workshop.id, "closed")
        await session.rerun([Session.choose(_radios(session)[0], 0)])
        after = len(_radios(session))
        await session.close()
        assert not session.exceptions, session.exceptions
        return before, after

    before, after = run_async(go())
    assert before > 0
    assert after == 0, "the closed workshop's page has no questions left"


def test_finishing_after_answering_the_last_question_by_tap_asks_nothing(room):
    """The finish button counts the answers as saved now, including taps the page around it never saw."""
    from readiness.bank import load_bank
    from readiness.samples import best_answers
    from readiness.workshop import participant_questions

    server, store, _workshop, token = room
    bank = load_bank()
    last = bank.planning_sections[-1]
    left_out = next(q for q in last.questions if q.kind in ("single", "scale"))
    answers = best_answers(bank)
    for question in participant_questions(bank):
        if question.id != left_out.id:
            value = answers.get(question.id) or [question.options[0].id]  # a multi the sample leaves open
            store.save_participant_answer(token, question.id, value)

    async def go() -> bool:
        session = Session(server.ws_url, "join", f"p={token}")
        await session.open()
        for _ in range(len(bank.planning_sections) - 1):
            await session.rerun([Session.click(session.find("button", PREFIX, "next")[0])])
        radio = next(w for w in session.find("radio", PREFIX) if w.user_key.endswith(left_out.id))
        await session.rerun([Session.choose(radio, 0)])
        await session.rerun([Session.click(session.find("button", PREFIX, "finish")[0])])
        asked = bool(session.find("button", PREFIX, "finish_anyway"))
        await session.close()
        assert not session.exceptions, session.exceptions
        return asked

    assert not run_async(go()), "everything was answered: finishing must not ask about unanswered questions"
    assert store.participant(token).finished
