"""Answers and the answers file (``readiness-answers/1``): the only state a user creates.

An :class:`Assessment` holds the raw answers, the organisation's name, the language, the
roadmap start and the user's roadmap edits. Scores and the roadmap are derived from it by
pure functions. :func:`parse_answers_file` reads the JSON file format of DESIGN.md and rejects
bad input with :class:`AnswersError`, whose message names the offending id or field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from typing import Any, Union

from . import settings
from .bank import Bank, Question
from .text import is_empty, text_problem

FORMAT = "readiness-answers/1"
MAX_FILE_BYTES = 1_048_576
MAX_TEXT_CHARS = 5000
MAX_SHORT_TEXT = 200
MAX_DEPTH = 6
STATUSES = ("todo", "doing", "done", "dropped")
EDITABLE_FIELDS = ("title", "why", "phase", "owner", "start", "end", "kpi", "status", "hours")
MAX_ACTION_HOURS = 2000  # an action's estimated hours (``hours``)
ADDED_ID = re.compile(r"^[a-z0-9][a-z0-9_.\-]{0,63}$")
MAX_ADDED = 200
# Sane ranges: no answer needs more than 15 digits, and no plan starts before 1900 or ends after 2200.
MAX_DIGITS = 15
MIN_YEAR = 1900
MAX_YEAR = 2200

AnswerValue = Union[str, list[str], int, float]


_FIELD_PREFIX = re.compile(r"^([A-Za-z_][\w.\[\]-]*): ")


class AnswersError(ValueError):
    """An answers file or answer is invalid. The message is one line naming what is wrong (in
    English, for the CLI); ``code`` and ``params`` say the same for a face that speaks the user's
    language (``params["field"]``: the dotted path of the offending field, when there is one)."""

    def __init__(self, message: str, code: str = "invalid", **params: Any) -> None:
        super().__init__(message)
        self.code = code
        match = _FIELD_PREFIX.match(message)
        if "field" not in params and match and match.group(1) not in ("the", "file"):
            params["field"] = match.group(1)
        self.params = params

    @property
    def field(self) -> str | None:
        return self.params.get("field")


class Notice(str):
    """A warning about a file that was still read (a retired id skipped, an unknown field ignored):
    the English line, with a ``code`` and ``params`` for a translation."""

    code: str
    params: dict[str, Any]

    def __new__(cls, message: str, code: str, **params: Any) -> Notice:
        notice = super().__new__(cls, message)
        notice.code, notice.params = code, params
        return notice


class _HugeNumber:
    """A JSON integer of more digits than any answer needs: kept as text until a field names it."""

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"a number of {len(self.digits.lstrip('-')):,} digits"


def _parse_int(digits: str) -> int | _HugeNumber:
    # Python refuses to convert integers of more than 4,300 digits (a ValueError, not a JSON error)
    return _HugeNumber(digits) if len(digits.lstrip("-")) > MAX_DIGITS else int(digits)


@dataclasses.dataclass(frozen=True)
class ActionEdit:
    """The user's changes to one generated action (only the fields they touched)."""

    fields: Mapping[str, Any]


@dataclasses.dataclass(frozen=True)
class RoadmapEdits:
    changed: Mapping[str, Mapping[str, Any]] = dataclasses.field(default_factory=dict)
    added: tuple[Mapping[str, Any], ...] = ()
    removed: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"changed": {k: dict(v) for k, v in self.changed.items()},
                "added": [dict(a) for a in self.added], "removed": list(self.removed)}

    @property
    def empty(self) -> bool:
        return not (self.changed or self.added or self.removed)


@dataclasses.dataclass(frozen=True)
class StatusChange:
    """One entry of an action's progress: its status as set or confirmed on a day (a check-in)."""

    status: str
    date: dt.date


@dataclasses.dataclass(frozen=True)
class Predecessor:
    """What a follow-up keeps of the assessment before it (never that one's own predecessor)."""

    saved_at: str = ""
    bank_version: str = ""
    answers: Mapping[str, AnswerValue] = dataclasses.field(default_factory=dict)
    statuses: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"saved_at": self.saved_at, "bank_version": self.bank_version,
                "answers": {k: (list(v) if isinstance(v, list) else v) for k, v in self.answers.items()},
                "statuses": dict(self.statuses)}


@dataclasses.dataclass(frozen=True)
class Assessment:
    """One organisation's answers and roadmap edits. Treat as immutable; use :meth:`replace`."""

    answers: Mapping[str, AnswerValue] = dataclasses.field(default_factory=dict)
    language: str = "da"
    organisation: str = ""
    roadmap_start: dt.date | None = None
    edits: RoadmapEdits = dataclasses.field(default_factory=RoadmapEdits)
    notes: Mapping[str, str] = dataclasses.field(default_factory=dict)
    bank_version: str = ""
    saved_at: str = ""
    predecessor: Predecessor | None = None
    progress: Mapping[str, tuple[StatusChange, ...]] = dataclasses.field(default_factory=dict)
    pulse: Any = None  # a workshop pulse's aggregate (readiness.pulse.PulseAggregate), or None

    def replace(self, **changes: Any) -> Assessment:
        return dataclasses.replace(self, **changes)

    def with_answer(self, question_id: str, value: AnswerValue | None) -> Assessment:
        """A copy with one answer set (or removed when ``value`` is None or empty)."""
        answers = dict(self.answers)
        if is_empty(value):
            answers.pop(question_id, None)
        else:
            answers[question_id] = value
        return self.replace(answers=answers)


# -- single answers -------------------------------------------------------------------------


def _check_text(value: str, where: str, limit: int = MAX_TEXT_CHARS) -> str:
    problem = text_problem(value, limit)
    if problem:
        code = "too_long" if len(value) > limit else "bad_text"
        raise AnswersError(f"{where}: {problem}", code, field=where, length=len(value), limit=limit)
    return value


def parse_date(value: Any, where: str) -> dt.date:
    """A strict ``YYYY-MM-DD`` date; impossible dates such as 2027-02-30 are rejected."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise AnswersError(f"{where}: expected a date as YYYY-MM-DD, got {_show(value)}", "bad_date", field=where,
                           value=_show(value))
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise AnswersError(f"{where}: {value} is not a real date", "bad_date", field=where, value=value) from None
    if not MIN_YEAR <= date.year <= MAX_YEAR:
        raise AnswersError(f"{where}: {value} is outside the years {MIN_YEAR}-{MAX_YEAR}", "date_out_of_range",
                           field=where, value=value, first=MIN_YEAR, last=MAX_YEAR)
    return date


def _show(value: Any) -> str:
    if isinstance(value, _HugeNumber):
        return repr(value)
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def validate_answer(bank: Bank, question: Question, value: Any, where: str | None = None) -> AnswerValue:
    """Check one answer against its question; return it normalised or raise AnswersError."""
    where = where or f"answers.{question.id}"
    kind = question.kind
    if kind in ("single", "scale"):
        if not isinstance(value, str):
            raise AnswersError(f"{where}: expected an option id (text), got {_show(value)}", "wrong_type", field=where)
        if bank.option(question, value) is None:
            raise AnswersError(f"{where}: unknown option {_show(value)}", "unknown_option", field=where,
                               value=_show(value))
        return value
    if kind == "multi":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise AnswersError(f"{where}: expected a list of option ids, got {_show(value)}", "wrong_type", field=where)
        for v in value:
            if bank.option(question, v) is None:
                raise AnswersError(f"{where}: unknown option {_show(v)}", "unknown_option", field=where, value=_show(v))
        if len(set(value)) != len(value):
            raise AnswersError(f"{where}: an option is listed twice", "duplicate_option", field=where)
        order = [o.id for o in question.options]
        return sorted(value, key=order.index)
    if kind == "number":
        if isinstance(value, _HugeNumber) or isinstance(value, (int, float)) and not isinstance(value, bool) \
                and math.isfinite(value) and abs(value) >= 10 ** MAX_DIGITS:
            raise AnswersError(f"{where}: {_show(value)} is beyond any sane number (at most {MAX_DIGITS} digits)",
                               "not_a_number", field=where)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise AnswersError(f"{where}: expected a number, got {_show(value)}", "not_a_number", field=where)
        if not math.isfinite(value):
            raise AnswersError(f"{where}: NaN and Infinity are not numbers we accept", "not_a_number", field=where)
        if question.min is not None and value < question.min:
            raise AnswersError(f"{where}: {value} is below the minimum {question.min:g}", "too_small", field=where,
                               value=value, limit=question.min)
        if question.max is not None and value > question.max:
            raise AnswersError(f"{where}: {value} is above the maximum {question.max:g}", "too_big", field=where,
                               value=value, limit=question.max)
        return int(value) if float(value).is_integer() else float(value)
    if kind == "date":
        parse_date(value, where)
        return value
    if kind == "text":
        if not isinstance(value, str):
            raise AnswersError(f"{where}: expected text, got {_show(value)}", "wrong_type", field=where)
        return _check_text(value, where, min(question.max_length, MAX_TEXT_CHARS))
    raise AnswersError(f"{where}: unsupported question kind {kind}")  # pragma: no cover


def fitting_answers(bank: Bank, answers: Mapping[str, Any]) -> dict[str, AnswerValue]:
    """The answers that still fit the bank (normalised); the rest, such as answers to a question
    retired since they were stored, are left out rather than breaking a page."""
    out: dict[str, AnswerValue] = {}
    for qid, value in answers.items():
        question = bank.questions.get(qid)
        if question is None:
            continue
        try:
            out[qid] = validate_answer(bank, question, value)
        except AnswersError:
            continue
    return out


# -- the file -------------------------------------------------------------------------------


def _depth(text: str) -> int:
    """Deepest bracket nesting of a JSON text, ignoring brackets inside strings."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _reject_constant(name: str) -> Any:
    raise AnswersError(f"{name} is not allowed in an answers file (use a real number)", "not_a_number")


def _walk_strings(value: Any, where: str) -> None:
    if isinstance(value, str):
        _check_text(value, where, limit=MAX_FILE_BYTES)
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_text(k, where)
            _walk_strings(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _walk_strings(v, f"{where}[{i}]")


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise AnswersError(f"{where}: expected an object, got {_show(value)}",
                           "not_answers" if where == "the file" else "wrong_type")
    return value


def decode_json(data: bytes | str) -> Any:
    """Bytes of an answers file to JSON values, with the size, encoding and nesting checks."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if len(data) > MAX_FILE_BYTES:
        raise AnswersError(f"the file is {len(data):,} bytes, the limit is {MAX_FILE_BYTES:,} (1 MB)", "too_large",
                           size=len(data), limit=MAX_FILE_BYTES)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AnswersError(f"the file is not UTF-8 text (bad byte at position {exc.start})", "not_text") from None
    if not text.strip():
        raise AnswersError("the file is empty", "empty")
    if _depth(text) > MAX_DEPTH:
        raise AnswersError(f"the file is nested deeper than the format allows ({MAX_DEPTH} levels)", "too_deep")
    try:
        return json.loads(text, parse_constant=_reject_constant, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise AnswersError(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}", "not_json",
                           line=exc.lineno, column=exc.colno) from None


def parse_answers_file(bank: Bank, data: bytes | str, warnings: list[str] | None = None) -> Assessment:
    """Read an answers file into an :class:`Assessment`.

    Raises :class:`AnswersError` with one line naming the problem. Ids the bank lists as retired
    are skipped and described in ``warnings`` (when a list is given), so old exports still load.
    """
    doc = decode_json(data)
    return assessment_from_json(bank, doc, warnings)


def assessment_from_json(bank: Bank, doc: Any, warnings: list[str] | None = None) -> Assessment:
    """Validate an already decoded answers document (see :func:`parse_answers_file`)."""
    warnings = warnings if warnings is not None else []
    doc = _object(doc, "the file")
    _walk_strings(doc, "file")
    if "format" not in doc:
        raise AnswersError(f"format: missing (expected {FORMAT!r})", "not_answers", field="format")
    if doc["format"] != FORMAT:
        raise AnswersError(f"format: expected {FORMAT!r}, got {_show(doc['format'])}", "other_format", field="format",
                           value=_show(doc["format"]))
    known = {"format", "bank_version", "language", "organisation", "answers", "roadmap", "notes", "saved_at",
             "predecessor", "progress", "pulse"}
    for key in doc:
        if key not in known:
            warnings.append(Notice(f"{key}: unknown field, ignored", "unknown_field", field=key))
    if "answers" not in doc:
        raise AnswersError("answers: missing", "no_answers", field="answers")
    raw = _object(doc["answers"], "answers")
    retired_q = set(bank.meta.retired.questions)
    answers: dict[str, AnswerValue] = {}
    for qid, value in raw.items():
        if qid in retired_q:
            warnings.append(Notice(f"answers.{qid}: retired question, skipped", "retired_question", field=f"answers.{qid}"))
            continue
        question = bank.questions.get(qid)
        if question is None:
            raise AnswersError(f"answers.{qid}: unknown question id", "unknown_question", field=f"answers.{qid}", id=qid)
        retired_o = set(bank.meta.retired.options.get(qid, ()))
        if retired_o:
            if isinstance(value, str) and value in retired_o:
                warnings.append(Notice(f"answers.{qid}: retired option {value!r}, skipped", "retired_option",
                                       field=f"answers.{qid}"))
                continue
            if isinstance(value, list) and retired_o & set(value):
                warnings.append(Notice(f"answers.{qid}: retired options {sorted(retired_o & set(value))}, skipped",
                                       "retired_option", field=f"answers.{qid}"))
                value = [v for v in value if v not in retired_o]
                if not value:
                    continue
        if value is None:
            continue
        answers[qid] = validate_answer(bank, question, value)
    language = doc.get("language", "da")
    if language not in bank.meta.languages:
        raise AnswersError(f"language: expected one of {list(bank.meta.languages)}, got {_show(language)}",
                           "unknown_language", field="language", value=_show(language))
    organisation = ""
    if "organisation" in doc and doc["organisation"] is not None:
        org = _object(doc["organisation"], "organisation")
        name = org.get("name", "")
        if not isinstance(name, str):
            raise AnswersError(f"organisation.name: expected text, got {_show(name)}")
        organisation = _check_text(name, "organisation.name", MAX_SHORT_TEXT)
    bank_version = doc.get("bank_version", "")
    if not isinstance(bank_version, str):
        raise AnswersError(f"bank_version: expected text, got {_show(bank_version)}")
    saved_at = doc.get("saved_at", "")
    if not isinstance(saved_at, str):
        raise AnswersError(f"saved_at: expected text, got {_show(saved_at)}")
    notes: dict[str, str] = {}
    if doc.get("notes") is not None:
        for key, value in _object(doc["notes"], "notes").items():
            if not isinstance(value, str):
                raise AnswersError(f"notes.{key}: expected text, got {_show(value)}")
            notes[key] = _check_text(value, f"notes.{key}")
        total, limit = sum(len(k) + len(v) for k, v in notes.items()), settings.get().max_notes_chars
        if total > limit:
            raise AnswersError(f"notes: {total:,} characters in all, the limit is {limit:,} "
                               f"(READINESS_MAX_NOTES_CHARS)")
    start = None
    edits = RoadmapEdits()
    if doc.get("roadmap") is not None:
        roadmap = _object(doc["roadmap"], "roadmap")
        for key in roadmap:
            if key not in ("start", "edits"):
                raise AnswersError(f"roadmap.{key}: unknown field")
        if roadmap.get("start") is not None:
            start = parse_date(roadmap["start"], "roadmap.start")
        if roadmap.get("edits") is not None:
            edits = parse_edits(bank, roadmap["edits"])
    return Assessment(answers=answers, language=language, organisation=organisation, roadmap_start=start,
                      edits=edits, notes=notes, bank_version=bank_version, saved_at=saved_at,
                      predecessor=parse_predecessor(bank, doc.get("predecessor")),
                      progress=parse_progress(doc.get("progress")), pulse=_parse_pulse(doc.get("pulse"), warnings))


def _parse_pulse(raw: Any, warnings: list[str]) -> Any:
    """The optional ``pulse`` key (a workshop pulse's aggregate; see :func:`readiness.pulse.parse_pulse`)."""
    if raw is None:
        return None
    from .pulse import load_pulse, parse_pulse  # the pulse module builds on this one

    return parse_pulse(load_pulse(), raw, warnings)


# -- the follow-up's keys: ``predecessor`` and ``progress`` (both optional) -------------------------

MAX_PROGRESS_ACTIONS = 300
MAX_PROGRESS_ENTRIES = 120  # ten years of monthly check-ins


def _action_id(value: Any, where: str) -> str:
    if not isinstance(value, str) or not ADDED_ID.match(value):
        raise AnswersError(f"{where}: expected an action id of a-z, 0-9, '.', '_' or '-', got {_show(value)}")
    return value


def _status(value: Any, where: str) -> str:
    if value not in STATUSES:
        raise AnswersError(f"{where}: expected one of {', '.join(STATUSES)}, got {_show(value)}")
    return value


def parse_predecessor(bank: Bank, raw: Any) -> Predecessor | None:
    """The ``predecessor`` key: the earlier assessment's ``saved_at``, ``bank_version``, ``answers``
    and action ``statuses``. Its answers may come from an older bank: those that no longer fit are
    left out (they cannot be shown against today's questions), never an error."""
    if raw is None:
        return None
    raw = _object(raw, "predecessor")
    for key in raw:
        if key not in ("saved_at", "bank_version", "answers", "statuses"):
            raise AnswersError(f"predecessor.{key}: unknown field (a predecessor never carries its own)")
    for key in ("saved_at", "bank_version"):
        if not isinstance(raw.get(key, ""), str):
            raise AnswersError(f"predecessor.{key}: expected text, got {_show(raw[key])}")
    answers = _object(raw.get("answers") or {}, "predecessor.answers")
    statuses = {}
    for action_id, status in _object(raw.get("statuses") or {}, "predecessor.statuses").items():
        where = f"predecessor.statuses.{action_id}"
        statuses[_action_id(action_id, where)] = _status(status, where)
    return Predecessor(saved_at=raw.get("saved_at", ""), bank_version=raw.get("bank_version", ""),
                       answers=fitting_answers(bank, answers), statuses=statuses)


def parse_progress(raw: Any) -> dict[str, tuple[StatusChange, ...]]:
    """The ``progress`` key: ``{action id: [{"status", "date"}, ...]}``, oldest first."""
    if raw is None:
        return {}
    raw = _object(raw, "progress")
    if len(raw) > MAX_PROGRESS_ACTIONS:
        raise AnswersError(f"progress: {len(raw)} actions, the limit is {MAX_PROGRESS_ACTIONS}")
    out: dict[str, tuple[StatusChange, ...]] = {}
    for action_id, entries in raw.items():
        where = f"progress.{action_id}"
        _action_id(action_id, where)
        if not isinstance(entries, list):
            raise AnswersError(f"{where}: expected a list of {{status, date}}, got {_show(entries)}")
        if len(entries) > MAX_PROGRESS_ENTRIES:
            raise AnswersError(f"{where}: {len(entries)} entries, the limit is {MAX_PROGRESS_ENTRIES}")
        changes = []
        for i, entry in enumerate(entries):
            entry = _object(entry, f"{where}[{i}]")
            for key in entry:
                if key not in ("status", "date"):
                    raise AnswersError(f"{where}[{i}].{key}: unknown field")
            for key in ("status", "date"):
                if key not in entry:
                    raise AnswersError(f"{where}[{i}].{key}: missing")
            changes.append(StatusChange(_status(entry["status"], f"{where}[{i}].status"),
                                        parse_date(entry["date"], f"{where}[{i}].date")))
        out[action_id] = tuple(sorted(changes, key=lambda c: c.date))
    return out


def progress_json(progress: Mapping[str, tuple[StatusChange, ...]]) -> dict[str, list[dict[str, str]]]:
    """The ``progress`` key as JSON."""
    return {aid: [{"status": c.status, "date": c.date.isoformat()} for c in changes]
            for aid, changes in progress.items()}


def _action_fields(bank: Bank, fields: Any, where: str, *, complete: bool) -> dict[str, Any]:
    fields = _object(fields, where)
    out: dict[str, Any] = {}
    allowed = EDITABLE_FIELDS + (("id",) if complete else ())
    for key, value in fields.items():
        if key not in allowed:
            raise AnswersError(f"{where}.{key}: not an editable field (one of {', '.join(EDITABLE_FIELDS)})")
        at = f"{where}.{key}"
        if key in ("start", "end"):
            out[key] = parse_date(value, at).isoformat()
        elif key == "status":
            if value not in STATUSES:
                raise AnswersError(f"{at}: expected one of {', '.join(STATUSES)}, got {_show(value)}")
            out[key] = value
        elif key == "phase":
            if value not in bank.phase_by_id:
                raise AnswersError(f"{at}: unknown phase {_show(value)}")
            out[key] = value
        elif key == "hours":
            if (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)
                    or not 0 <= value <= MAX_ACTION_HOURS):
                raise AnswersError(f"{at}: expected a number of hours from 0 to {MAX_ACTION_HOURS}, got {_show(value)}")
            out[key] = value
        elif key == "id":
            if not isinstance(value, str) or not ADDED_ID.match(value):
                raise AnswersError(f"{at}: expected a short id of a-z, 0-9, '.', '_' or '-', got {_show(value)}")
            out[key] = value
        else:
            if not isinstance(value, str):
                raise AnswersError(f"{at}: expected text, got {_show(value)}")
            limit = MAX_TEXT_CHARS if key == "why" else 500
            out[key] = _check_text(value, at, limit)
    if "start" in out and "end" in out and out["end"] < out["start"]:
        raise AnswersError(f"{where}: ends ({out['end']}) before it starts ({out['start']})")
    if complete:
        for key in ("id", "title", "start", "end"):
            if key not in out:
                raise AnswersError(f"{where}.{key}: missing")
        out.setdefault("status", "todo")
        out.setdefault("phase", bank.meta.phases[0].id)
        for key in ("why", "owner", "kpi"):
            out.setdefault(key, "")
    return out


def parse_edits(bank: Bank, raw: Any) -> RoadmapEdits:
    """Validate the ``roadmap.edits`` object of an answers file."""
    raw = _object(raw, "roadmap.edits")
    for key in raw:
        if key not in ("changed", "added", "removed"):
            raise AnswersError(f"roadmap.edits.{key}: unknown field")
    changed: dict[str, dict[str, Any]] = {}
    rule_ids = {a.id for a in bank.rules.actions}
    for action_id, fields in _object(raw.get("changed") or {}, "roadmap.edits.changed").items():
        where = f"roadmap.edits.changed.{action_id}"
        if action_id not in rule_ids:
            raise AnswersError(f"{where}: unknown action id")
        changed[action_id] = _action_fields(bank, fields, where, complete=False)
    added_raw = raw.get("added") or []
    if not isinstance(added_raw, list):
        raise AnswersError(f"roadmap.edits.added: expected a list, got {_show(added_raw)}")
    if len(added_raw) > MAX_ADDED:
        raise AnswersError(f"roadmap.edits.added: {len(added_raw)} actions, the limit is {MAX_ADDED}")
    added = []
    seen = set(rule_ids)
    for i, item in enumerate(added_raw):
        action = _action_fields(bank, item, f"roadmap.edits.added[{i}]", complete=True)
        if action["id"] in seen:
            raise AnswersError(f"roadmap.edits.added[{i}].id: {action['id']!r} is already used")
        seen.add(action["id"])
        added.append(action)
    removed_raw = raw.get("removed") or []
    if not isinstance(removed_raw, list) or not all(isinstance(r, str) for r in removed_raw):
        raise AnswersError("roadmap.edits.removed: expected a list of action ids")
    for r in removed_raw:
        if r not in rule_ids:
            raise AnswersError(f"roadmap.edits.removed: unknown action id {_show(r)}")
    return RoadmapEdits(changed=changed, added=tuple(added), removed=tuple(dict.fromkeys(removed_raw)))


def to_json(bank: Bank, assessment: Assessment, saved_at: str | None = None) -> dict[str, Any]:
    """The answers file for an assessment, as a JSON-ready dict (keys in a stable order)."""
    doc: dict[str, Any] = {
        "format": FORMAT,
        "bank_version": bank.version,
        "language": assessment.language,
        "organisation": {"name": assessment.organisation},
        "answers": {qid: (list(v) if isinstance(v, list) else v) for qid, v in _ordered(bank, assessment.answers)},
    }
    roadmap: dict[str, Any] = {}
    if assessment.roadmap_start is not None:
        roadmap["start"] = assessment.roadmap_start.isoformat()
    if not assessment.edits.empty:
        roadmap["edits"] = assessment.edits.to_json()
    if roadmap:
        doc["roadmap"] = roadmap
    if assessment.notes:
        doc["notes"] = dict(assessment.notes)
    if assessment.predecessor is not None:
        doc["predecessor"] = assessment.predecessor.to_json()
    if assessment.progress:
        doc["progress"] = progress_json(assessment.progress)
    if assessment.pulse is not None:
        doc["pulse"] = assessment.pulse.to_json()
    doc["saved_at"] = saved_at if saved_at is not None else (
        assessment.saved_at or dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat())
    return doc


def dumps(bank: Bank, assessment: Assessment, saved_at: str | None = None) -> bytes:
    """The answers file as UTF-8 bytes."""
    return json.dumps(to_json(bank, assessment, saved_at), ensure_ascii=False, indent=2).encode("utf-8")


def _ordered(bank: Bank, answers: Mapping[str, AnswerValue]) -> list[tuple[str, AnswerValue]]:
    order = {qid: i for i, qid in enumerate(bank.questions)}
    return sorted(answers.items(), key=lambda kv: order.get(kv[0], len(order)))
