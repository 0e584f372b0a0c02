"""Workshops: the host's side (create, manage, agree, read everyone's answers) and the participants'.

A workshop is opened by its host token; participants join with its code and get a token of
their own, which opens only their own answers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from . import tokens, values
from .engine import Database
from .errors import BadToken, StoreError, UnknownCode, UnknownToken, UnknownWorkshop, WorkshopClosed, WorkshopFull
from .models import MAX_LANGUAGE, MAX_QUESTION_ID, PULSE_MODES, WORKSHOP_STATUSES, ParticipantView, Response, Workshop
from .schema import participant_answers, participants, workshops
from .tokens import CODE_RE, hash_token, new_token, normalise_code

CODE_ATTEMPTS = 20


def _workshop(row: Any) -> Workshop:
    return Workshop(id=row.id, code=row.code, organisation=row.organisation, title=row.title,
                    language=row.language, anonymous=bool(row.anonymous), show_results=bool(row.show_results),
                    status=row.status, created_at=values.utc(row.created_at), agreed=values.loads(row.agreed, {}),
                    notes=values.loads(row.notes, {}), pulse=row.pulse)


def _checked_code(code: str) -> str:
    code = normalise_code(code)
    if CODE_RE.fullmatch(code) is None:
        raise UnknownCode("no workshop has this code")
    return code


def _pulse_mode(value: object) -> str:
    if value not in PULSE_MODES:
        raise ValueError(f"pulse: expected one of {', '.join(PULSE_MODES)}, got {value!r}")
    return value  # type: ignore[return-value]


class WorkshopQueries(Database):
    """Workshops, participants and their answers (see :class:`readiness.store.Store`)."""

    # -- the host ---------------------------------------------------------------------------

    def create_workshop(self, organisation: str, title: str, language: str, anonymous: bool = True,
                        show_results: bool = False, pulse: str = "off") -> tuple[Workshop, str]:
        """A new open workshop with a fresh join code; returns it and the host's token.

        ``pulse``: "off", "with" (the employee pulse after the planning questions) or "only".
        """
        host_token = new_token()
        now = values.now()
        fields = {"host_token_hash": hash_token(host_token), "organisation": values.text(organisation, "organisation"),
                  "title": values.text(title, "title"), "language": values.text(language, "language", MAX_LANGUAGE),
                  "anonymous": bool(anonymous), "show_results": bool(show_results), "status": "open",
                  "created_at": now, "updated_at": now, "agreed": "{}", "notes": "{}", "pulse": _pulse_mode(pulse)}
        for _ in range(CODE_ATTEMPTS):
            code = tokens.new_code()
            try:
                with self._write() as conn:
                    taken = conn.execute(sa.select(workshops.c.id).where(workshops.c.code == code)).first()
                    if taken is not None:
                        continue
                    workshop_id = conn.execute(workshops.insert().values(code=code, **fields)
                                               .returning(workshops.c.id)).scalar_one()
            except IntegrityError:  # a concurrent host drew the same code
                continue
            return self.workshop(workshop_id), host_token
        raise StoreError("could not find a free join code; try again")  # pragma: no cover (1 in 10^7 per try)

    def _workshop_where(self, condition: Any, missing: StoreError) -> Workshop:
        with self._read() as conn:
            row = conn.execute(sa.select(workshops).where(condition)).first()
        if row is None:
            raise missing
        return _workshop(row)

    def workshop(self, workshop_id: int) -> Workshop:
        """The workshop with this id (for a host who already proved their token)."""
        return self._workshop_where(workshops.c.id == workshop_id, UnknownWorkshop("this workshop no longer exists"))

    def workshop_by_code(self, code: str) -> Workshop:
        """The workshop a join code opens (any case, spaces and dashes ignored); :class:`UnknownCode` if none."""
        return self._workshop_where(workshops.c.code == _checked_code(code), UnknownCode("no workshop has this code"))

    def workshop_by_host_token(self, token: str) -> Workshop:
        return self._workshop_where(workshops.c.host_token_hash == hash_token(token),
                                    UnknownToken("this workshop no longer exists (it may have been deleted)"))

    def workshop_for_presenter(self, code: str, key: str) -> Workshop:
        """The workshop whose presenter view ``code`` and ``key`` (from :func:`presenter_key`) open.

        :class:`UnknownCode` when the code opens no workshop, :class:`BadToken` when the key does
        not belong to it (the join code alone never opens the presenter view).
        """
        return self._workshop_for_key(code, key, tokens.valid_presenter_key, tokens.presenter_key_from_hash,
                                      "this presenter link is not valid (it may have been copied incompletely)")

    def workshop_for_join_key(self, code: str, key: str) -> Workshop:
        """The workshop a join link (``code`` and its signed join key) opens.

        :class:`BadToken` when the key is malformed or does not belong to the code's workshop,
        :class:`UnknownCode` when no workshop has the code (callers count both as a wrong code).
        """
        return self._workshop_for_key(code, key, tokens.valid_join_key, tokens.join_key_from_hash,
                                      "this join link is not valid (it may have been copied incompletely)")

    def _workshop_for_key(self, code: str, key: str, valid: Any, derive: Any, invalid: str) -> Workshop:
        """The workshop of ``code`` whose key, derived from its host token's digest, is ``key``."""
        if not valid(key):
            raise BadToken(invalid)
        code = _checked_code(code)
        with self._read() as conn:
            row = conn.execute(sa.select(workshops).where(workshops.c.code == code)).first()
        if row is None:
            raise UnknownCode("no workshop has this code")
        if not tokens.same_key(derive(row.host_token_hash), key):
            raise BadToken(invalid)
        return _workshop(row)

    def join_key(self, workshop_id: int) -> str:
        """The signed join key of a workshop (for its join link and QR code, shown to the host and projector)."""
        with self._read() as conn:
            digest = conn.execute(sa.select(workshops.c.host_token_hash).where(workshops.c.id == workshop_id)).scalar()
        if digest is None:
            raise UnknownWorkshop("this workshop no longer exists")
        return tokens.join_key_from_hash(digest)

    def _touch_workshop(self, conn: Connection, workshop_id: int, **fields: Any) -> None:
        done = conn.execute(workshops.update().where(workshops.c.id == workshop_id)
                            .values(updated_at=values.now(), **fields)).rowcount
        if not done:
            raise UnknownWorkshop("this workshop no longer exists")

    def set_workshop_status(self, workshop_id: int, status: str) -> None:
        """Open or close the workshop (closed: no joining, answers frozen)."""
        self.update_workshop(workshop_id, status=status)

    def update_workshop(self, workshop_id: int, **fields: Any) -> Workshop:
        """Change organisation, title, language, anonymous, show_results, pulse or status.

        Making a workshop anonymous erases the names participants gave.
        """
        checked: dict[str, Any] = {}
        for key, value in fields.items():
            if key in ("organisation", "title"):
                checked[key] = values.text(value, key)
            elif key == "language":
                checked[key] = values.text(value, key, MAX_LANGUAGE)
            elif key in ("anonymous", "show_results"):
                if not isinstance(value, bool):
                    raise ValueError(f"{key}: expected True or False")
                checked[key] = value
            elif key == "pulse":
                checked[key] = _pulse_mode(value)
            elif key == "status":
                if value not in WORKSHOP_STATUSES:
                    raise ValueError(f"status: expected one of {', '.join(WORKSHOP_STATUSES)}, got {value!r}")
                checked[key] = value
            else:
                raise TypeError(f"update_workshop: unknown field {key!r}")
        with self._write() as conn:
            self._touch_workshop(conn, workshop_id, **checked)
            if checked.get("anonymous"):
                conn.execute(participants.update().where(participants.c.workshop_id == workshop_id)
                             .values(display_name=None))
        return self.workshop(workshop_id)

    def set_agreed(self, workshop_id: int, agreed: Mapping[str, Any]) -> None:
        """The answers the group settled on (replaces the previous ones; empty values are dropped)."""
        clean = {values.question_id(qid): value for qid, value in agreed.items() if not values.is_empty(value)}
        with self._write() as conn:
            self._touch_workshop(conn, workshop_id, agreed=values.dumps(clean, "agreed"))

    def _change_json(self, workshop_id: int, column: str, key: str, value: Any, empty: bool) -> None:
        """Set (or, when ``empty``, remove) one key of a workshop's JSON column, in one locked transaction."""
        with self._write() as conn:
            current = conn.execute(sa.select(workshops.c[column]).where(workshops.c.id == workshop_id)
                                   .with_for_update()).scalar()
            if current is None:
                raise UnknownWorkshop("this workshop no longer exists")
            data = values.loads(current, {})
            if empty:
                data.pop(key, None)
            else:
                data[key] = value
            self._touch_workshop(conn, workshop_id, **{column: values.dumps(data, column)})

    def set_agreed_answer(self, workshop_id: int, question_id: str, value: Any) -> None:
        """Set (or, with an empty value, clear) one of the group's agreed answers, in one transaction."""
        self._change_json(workshop_id, "agreed", values.question_id(question_id), value, values.is_empty(value))

    def set_workshop_note(self, workshop_id: int, key: str, text: str) -> None:
        """Set one of the host's notes (empty text removes it)."""
        values.text(key, "note key", MAX_QUESTION_ID)
        self._change_json(workshop_id, "notes", key, values.text(text, "note"), not text)

    def delete_workshop(self, workshop_id: int) -> bool:
        """Delete the workshop with its participants and their answers; False when it was gone."""
        with self._write() as conn:
            return conn.execute(workshops.delete().where(workshops.c.id == workshop_id)).rowcount > 0

    def counts(self, workshop_id: int) -> tuple[int, int]:
        """How many participants joined and how many said they are finished."""
        finished = sa.func.coalesce(sa.func.sum(sa.case((participants.c.finished == sa.true(), 1), else_=0)), 0)
        with self._read() as conn:
            joined, done = conn.execute(sa.select(sa.func.count(), finished)
                                        .where(participants.c.workshop_id == workshop_id)).one()
        return int(joined), int(done)

    def workshop_responses(self, workshop_id: int) -> list[Response]:
        """Every participant's answers, in joining order: one query, however many participants."""
        with self._read() as conn:
            return self._responses(conn, participants.c.workshop_id == workshop_id)

    def workshop_changes(self, workshop_id: int, since: int = 0) -> tuple[int, list[Response]]:
        """The workshop's revision and the participants written after revision ``since`` (their whole
        current answers): what a running aggregate needs to catch up, whatever the room's size.

        The revision is read first; every change up to it has committed (see :meth:`_bump`), and a
        participant written again since then is picked up by the next call.
        """
        with self._read(consistent=True) as conn:
            revision = conn.execute(sa.select(workshops.c.revision).where(workshops.c.id == workshop_id)).scalar()
            if revision is None:
                raise UnknownWorkshop("this workshop no longer exists")
            if revision <= since:
                return int(revision), []
            changed = self._responses(conn, (participants.c.workshop_id == workshop_id)
                                      & (participants.c.revision > since) & (participants.c.revision <= revision))
        return int(revision), changed

    @staticmethod
    def _responses(conn: Connection, condition: Any) -> list[Response]:
        query = (sa.select(participants.c.id, participants.c.display_name, participants.c.finished,
                           participant_answers.c.question_id, participant_answers.c.value)
                 .select_from(participants.outerjoin(participant_answers,
                                                     participant_answers.c.participant_id == participants.c.id))
                 .where(condition)
                 .order_by(participants.c.id))
        responses: list[Response] = []
        current: Response | None = None
        for pid, name, finished, question_id, value in conn.execute(query):
            if current is None or current.participant_id != pid:
                current = Response(participant_id=pid, display_name=name, finished=bool(finished), answers={})
                responses.append(current)
            if question_id is not None:
                current.answers[question_id] = json.loads(value)
        return responses

    # -- participants -----------------------------------------------------------------------

    def join_workshop(self, code: str, display_name: str | None = None, max_participants: int | None = None) -> str:
        """Join an open workshop by its code; returns the participant's token.

        The display name is stored only when the workshop is not anonymous (trimmed, at most 60
        characters). Raises :class:`UnknownCode`, :class:`WorkshopClosed`, or :class:`WorkshopFull`
        when it already holds ``max_participants`` (default: the ``READINESS_MAX_PARTICIPANTS`` setting).
        """
        if max_participants is None:
            from .. import settings

            max_participants = settings.get().max_participants
        code = _checked_code(code)
        name = values.clean_name(display_name)
        token = new_token()
        now = values.now()
        with self._write() as conn:
            row = conn.execute(sa.select(workshops.c.id, workshops.c.status, workshops.c.anonymous)
                               .where(workshops.c.code == code).with_for_update()).first()  # the cap holds
            if row is None:
                raise UnknownCode("no workshop has this code")
            if row.status != "open":
                raise WorkshopClosed("this workshop is closed")
            joined = conn.execute(sa.select(sa.func.count()).select_from(participants)
                                  .where(participants.c.workshop_id == row.id)).scalar_one()
            if joined >= max_participants:
                raise WorkshopFull(f"this workshop is full ({max_participants} participants)")
            conn.execute(participants.insert().values(
                workshop_id=row.id, token_hash=hash_token(token), display_name=None if row.anonymous else name,
                finished=False, joined_at=now, updated_at=now, revision=self._bump(conn, row.id)))
        return token

    def participant(self, token: str) -> ParticipantView:
        """What a participant's token opens: the workshop, their id, their answers, whether finished."""
        token_hash = hash_token(token)
        with self._read(consistent=True) as conn:
            row = conn.execute(sa.select(participants.c.id.label("participant_id"), participants.c.finished,
                                         *workshops.c)
                               .join_from(participants, workshops, participants.c.workshop_id == workshops.c.id)
                               .where(participants.c.token_hash == token_hash)).first()
            if row is None:
                raise UnknownToken("this workshop link no longer works (the workshop may have been deleted)")
            rows = conn.execute(sa.select(participant_answers.c.question_id, participant_answers.c.value)
                                .where(participant_answers.c.participant_id == row.participant_id)).all()
        return ParticipantView(_workshop(row), row.participant_id, {q: json.loads(v) for q, v in rows},
                               bool(row.finished))

    @staticmethod
    def _locked_participant(conn: Connection, token_hash: str, *columns: Any) -> Any:
        """The participant's row (``id``, ``workshop_id``, ``status`` and ``columns`` of the workshop),
        in a write transaction, if their workshop is open (its row stays locked until the transaction
        ends)."""
        row = conn.execute(sa.select(participants.c.id, participants.c.workshop_id, workshops.c.status, *columns)
                           .join_from(participants, workshops, participants.c.workshop_id == workshops.c.id)
                           .where(participants.c.token_hash == token_hash)
                           .with_for_update(of=workshops)).first()
        if row is None:
            raise UnknownToken("this workshop link no longer works (the workshop may have been deleted)")
        if row.status != "open":
            raise WorkshopClosed("this workshop is closed")
        return row

    def _open_participant(self, conn: Connection, token_hash: str) -> tuple[int, int]:
        """The participant's id and the workshop's next revision, if their workshop is open."""
        row = self._locked_participant(conn, token_hash)
        return row.id, self._bump(conn, row.workshop_id)

    @staticmethod
    def _bump(conn: Connection, workshop_id: int) -> int:
        """The workshop's next revision, taken under its row lock (held until commit).

        Every participant write takes one, so the writes to one workshop commit in revision order:
        a reader that sees revision R has seen every change stamped R or lower (a plain sequence
        would not promise that: numbers drawn by concurrent transactions commit in any order).
        """
        return conn.execute(workshops.update().where(workshops.c.id == workshop_id)
                            .values(revision=workshops.c.revision + 1).returning(workshops.c.revision)).scalar_one()

    def save_participant_answer(self, token: str, question_id: str, value: Any) -> None:
        """Set one of the participant's answers (empty removes it); :class:`WorkshopClosed` when closed."""
        token_hash = hash_token(token)
        now = values.now()
        upserts, deletes = values.answer_rows({question_id: value}, now)
        with self._write() as conn:
            pid, revision = self._open_participant(conn, token_hash)
            conn.execute(participants.update().where(participants.c.id == pid).values(updated_at=now,
                                                                                       revision=revision))
            self._write_answer_rows(conn, participant_answers, "participant_id", pid, upserts, deletes)

    def set_finished(self, token: str, finished: bool = True) -> None:
        """Mark the participant as done (or not); :class:`WorkshopClosed` when closed."""
        token_hash = hash_token(token)
        with self._write() as conn:
            pid, revision = self._open_participant(conn, token_hash)
            conn.execute(participants.update().where(participants.c.id == pid)
                         .values(finished=bool(finished), updated_at=values.now(), revision=revision))
