"""The employee pulse: a short set of questions for all staff, its aggregate, and what it feeds.

The questions are data (``questions/pulse.yaml``, validated by :class:`PulseContent`); they are
not part of the question bank and never scored. In a workshop, participants' pulse answers are
stored like their other answers, under the pulse's own ids (all starting with ``pulse.``).

- **The aggregate** (:func:`aggregate_pulse`): per question, how many answered and how many chose
  each option; ``n`` is how many counted (those who pressed finish, everyone once the workshop is
  closed) and answered at least one pulse question. Nothing comes out from fewer than
  :data:`THRESHOLD` people, and a question that fewer answered is left out. For the shared and
  anonymous live views (``batch=True``) only the first multiple of three of them count, so the
  picture moves only when three more have finished.
- **What it feeds** (:func:`pulse_effects`): the share willing (options marked ``willing``) is
  written into the first pilot action the roadmap has (recruit the pilot among the willing, and
  how many that is for the organisation's size); options with a ``training`` text chosen by at
  least ``feeds.share_from`` become training topics, written into the first training action;
  options with a ``policy`` text chosen as often become points of the policy outline.
- **The answers file** carries the aggregate as the optional top-level ``pulse`` key
  (:meth:`PulseAggregate.to_json`, :func:`parse_pulse`), so the CLI's plan equals the app's.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from .answers import AnswersError
from .bank import DEFAULT_BANK_DIR, Bank, LocalText
from .i18n import format_number, format_percent, languages
from .yamldata import Strict, read_yaml, validate

FILE_NAME = "pulse.yaml"
PREFIX = "pulse."
#: Nothing from the pulse is shown or exported from fewer people (the workshop's threshold).
THRESHOLD = 3
#: The ``workshops.pulse`` setting: no pulse, after the planning questions, or a pulse only.
MODES = ("off", "with", "only")
MAX_N = 1_000_000
_ID = r"^pulse\.[a-z][a-z0-9_]*$"
_OPTION_ID = r"^[a-z][a-z0-9_]*$"


class PulseError(ValueError):
    """The pulse's content file is broken (``file: field: problem``)."""


class PulseOption(Strict):
    id: str = Field(pattern=_OPTION_ID)
    label: LocalText
    willing: bool = False
    training: LocalText | None = None
    policy: LocalText | None = None


class PulseQuestion(Strict):
    id: str = Field(pattern=_ID)
    kind: Literal["single", "multi"]
    text: LocalText
    help: LocalText | None = None
    source: str | None = None
    options: tuple[PulseOption, ...] = Field(min_length=2)

    def model_post_init(self, context: object) -> None:
        ids = [o.id for o in self.options]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"{self.id}: option ids used twice: {', '.join(twice)}")

    def option(self, option_id: str) -> PulseOption | None:
        return next((o for o in self.options if o.id == option_id), None)


class PulseFeeds(Strict):
    share_from: float = Field(gt=0, le=1)
    pilot_actions: tuple[str, ...] = Field(min_length=1)
    training_actions: tuple[str, ...] = Field(min_length=1)
    policy_section: str
    low_below: float = Field(ge=0, le=1)
    pilot_text: LocalText
    pilot_low: LocalText
    pilot_estimate: LocalText
    training_text: LocalText


class PulseContent(Strict):
    version: str = Field(min_length=1)
    title: LocalText
    intro: LocalText
    questions: tuple[PulseQuestion, ...] = Field(min_length=5, max_length=8)
    feeds: PulseFeeds
    retired: tuple[str, ...] = ()

    def model_post_init(self, context: object) -> None:
        ids = [q.id for q in self.questions]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"questions: ids used twice: {', '.join(twice)}")
        willing = [q.id for q in self.questions if any(o.willing for o in q.options)]
        if len(willing) != 1 or self.question(willing[0]).kind != "single":  # type: ignore[union-attr]
            raise ValueError("questions: exactly one single-choice question must have options marked willing")
        clash = sorted(set(ids) & set(self.retired))
        if clash:
            raise ValueError(f"retired: {', '.join(clash)} still asked")

    def question(self, question_id: str) -> PulseQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def willing_question(self) -> PulseQuestion:
        return next(q for q in self.questions if any(o.willing for o in q.options))


def read_pulse(folder: str | Path = DEFAULT_BANK_DIR) -> PulseContent:
    """Read and validate ``pulse.yaml``; :class:`PulseError` names what is wrong."""
    folder = Path(folder)
    display = f"{folder.name}/{FILE_NAME}"
    data = read_yaml(folder / FILE_NAME, display, PulseError)
    try:
        return validate(PulseContent, data, display, PulseError)
    except ValueError as exc:
        if isinstance(exc, PulseError):
            raise
        raise PulseError(f"{display}: {exc}") from None  # pragma: no cover (pydantic wraps post-init errors)


def load_pulse(folder: str | None = None) -> PulseContent:
    """The pulse's content beside the bank, read once per process (per folder and languages, like the bank)."""
    from . import bank as bank_module

    return _load_cached(str(Path(folder or bank_module.DEFAULT_BANK_DIR).resolve()), languages())


@functools.lru_cache(maxsize=4)
def _load_cached(folder: str, langs: tuple[str, ...]) -> PulseContent:
    return read_pulse(folder)


def content_problems(content: PulseContent, bank: Bank) -> list[str]:
    """What in the pulse does not fit the bank: ids that collide, actions or a policy section it lacks."""
    problems = [f"{q.id}: the bank has a question with this id" for q in content.questions if q.id in bank.questions]
    problems += [f"section {s.id!r}: the bank's section ids must not be 'pulse'" for s in bank.sections
                 if s.id == PREFIX.rstrip(".")]
    rules = {a.id for a in bank.rules.actions}
    for field in ("pilot_actions", "training_actions"):
        problems += [f"feeds.{field}: {a!r} is not a roadmap rule" for a in getattr(content.feeds, field)
                     if a not in rules]
    if content.feeds.policy_section not in {s.id for s in bank.policy.sections}:
        problems.append(f"feeds.policy_section: {content.feeds.policy_section!r} is not a section of the policy")
    return problems


# -- the aggregate --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PulseQuestionStats:
    """How many answered one pulse question and how many chose each option (in the content's order)."""

    question_id: str
    answered: int
    counts: tuple[tuple[str, int], ...]

    def count(self, option_id: str) -> int:
        return dict(self.counts).get(option_id, 0)

    def share(self, option_id: str) -> float:
        return self.count(option_id) / self.answered if self.answered else 0.0


@dataclasses.dataclass(frozen=True)
class PulseAggregate:
    """The pulse's aggregate: ``n`` people, and per question (answered by at least three) the counts."""

    n: int
    questions: Mapping[str, PulseQuestionStats]

    def to_json(self) -> dict[str, Any]:
        """The answers file's ``pulse`` key."""
        return {"n": self.n, "questions": {qid: {"answered": q.answered, "counts": dict(q.counts)}
                                           for qid, q in self.questions.items()}}


def _fitting(question: PulseQuestion, value: Any) -> list[str]:
    """The option ids an answer chose (nothing when it does not fit the question)."""
    ids = {o.id for o in question.options}
    if question.kind == "single":
        return [value] if isinstance(value, str) and value in ids else []
    if isinstance(value, list):
        return [v for v in dict.fromkeys(value) if isinstance(v, str) and v in ids]
    return []


def pulse_answers(content: PulseContent, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The pulse answers among a participant's answers (those that fit the content)."""
    return {q.id: answers[q.id] for q in content.questions if q.id in answers and _fitting(q, answers[q.id])}


def counted_pulse(content: PulseContent, responses: Sequence[Any], *, closed: bool = False,
                  batch: bool = False) -> list[Any]:
    """The responses the pulse counts: finished (everyone once closed) with at least one pulse answer;
    with ``batch``, only the first multiple of :data:`THRESHOLD` of them (by joining order)."""
    counted = [r for r in responses if (closed or r.finished) and pulse_answers(content, r.answers)]
    if batch:
        counted = sorted(counted, key=lambda r: r.participant_id)
        counted = counted[:len(counted) - len(counted) % THRESHOLD]
    return counted


def aggregate_pulse(content: PulseContent, responses: Sequence[Any], *, closed: bool = False,
                    batch: bool = False) -> PulseAggregate | None:
    """The pulse's aggregate over the counted responses (see the module docstring); None from fewer
    than :data:`THRESHOLD` people."""
    counted = counted_pulse(content, responses, closed=closed, batch=batch)
    if len(counted) < THRESHOLD:
        return None
    stats: dict[str, PulseQuestionStats] = {}
    for question in content.questions:
        counts = dict.fromkeys((o.id for o in question.options), 0)
        answered = 0
        for response in counted:
            chosen = _fitting(question, response.answers.get(question.id))
            if chosen:
                answered += 1
                for option_id in chosen:
                    counts[option_id] += 1
        if answered >= THRESHOLD:
            stats[question.id] = PulseQuestionStats(question.id, answered, tuple(counts.items()))
    return PulseAggregate(len(counted), stats)


# -- the answers file's ``pulse`` key ---------------------------------------------------------


def _whole(value: Any, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnswersError(f"{where}: expected a whole number, got {value!r}"[:120])
    if not low <= value <= high:
        raise AnswersError(f"{where}: {value} is outside {low}-{high}")
    return value


def parse_pulse(content: PulseContent, raw: Any, warnings: list[str] | None = None) -> PulseAggregate | None:
    """The ``pulse`` key of an answers file: ``{"n", "questions": {id: {"answered", "counts": {option: count}}}}``.

    Rejected with :class:`AnswersError` naming the field: ``n`` under :data:`THRESHOLD`, unknown
    question or option ids, counts that do not add up. Retired question ids are skipped with a warning.
    """
    if raw is None:
        return None
    warnings = warnings if warnings is not None else []
    if not isinstance(raw, dict):
        raise AnswersError("pulse: expected an object with n and questions")
    for key in raw:
        if key not in ("n", "questions"):
            raise AnswersError(f"pulse.{key}: unknown field")
    if "n" not in raw:
        raise AnswersError("pulse.n: missing")
    n = _whole(raw["n"], "pulse.n", 0, MAX_N)
    if n < THRESHOLD:
        raise AnswersError(f"pulse.n: {n} people; a pulse is shown only from {THRESHOLD} or more")
    questions = raw.get("questions") or {}
    if not isinstance(questions, dict):
        raise AnswersError("pulse.questions: expected an object of question ids")
    stats: dict[str, PulseQuestionStats] = {}
    for qid, entry in questions.items():
        where = f"pulse.questions.{qid}"
        if qid in content.retired:
            warnings.append(f"{where}: retired pulse question, skipped")
            continue
        question = content.question(qid)
        if question is None:
            raise AnswersError(f"{where}: unknown pulse question id")
        if not isinstance(entry, dict):
            raise AnswersError(f"{where}: expected an object with answered and counts")
        for key in entry:
            if key not in ("answered", "counts"):
                raise AnswersError(f"{where}.{key}: unknown field")
        answered = _whole(entry.get("answered"), f"{where}.answered", THRESHOLD, n)
        counts_raw = entry.get("counts") or {}
        if not isinstance(counts_raw, dict):
            raise AnswersError(f"{where}.counts: expected an object of option ids")
        counts = dict.fromkeys((o.id for o in question.options), 0)
        for option_id, count in counts_raw.items():
            if option_id not in counts:
                raise AnswersError(f"{where}.counts.{option_id}: unknown option")
            counts[option_id] = _whole(count, f"{where}.counts.{option_id}", 0, answered)
        if question.kind == "single" and sum(counts.values()) != answered:
            raise AnswersError(f"{where}.counts: a single choice's counts add up to {sum(counts.values())}, "
                               f"not answered ({answered})")
        stats[question.id] = PulseQuestionStats(question.id, answered, tuple(counts.items()))
    order = {q.id: i for i, q in enumerate(content.questions)}
    return PulseAggregate(n, dict(sorted(stats.items(), key=lambda kv: order[kv[0]])))


# -- what it feeds --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PulseEffects:
    """What the pulse adds to the plan, in one language ("" or () where it adds nothing)."""

    willing: int = 0
    answered: int = 0  # how many answered the willingness question
    pilot: str = ""  # the sentence for the pilot action
    training_topics: tuple[str, ...] = ()
    training: str = ""  # the sentence for the training action
    policy_points: tuple[str, ...] = ()

    @property
    def willing_share(self) -> float | None:
        return self.willing / self.answered if self.answered else None


def _frequent(content: PulseContent, agg: PulseAggregate, field: str) -> list[tuple[PulseOption, float]]:
    """Options with a ``field`` text chosen by at least ``share_from`` of those who answered, most chosen first."""
    found: list[tuple[PulseOption, float]] = []
    for question in content.questions:
        stats = agg.questions.get(question.id)
        if stats is None:
            continue
        for option in question.options:
            if getattr(option, field) is not None and stats.share(option.id) >= content.feeds.share_from:
                found.append((option, stats.share(option.id)))
    return sorted(found, key=lambda pair: -pair[1])  # stable: content order among equals


def _position(content: PulseContent, option: PulseOption) -> tuple[int, int]:
    for qi, question in enumerate(content.questions):
        for oi, candidate in enumerate(question.options):
            if candidate is option:
                return qi, oi
    return len(content.questions), 0  # pragma: no cover


def pulse_effects(content: PulseContent, agg: PulseAggregate, lang: str, employees: Any = None) -> PulseEffects:
    """What the pulse's aggregate adds to the plan: the pilot sentence, training topics, policy points."""
    feeds = content.feeds
    question = content.willing_question
    stats = agg.questions.get(question.id)
    pilot, willing, answered = "", 0, 0
    if stats is not None:
        willing = sum(stats.count(o.id) for o in question.options if o.willing)
        answered = stats.answered
        share = willing / answered
        text = feeds.pilot_low if share < feeds.low_below else feeds.pilot_text
        pilot = text.get(lang).format(share=format_percent(100 * share, lang), willing=willing, n=answered).strip()
        if isinstance(employees, (int, float)) and not isinstance(employees, bool) and employees > 0:
            people = max(1, round(share * employees)) if willing else 0
            pilot += " " + feeds.pilot_estimate.get(lang).format(employees=format_number(employees, lang),
                                                                people=format_number(people, lang))
    topics: list[str] = []
    for option, _ in _frequent(content, agg, "training"):
        topic = option.training.get(lang)  # type: ignore[union-attr]
        if topic not in topics:
            topics.append(topic)
    # topics hold commas of their own, so semicolons keep them apart
    training = feeds.training_text.get(lang).format(topics="; ".join(topics)) if topics else ""
    points: list[str] = []
    for option, _ in sorted(_frequent(content, agg, "policy"), key=lambda pair: _position(content, pair[0])):
        point = option.policy.get(lang)  # type: ignore[union-attr]
        if point not in points:  # in the content's order, like the policy's own points
            points.append(point)
    return PulseEffects(willing, answered, pilot, tuple(topics), training, tuple(points))


def first_present(wanted: Iterable[str], present: Iterable[str]) -> str | None:
    """The first of ``wanted`` that is among ``present`` (the action a pulse sentence goes into)."""
    have = set(present)
    return next((a for a in wanted if a in have), None)


def with_pulse_sentences(content: PulseContent, actions: Sequence[Any], effects: PulseEffects) -> tuple[Any, ...]:
    """The roadmap's generated actions with the pulse's pilot and training sentences added to their ``why``."""
    ids = [a.id for a in actions]
    extra: dict[str, list[str]] = {}
    for wanted, sentence in ((content.feeds.pilot_actions, effects.pilot),
                             (content.feeds.training_actions, effects.training)):
        target = first_present(wanted, ids)
        if sentence and target is not None:
            extra.setdefault(target, []).append(sentence)
    return tuple(dataclasses.replace(a, why=" ".join([a.why, *extra[a.id]]).strip()) if a.id in extra else a
                 for a in actions)


# -- what the pages and the PDF show --------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PulseOptionView:
    label: str
    count: int
    share: float  # 0-1 of those who answered the question


@dataclasses.dataclass(frozen=True)
class PulseQuestionView:
    id: str
    kind: str
    text: str
    note: str  # the cited fact, with its source, or ""
    answered: int
    options: tuple[PulseOptionView, ...]


@dataclasses.dataclass(frozen=True)
class PulseView:
    """The pulse's summary in one language: what the host view, the plan and its PDF page show."""

    title: str
    n: int
    questions: tuple[PulseQuestionView, ...]
    effects: PulseEffects


def pulse_view(content: PulseContent, agg: PulseAggregate, lang: str, employees: Any = None) -> PulseView:
    questions = []
    for question in content.questions:
        stats = agg.questions.get(question.id)
        if stats is None:
            continue
        note = question.help.get(lang) if question.help else ""
        if note and question.source:
            note = f"{note} ({question.source})"
        questions.append(PulseQuestionView(
            question.id, question.kind, question.text.get(lang), note, stats.answered,
            tuple(PulseOptionView(o.label.get(lang), stats.count(o.id), stats.share(o.id)) for o in question.options)))
    return PulseView(content.title.get(lang), agg.n, tuple(questions),
                     pulse_effects(content, agg, lang, employees))


def with_pulse_points(bank: Bank, content: PulseContent, parts: Sequence[Any], effects: PulseEffects,
                      lang: str) -> tuple[Any, ...]:
    """The policy outline's parts with the pulse's points added to ``feeds.policy_section``
    (the section is added, in the policy's order, when the answers gave it no points of its own)."""
    if not effects.policy_points:
        return tuple(parts)
    from .plan import PolicyPart

    target = content.feeds.policy_section
    by_id = {p.id: p for p in parts}
    current = by_id.get(target)
    points = (*(current.points if current else ()), *(p for p in effects.policy_points
                                                        if not current or p not in current.points))
    section = next(s for s in bank.policy.sections if s.id == target)
    by_id[target] = PolicyPart(target, section.title.get(lang), points)
    return tuple(by_id[s.id] for s in bank.policy.sections if s.id in by_id)


def with_workshop_pulse(assessment: Any, responses: Sequence[Any], *, is_open: bool) -> Any:
    """A workshop's agreed assessment carrying the pulse's aggregate over its participants (as the
    host's files have it: everyone who finished, everyone once closed; nothing from fewer than three)."""
    return assessment.replace(pulse=aggregate_pulse(load_pulse(), responses, closed=not is_open))
