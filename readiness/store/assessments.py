"""Assessments: one row each, one row per answer, opened by a resume token."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..answers import Assessment, Predecessor, RoadmapEdits, StatusChange, progress_json
from . import values
from .engine import Database
from .errors import UnknownToken
from .models import MAX_BANK_VERSION, MAX_LANGUAGE
from .schema import answers, assessments
from .tokens import hash_token, new_token

_UNSET: Any = object()


class AssessmentQueries(Database):
    """Create, load, save and delete assessments (see :class:`readiness.store.Store`)."""

    def create_assessment(self, language: str = "da", bank_version: str = "") -> str:
        """A new, empty assessment; returns its token (the only way to open it again)."""
        token = new_token()
        now = values.now()
        with self._write() as conn:
            conn.execute(assessments.insert().values(
                token_hash=hash_token(token), language=values.text(language, "language", MAX_LANGUAGE),
                organisation="", roadmap_start=None, edits="{}", notes="{}",
                bank_version=values.text(bank_version, "bank version", MAX_BANK_VERSION), created_at=now,
                updated_at=now))
        return token

    def _touch_assessment(self, conn: Connection, token_hash: str, now: dt.datetime, **fields: Any) -> int:
        """Bump ``updated_at`` (and set ``fields``) of the assessment; its id. Also locks the row."""
        assessment_id = conn.execute(
            assessments.update().where(assessments.c.token_hash == token_hash)
            .values(updated_at=now, **fields).returning(assessments.c.id)).scalar()
        if assessment_id is None:
            raise UnknownToken("this assessment no longer exists (it may have been deleted)")
        return assessment_id

    def load_assessment(self, token: str) -> Assessment:
        """The assessment the token opens; ``saved_at`` is when it was last saved (UTC, ISO 8601)."""
        token_hash = hash_token(token)
        with self._read(consistent=True) as conn:
            row = conn.execute(sa.select(assessments).where(assessments.c.token_hash == token_hash)).first()
            if row is None:
                raise UnknownToken("this assessment no longer exists (it may have been deleted)")
            rows = conn.execute(sa.select(answers.c.question_id, answers.c.value)
                                .where(answers.c.assessment_id == row.id)).all()
        return Assessment(
            answers={qid: json.loads(value) for qid, value in rows}, language=row.language,
            organisation=row.organisation, roadmap_start=row.roadmap_start, edits=values.edits_from(row.edits),
            notes=values.loads(row.notes, {}), bank_version=row.bank_version,
            saved_at=values.utc(row.updated_at).replace(microsecond=0).isoformat(),
            predecessor=_predecessor_from(row.predecessor), progress=_progress_from(row.progress),
            pulse=_pulse_from(row.pulse))

    def save_answer(self, token: str, question_id: str, value: Any) -> None:
        """Set one answer (upsert); ``None``, ``[]`` or ``""`` removes it."""
        self.save_answers(token, {question_id: value})

    def save_answers(self, token: str, answer_values: Mapping[str, Any]) -> None:
        """Set several answers in one transaction; empty values (None, [], "") remove theirs."""
        token_hash = hash_token(token)
        now = values.now()
        upserts, deletes = values.answer_rows(answer_values, now)
        with self._write() as conn:
            assessment_id = self._touch_assessment(conn, token_hash, now)
            self._write_answers(conn, assessment_id, upserts, deletes)

    def _write_answers(self, conn: Connection, assessment_id: int, upserts: list[dict[str, Any]],
                       deletes: list[str]) -> None:
        self._write_answer_rows(conn, answers, "assessment_id", assessment_id, upserts, deletes)

    def save_meta(self, token: str, *, language: str = _UNSET, organisation: str = _UNSET,
                  roadmap_start: dt.date | None = _UNSET, edits: RoadmapEdits = _UNSET,
                  notes: Mapping[str, str] = _UNSET, bank_version: str = _UNSET,
                  progress: Mapping[str, tuple[StatusChange, ...]] = _UNSET,
                  keep_until: dt.date | None = _UNSET) -> None:
        """Set the given fields (only those) of the assessment. ``keep_until`` never moves earlier."""
        token_hash = hash_token(token)
        fields = _meta_values(language=language, organisation=organisation, roadmap_start=roadmap_start,
                              edits=edits, notes=notes, bank_version=bank_version, progress=progress,
                              keep_until=keep_until)
        with self._write() as conn:
            self._touch_assessment(conn, token_hash, values.now(), **fields)

    def replace_assessment(self, token: str, assessment: Assessment) -> None:
        """Replace everything (answers and meta) with ``assessment`` at once, e.g. after an import."""
        token_hash = hash_token(token)
        now = values.now()
        fields = _meta_values(language=assessment.language, organisation=assessment.organisation,
                              roadmap_start=assessment.roadmap_start, edits=assessment.edits,
                              notes=assessment.notes, bank_version=assessment.bank_version,
                              predecessor=assessment.predecessor, progress=assessment.progress,
                              pulse=assessment.pulse)
        upserts, _ = values.answer_rows(assessment.answers, now)
        with self._write() as conn:
            assessment_id = self._touch_assessment(conn, token_hash, now, **fields)
            conn.execute(answers.delete().where(answers.c.assessment_id == assessment_id))
            self._write_answers(conn, assessment_id, upserts, [])

    def touch_assessment(self, token: str) -> None:
        """Count the assessment as used now (its link was opened), for the retention purge."""
        with self._write() as conn:
            self._touch_assessment(conn, hash_token(token), values.now())

    def create_followup(self, earlier_token: str, followup: Assessment, keep_until: dt.date | None = None) -> str:
        """A new assessment following up the one ``earlier_token`` opens; returns its token.

        The store keeps the series: the new row knows its predecessor's row. ``keep_until`` (the
        follow-up's re-assessment + 90 days) holds for both, so the purge keeps the series together.
        """
        token = new_token()
        now = values.now()
        fields = _meta_values(language=followup.language, organisation=followup.organisation,
                              roadmap_start=followup.roadmap_start, edits=followup.edits, notes=followup.notes,
                              bank_version=followup.bank_version, predecessor=followup.predecessor,
                              progress=followup.progress)
        fields["keep_until"] = keep_until
        upserts, _ = values.answer_rows(followup.answers, now)
        with self._write() as conn:
            earlier_id = self._touch_assessment(conn, hash_token(earlier_token), now,
                                                **_meta_values(keep_until=keep_until))
            new_id = conn.execute(assessments.insert().values(
                token_hash=hash_token(token), predecessor_id=earlier_id, created_at=now, updated_at=now, **fields)
                .returning(assessments.c.id)).scalar_one()
            self._write_answers(conn, new_id, upserts, [])
        return token

    def series_length(self, token: str) -> int:
        """How many assessments the series up to this one holds (1: no predecessor in the store)."""
        with self._read() as conn:
            current = conn.execute(sa.select(assessments.c.predecessor_id)
                                   .where(assessments.c.token_hash == hash_token(token))).first()
            if current is None:
                raise UnknownToken("this assessment no longer exists (it may have been deleted)")
            n, parent, seen = 1, current.predecessor_id, set()
            while parent is not None and parent not in seen and n < 1000:
                seen.add(parent)
                n += 1
                parent = conn.execute(sa.select(assessments.c.predecessor_id)
                                      .where(assessments.c.id == parent)).scalar()
        return n

    def delete_assessment(self, token: str) -> bool:
        """Delete the assessment and all its answers for good; False when there was nothing to delete."""
        token_hash = hash_token(token)
        with self._write() as conn:
            result = conn.execute(assessments.delete().where(assessments.c.token_hash == token_hash))
        return result.rowcount > 0


def _meta_values(**fields: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if value is _UNSET:
            continue
        if key == "language":
            out[key] = values.text(value, "language", MAX_LANGUAGE)
        elif key == "organisation":
            out[key] = values.text(value, "organisation")
        elif key == "bank_version":
            out[key] = values.text(value, "bank version", MAX_BANK_VERSION)
        elif key == "roadmap_start":
            if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
                raise ValueError("roadmap_start: expected a date or None")
            out[key] = value
        elif key == "edits":
            out[key] = values.edits_json(value)
        elif key == "notes":
            out[key] = values.notes_json(value)
        elif key == "predecessor":
            if value is not None and not isinstance(value, Predecessor):
                raise ValueError("predecessor: expected a Predecessor or None")
            out[key] = None if value is None else values.dumps(value.to_json(), "predecessor")
        elif key == "progress":
            out[key] = values.dumps(progress_json(value), "progress")
        elif key == "pulse":
            out[key] = None if value is None else values.dumps(value.to_json(), "pulse")
        elif key == "keep_until" and value is not None:
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                raise ValueError("keep_until: expected a date or None")
            # never earlier than it was: a check-in or a follow-up can only extend how long it is kept
            out[key] = sa.func.coalesce(sa.case((assessments.c.keep_until > value, assessments.c.keep_until),
                                                else_=value), value)
    return out


def _predecessor_from(text: str | None) -> Predecessor | None:
    raw = values.loads(text, None)
    if not raw:
        return None
    return Predecessor(saved_at=raw.get("saved_at", ""), bank_version=raw.get("bank_version", ""),
                       answers=dict(raw.get("answers") or {}), statuses=dict(raw.get("statuses") or {}))


def _pulse_from(text: str | None) -> Any:
    """The stored pulse totals (see :func:`readiness.pulse.parse_pulse`); None when there are none or they
    no longer fit the pulse's questions (an old pulse is left out rather than breaking the page)."""
    raw = values.loads(text, None)
    if not raw:
        return None
    from ..answers import AnswersError
    from ..pulse import load_pulse, parse_pulse

    try:
        return parse_pulse(load_pulse(), raw)
    except AnswersError:
        return None


def _progress_from(text: str | None) -> dict[str, tuple[StatusChange, ...]]:
    raw = values.loads(text, {})
    return {aid: tuple(StatusChange(e["status"], dt.date.fromisoformat(e["date"])) for e in entries)
            for aid, entries in raw.items()}
