"""Workshop aggregates: what the host view, the presenter view, the exports and the group PDF show.

A workshop's participants answer the planning sections' questions on their phones (the store
keeps one row per answer). This module turns their responses into plain numbers, in one pass
over the answers, however many participants there are. No Streamlit, plotly or fpdf here.

The definitions, in the words the app and the PDF use:

- **Spread** (statements on the 0–4 scale, and other scored questions): the highest answer minus
  the lowest, in scale steps; "don't know" is left out. 3 or 4 steps: the group **disagrees**;
  2 steps: **some** disagreement; 0 or 1 step: the group **agrees**.
- **Agreement** (decisions, which have no scale): for a single choice, the share who chose the
  most common answer; for a multiple choice, the share on the majority side of the option the
  group was most split on (chose it or did not). Under 60 %: **disagree**; under 80 %: **some**;
  otherwise **agree**.
- **Disagreement score** (0–1, to sort by): spread ÷ 4 for statements, 1 − agreement for
  decisions. Questions sort by level (disagree, some, agree), then by score, then by how many
  answered. With fewer than two answers a question has no level.
- **Suggested agreed answer**: statements: the median of the real answers; when more than half of
  those who responded said "don't know", "don't know". Single choice: the most common answer.
  Multiple choice: every option at least half chose; when none did, the single most chosen one.
  An option the bank marks ``exclusive`` ("no training") is never combined with others: when it
  and other options reach half, the one chosen most often wins, the exclusive option alone or
  the others without it. Numbers: the median, the lower middle.
- **A tie is never settled** by the options' order (the first option may well be the one that
  raises a red flag, such as daily reminders): a statement whose middle falls between two steps,
  a single choice whose most common answer is shared, a multiple choice whose most chosen
  option is shared or whose exclusive option draws level with the others, has no suggestion but
  :attr:`QuestionStats.tied`, the options the room must decide between.
- **Anonymity**: aggregates are shown only when at least :data:`ANONYMITY_THRESHOLD` people
  answered (per question: responded to it). Only the host of a *named* workshop sees them
  earlier; participants and the projector never do (see :func:`may_show`). The shared views
  show a snapshot of the participants who finished, which advances only in batches of at least
  three newly finished (see :func:`counted` and :func:`publish_due`); pictures of an anonymous
  workshop show distributions only, never one point per person.

A participant's section score is :func:`readiness.scoring.score_section`'s number (computed
here with the same weights in one pass); it counts only for sections in which the participant
answered at least one scored question (a "don't know" counts as answered).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from .answers import AnswerValue, Assessment, fitting_answers
from .bank import SCALE_MAX, Bank, Question
from .i18n import normalise_language
from .text import is_empty

ANONYMITY_THRESHOLD = 3
DISAGREE_SPREAD = 3
SOME_SPREAD = 2
DISAGREE_BELOW = 0.6
SOME_BELOW = 0.8
LEVELS = ("disagree", "some", "agree")  # most disputed first
_LEVEL_RANK = {"disagree": 2, "some": 1, "agree": 0, None: -1}
#: Workshop note keys starting with this are the host's settings, not notes on a question.
RESERVED_NOTE_PREFIX = "_"
INVITED_NOTE = "_invited"


class ResponseLike(Protocol):
    """What :func:`aggregate` needs of a participant's response (the store's ``Response`` fits)."""

    participant_id: int
    display_name: str | None
    finished: bool
    answers: Mapping[str, Any]


# -- results --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class QuestionStats:
    """How the group answered one question."""

    question_id: str
    section_id: str
    kind: str
    scored: bool
    options: tuple[str, ...] = ()  # option ids in the bank's order, "don't know" left out
    counts: tuple[int, ...] = ()  # how many chose each of ``options``
    dont_know: int = 0
    answered: int = 0  # real answers (not "don't know")
    median: float | None = None  # the true median (may fall between two steps)
    middle: tuple[float, float] | None = None  # the two middle answers' values (the same one when odd)
    low: float | None = None
    high: float | None = None
    spread: int | None = None  # scored questions: high - low in scale steps
    agreement: float | None = None  # decisions: share on the majority side (0-1)
    level: str | None = None  # "disagree", "some", "agree"; None with fewer than two answers
    score: float = 0.0  # disagreement, 0-1
    suggested: AnswerValue | None = None
    tied: tuple[str, ...] = ()  # a tie: no suggestion, the options to decide between in the room

    @property
    def responses(self) -> int:
        """People who responded at all (real answers and "don't know")."""
        return self.answered + self.dont_know

    def count(self, option_id: str) -> int:
        try:
            return self.counts[self.options.index(option_id)]
        except ValueError:
            return 0

    @property
    def most_common(self) -> str | None:
        """The most chosen option (ties: the first in order); None when nobody chose one."""
        if not self.counts or max(self.counts) == 0:
            return None
        return self.options[self.counts.index(max(self.counts))]

    @property
    def sort_key(self) -> tuple[int, float, int]:
        return (_LEVEL_RANK[self.level], self.score, self.responses)


@dataclasses.dataclass(frozen=True)
class SectionStats:
    """The distribution of participants' scores (0–100) for one planning section."""

    section_id: str
    scores: tuple[float, ...]  # sorted, one per participant who answered a scored question here

    @property
    def n(self) -> int:
        return len(self.scores)

    @property
    def median(self) -> float | None:
        return _median(self.scores)

    @property
    def low(self) -> float | None:
        return self.scores[0] if self.scores else None

    @property
    def high(self) -> float | None:
        return self.scores[-1] if self.scores else None

    @property
    def mean(self) -> float | None:
        return round(math.fsum(self.scores) / len(self.scores), 1) if self.scores else None

    @property
    def quartiles(self) -> tuple[float, float] | None:
        """The lower and upper quartile (medians of the lower and upper halves)."""
        n = len(self.scores)
        if n < 2:
            return None
        half = n // 2
        return _median(self.scores[:half]), _median(self.scores[n - half:])  # type: ignore[return-value]


@dataclasses.dataclass(frozen=True)
class Aggregate:
    """Everything the live views need, from one pass over the responses."""

    joined: int
    finished: int
    responded: int  # participants with at least one answer
    questions: Mapping[str, QuestionStats]  # in the bank's order
    sections: tuple[SectionStats, ...]

    def by_disagreement(self, *, min_responses: int = 0) -> list[QuestionStats]:
        """Questions with a level, most disputed first (see the module docstring)."""
        order = {qid: i for i, qid in enumerate(self.questions)}
        rated = [q for q in self.questions.values() if q.level is not None and q.responses >= min_responses]
        return sorted(rated, key=lambda q: (-q.sort_key[0], -q.sort_key[1], -q.sort_key[2], order[q.question_id]))

    def suggested(self) -> dict[str, AnswerValue]:
        """The suggested agreed answer of every question somebody answered."""
        return {qid: q.suggested for qid, q in self.questions.items() if q.suggested is not None}

    def section(self, section_id: str) -> SectionStats | None:
        return next((s for s in self.sections if s.section_id == section_id), None)


# -- anonymity ------------------------------------------------------------------------------


def may_show(count: int, *, anonymous: bool, host: bool = False) -> bool:
    """Whether aggregates over ``count`` people may be shown to this viewer.

    The threshold holds for everyone in an anonymous workshop, and always for participants and
    the projector (so nobody can work out a colleague's answers); only the host of a named
    workshop, who may see each person's answers anyway, sees aggregates over fewer people.
    """
    if host and not anonymous:
        return True
    return count >= ANONYMITY_THRESHOLD


def counted(responses: Sequence[ResponseLike], *, closed: bool = False) -> list[ResponseLike]:
    """The participants who count towards what the room sees: those who pressed finish, or everyone
    once the workshop is closed. Half-answered phones never move a shared picture."""
    return list(responses) if closed else [r for r in responses if r.finished]


def publish_due(counted_now: int, published: int) -> bool:
    """Whether the shared views may move to a new snapshot.

    A snapshot advances only when at least :data:`ANONYMITY_THRESHOLD` more participants count
    (see :func:`counted`) than in the last one, so a change on the projector, the phones or the
    anonymous host view always mixes at least three people's answers: the 4th answer moves
    nothing, the 6th finished participant does. ``published`` is 0 before the first snapshot.
    """
    return counted_now - published >= ANONYMITY_THRESHOLD


#: Joins from one client address allowed within :data:`JOIN_WINDOW_SECONDS` (a whole room behind
#: one NAT passes; one person scripting or opening tabs is slowed down).
JOINS_PER_ADDRESS = 120
JOIN_WINDOW_SECONDS = 300.0
#: Participants one browser session may create (a reload keeps its token; a lost one may rejoin).
JOINS_PER_SESSION = 2


def join_allowed(session_joins: int, address_joins: Sequence[float], now: float, *,
                 per_address: int = JOINS_PER_ADDRESS, window: float = JOIN_WINDOW_SECONDS) -> bool:
    """Whether one more join may go ahead.

    ``session_joins`` is how many participants this browser session has created;
    ``address_joins`` are the times of recent joins from the client's address.
    A private tab is a new session, so the per-address rate is what bounds one person; it is
    generous, because a real room shares one address behind a NAT.
    """
    if session_joins >= JOINS_PER_SESSION:
        return False
    recent = sum(1 for at in address_joins if now - window < at <= now)
    return recent < per_address


# -- the aggregation ------------------------------------------------------------------------


def participant_questions(bank: Bank) -> tuple[Question, ...]:
    """The questions participants answer: those of the seven planning sections, in order."""
    return tuple(q for s in bank.planning_sections for q in s.questions)


def _median(values: Sequence[float]) -> float | None:
    n = len(values)
    if not n:
        return None
    mid = n // 2
    return float(values[mid]) if n % 2 else (values[mid - 1] + values[mid]) / 2


def _middle_from_counts(values: Sequence[int], counts: Sequence[int]) -> tuple[int, int] | None:
    """The two middle values of a distribution given as counts per (sorted) value (equal when odd)."""
    n = sum(counts)
    if not n:
        return None
    positions = [(n - 1) // 2, n // 2]
    found: list[int] = []
    seen = 0
    for value, count in zip(values, counts):
        seen += count
        while positions and seen > positions[0]:
            found.append(value)
            positions.pop(0)
    return found[0], found[1]


def _level_from_spread(spread: int) -> str:
    return "disagree" if spread >= DISAGREE_SPREAD else "some" if spread >= SOME_SPREAD else "agree"


def _level_from_agreement(share: float) -> str:
    return "disagree" if share < DISAGREE_BELOW else "some" if share < SOME_BELOW else "agree"


@dataclasses.dataclass
class _Spec:
    """A question prepared for counting (mutable counters, filled in one pass)."""

    question: Question
    section_index: int
    kind: str  # "ordinal", "single", "multi", "number", "other"
    index: dict[str, int]  # option id -> position in options (don't know excluded)
    options: tuple[str, ...]
    values: tuple[int, ...]  # ordinal: the option's value
    dont_know_ids: frozenset[str]
    counts: list[int]
    exclusive: frozenset[str] = frozenset()
    dont_know: int = 0
    answered: int = 0
    numbers: list[float] = dataclasses.field(default_factory=list)


def _specs(bank: Bank, questions: Iterable[Question]) -> dict[str, _Spec]:
    section_index = {s.id: i for i, s in enumerate(bank.planning_sections)}
    specs: dict[str, _Spec] = {}
    for q in questions:
        options = bank.options_of(q) if q.kind in ("single", "multi", "scale") else ()
        real = tuple(o for o in options if not getattr(o, "dont_know", False))
        dont_know = frozenset(o.id for o in options if getattr(o, "dont_know", False))
        if q.is_scored:
            kind = "ordinal"
            real = tuple(sorted(real, key=lambda o: o.value if o.value is not None else -1))
        elif q.kind in ("single", "multi", "number"):
            kind = q.kind
        else:
            kind = "other"
        specs[q.id] = _Spec(q, section_index.get(bank.section_of[q.id].id, -1), kind,
                            {o.id: i for i, o in enumerate(real)}, tuple(o.id for o in real),
                            tuple(o.value or 0 for o in real) if kind == "ordinal" else (), dont_know,
                            [0] * len(real), frozenset(o.id for o in real if getattr(o, "exclusive", False)))
    return specs


def aggregate(bank: Bank, responses: Sequence[ResponseLike], questions: Iterable[Question] | None = None) -> Aggregate:
    """Count, summarise and rate every question, and score every participant's sections, in one pass."""
    running = RunningAggregate(bank, questions)
    running._extend(responses)
    return running.result()


class RunningAggregate:
    """An :class:`Aggregate` kept up to date one participant at a time.

    :meth:`apply` takes participants whose answers changed (their whole current answers); each
    one's previous contribution is taken out and the new one put in, so a refresh costs what
    changed, not the size of the room. ``include`` decides who counts (e.g. only the finished,
    see :func:`counted`); a participant who no longer counts is taken out. :meth:`result` is the
    same as :func:`aggregate` over the participants that count (a property test holds it to that).
    ``revision`` is the caller's bookmark (the store's workshop revision read so far).
    """

    def __init__(self, bank: Bank, questions: Iterable[Question] | None = None) -> None:
        questions = tuple(questions) if questions is not None else participant_questions(bank)
        self._specs = _specs(bank, questions)
        planning = bank.planning_sections
        self._section_ids = tuple(s.id for s in planning)
        # Section scores exactly as scoring.score_section: the scored questions' values x weight over
        # the most they could give; points per option looked up once (None: "don't know", 0 points).
        self._scoring: dict[str, tuple[int, dict[str, float | None]]] = {}
        self._possible = [0.0] * len(planning)
        for si, section in enumerate(planning):
            for q in section.scored_questions:
                self._scoring[q.id] = (si, {o.id: None if getattr(o, "dont_know", False) or o.value is None
                                            else o.value * q.weight for o in bank.options_of(q)})
                self._possible[si] += SCALE_MAX * q.weight
        self._scores: list[list[float]] = [[] for _ in planning]  # kept sorted
        self._known: dict[int, tuple[bool, dict[str, Any]]] = {}  # participant -> (finished, answers)
        self._finished = self._responded = 0
        self.revision = 0

    def __len__(self) -> int:
        """How many participants count."""
        return len(self._known)

    @property
    def finished(self) -> int:
        return self._finished

    def apply(self, responses: Iterable[ResponseLike], include: Any = None) -> None:
        """Take in these participants' current state (``include(response)`` False: they no longer count)."""
        for response in responses:
            old = self._known.pop(response.participant_id, None)
            if old is not None:
                self._contribute(old[0], old[1], -1)
            if include is None or include(response):
                entry = (bool(response.finished), dict(response.answers))
                self._known[response.participant_id] = entry
                self._contribute(entry[0], entry[1], 1)

    def _extend(self, responses: Iterable[ResponseLike]) -> None:
        """All participants at once, for a one-off :func:`aggregate` (appended, sorted once; nothing
        kept for taking them out again, so :meth:`apply` must not follow)."""
        for response in responses:
            self._known[response.participant_id] = (bool(response.finished), {})
            self._contribute(bool(response.finished), response.answers, 1, _append)
        for values in self._scores:
            values.sort()
        for spec in self._specs.values():
            spec.numbers.sort()

    def _contribute(self, finished: bool, answers: Mapping[str, Any], sign: int,
                    change: Any = None) -> None:
        change = change or _sorted_change
        self._finished += sign * finished
        if not answers:
            return
        self._responded += sign
        specs, scoring = self._specs, self._scoring
        got: dict[int, float] = {}
        for qid, value in answers.items():
            spec = specs.get(qid)
            if spec is not None:
                kind = spec.kind
                if kind == "ordinal" or kind == "single":
                    if isinstance(value, str):
                        i = spec.index.get(value)
                        if i is not None:
                            spec.counts[i] += sign
                            spec.answered += sign
                        elif value in spec.dont_know_ids:
                            spec.dont_know += sign
                elif kind == "multi":
                    if isinstance(value, list):
                        hit = False
                        for v in value:
                            i = spec.index.get(v)
                            if i is not None:
                                spec.counts[i] += sign
                                hit = True
                        spec.answered += sign * hit
                elif kind == "number" and isinstance(value, (int, float)) and not isinstance(value, bool) \
                        and math.isfinite(value):
                    change(spec.numbers, value, sign)
                    spec.answered += sign
            scored = scoring.get(qid)
            if scored is not None and isinstance(value, str) and value in scored[1]:
                points = scored[1][value]
                got[scored[0]] = got.get(scored[0], 0.0) + (points or 0.0)
        for si, points in got.items():
            if self._possible[si]:
                change(self._scores[si], round(100 * points / self._possible[si] + 0.0, 1), sign)

    def result(self) -> Aggregate:
        stats = {qid: _finish(spec) for qid, spec in self._specs.items()}
        sections = tuple(SectionStats(sid, tuple(scores)) for sid, scores in zip(self._section_ids, self._scores))
        return Aggregate(joined=len(self._known), finished=self._finished, responded=self._responded,
                         questions=stats, sections=sections)


def _append(values: list[Any], value: Any, sign: int) -> None:
    values.append(value)


def _sorted_change(values: list[Any], value: Any, sign: int) -> None:
    """Insert ``value`` into (sign 1) or remove one equal value from (sign -1) a sorted list."""
    if sign > 0:
        bisect.insort(values, value)
    else:
        i = bisect.bisect_left(values, value)
        if i < len(values) and values[i] == value:
            del values[i]


def _finish(spec: _Spec) -> QuestionStats:
    q = spec.question
    common = {"question_id": q.id, "section_id": q.id.split(".", 1)[0], "kind": q.kind, "scored": q.is_scored,
              "options": spec.options, "counts": tuple(spec.counts), "dont_know": spec.dont_know,
              "answered": spec.answered}
    if spec.kind == "ordinal":
        return _finish_ordinal(spec, common)
    if spec.kind == "single":
        return _finish_single(spec, common)
    if spec.kind == "multi":
        return _finish_multi(spec, common)
    if spec.kind == "number":
        numbers = spec.numbers  # kept sorted
        lower = numbers[(len(numbers) - 1) // 2] if numbers else None
        middle = (numbers[(len(numbers) - 1) // 2], numbers[len(numbers) // 2]) if numbers else None
        return QuestionStats(**common, median=_median(numbers), middle=middle, low=numbers[0] if numbers else None,
                             high=numbers[-1] if numbers else None, suggested=lower)
    return QuestionStats(**common)


def _finish_ordinal(spec: _Spec, common: dict[str, Any]) -> QuestionStats:
    counts, values, n = spec.counts, spec.values, spec.answered
    used = [v for v, c in zip(values, counts) if c]
    low, high = (used[0], used[-1]) if used else (None, None)
    spread = high - low if used else None
    level = _level_from_spread(spread) if spread is not None and n >= 2 else None
    middle = _middle_from_counts(values, counts)
    suggested: AnswerValue | None = None
    tied: tuple[str, ...] = ()
    if spec.dont_know and (not n or spec.dont_know * 2 > n + spec.dont_know):
        suggested = sorted(spec.dont_know_ids)[0]  # more than half don't know: that is the honest answer
    elif middle is not None and middle[0] == middle[1]:  # the median
        suggested = next(oid for oid, v in zip(spec.options, values) if v == middle[0])
    elif middle is not None:  # the middle falls between two steps: the room decides
        tied = tuple(oid for oid, v in zip(spec.options, values) if v in middle)
    return QuestionStats(**common, median=sum(middle) / 2 if middle else None, middle=middle, low=low, high=high,
                         spread=spread, level=level, score=(spread or 0) / SCALE_MAX if level else 0.0,
                         suggested=suggested, tied=tied)


def _finish_single(spec: _Spec, common: dict[str, Any]) -> QuestionStats:
    counts, n = spec.counts, spec.answered
    top = max(counts) if counts else 0
    share = top / n if n else None
    level = _level_from_agreement(share) if share is not None and n >= 2 else None
    leaders = tuple(oid for oid, c in zip(spec.options, counts) if n and c == top)
    suggested: AnswerValue | None = leaders[0] if len(leaders) == 1 else None
    tied = leaders if len(leaders) > 1 else ()
    if not n and spec.dont_know:
        suggested = sorted(spec.dont_know_ids)[0]
    return QuestionStats(**common, agreement=share, level=level, score=1 - share if level else 0.0,
                         suggested=suggested, tied=tied)


def _finish_multi(spec: _Spec, common: dict[str, Any]) -> QuestionStats:
    counts, n = spec.counts, spec.answered
    if not n:
        return QuestionStats(**common)
    share = min(max(c, n - c) for c in counts) / n
    level = _level_from_agreement(share) if n >= 2 else None
    suggested, tied = _multi_suggestion(spec.options, counts, n, spec.exclusive)
    return QuestionStats(**common, agreement=share, level=level, score=1 - share if level else 0.0,
                         suggested=suggested, tied=tied)


def _multi_suggestion(options: Sequence[str], counts: Sequence[int], n: int,
                      exclusive: frozenset[str]) -> tuple[list[str] | None, tuple[str, ...]]:
    """A multiple choice's suggestion and, when it is a tie, the options to decide between.

    Every option at least half of the ``n`` respondents chose; when none did, the single most
    chosen one. An exclusive option never joins others: the candidates are each exclusive option
    on its own and the other options together, each as strong as its most chosen option; the
    strongest wins, and a draw between the strongest is a tie.
    """
    count = dict(zip(options, counts))
    chosen = [oid for oid in options if count[oid] * 2 >= n]
    if not chosen:
        top = max(counts)
        leaders = [oid for oid in options if count[oid] == top]
        return (leaders, ()) if len(leaders) == 1 else (None, tuple(leaders))
    alone = [oid for oid in chosen if oid in exclusive]
    others = [oid for oid in chosen if oid not in exclusive]
    if not alone or len(chosen) == 1:
        return chosen, ()
    candidates = [([oid], count[oid]) for oid in alone] + ([(others, max(count[o] for o in others))] if others else [])
    best = max(strength for _, strength in candidates)
    winners = [c for c, strength in candidates if strength == best]
    if len(winners) == 1:
        return winners[0], ()
    return None, tuple(oid for oid in options if any(oid in c for c in winners))


# -- agreeing -------------------------------------------------------------------------------


def effective_agreed(agreed: Mapping[str, Any], suggested: Mapping[str, Any]) -> dict[str, Any]:
    """The agreed answers as they stand: the facilitator's choices over the suggestions."""
    return {**dict(suggested), **{k: v for k, v in agreed.items() if not is_empty(v)}}


def agreed_assessment(bank: Bank, agreed: Mapping[str, Any], *, organisation: str = "", language: str = "da",
                      suggested: Mapping[str, Any] | None = None) -> Assessment:
    """The group's agreed answers as an ordinary :class:`Assessment` (results, roadmap, PDF).

    ``agreed`` holds the facilitator's choices; questions they did not set take the
    ``suggested`` answer. Answers that no longer fit the bank are left out.
    """
    answers = fitting_answers(bank, effective_agreed(agreed, suggested or {}))
    return Assessment(answers=answers, language=normalise_language(language), organisation=organisation,
                      bank_version=bank.version)


def question_notes(notes: Mapping[str, str]) -> dict[str, str]:
    """The facilitator's notes on questions (settings such as the invited count left out)."""
    return {k: v for k, v in notes.items() if not k.startswith(RESERVED_NOTE_PREFIX) and v and v.strip()}


def invited_count(notes: Mapping[str, str]) -> int | None:
    raw = notes.get(INVITED_NOTE, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


# -- the group page of the PDF --------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class GroupReport:
    """What the PDF's participation-and-disagreement page shows (plain data, no text rendering)."""

    title: str
    date: dt.date | None
    anonymous: bool
    invited: int | None
    joined: int
    finished: int
    responded: int
    shown: bool  # False: too few answered in an anonymous workshop; only participation is printed
    questions: tuple[QuestionStats, ...]  # most disputed first
    agreed: Mapping[str, Any]  # the effective agreed answers
    notes: Mapping[str, str]  # question id -> the facilitator's note


def group_report(aggregate: Aggregate, *, title: str, anonymous: bool, agreed: Mapping[str, Any],
                 notes: Mapping[str, str], date: dt.date | None = None) -> GroupReport:
    shown = may_show(aggregate.responded, anonymous=anonymous, host=True)
    questions = tuple(q for q in aggregate.by_disagreement()
                      if may_show(q.responses, anonymous=anonymous, host=True)) if shown else ()
    return GroupReport(title=title, date=date, anonymous=anonymous, invited=invited_count(notes),
                       joined=aggregate.joined, finished=aggregate.finished, responded=aggregate.responded,
                       shown=shown, questions=questions,
                       agreed=effective_agreed(agreed, aggregate.suggested()), notes=question_notes(notes))


def visible_suggestions(aggregate: Aggregate, *, anonymous: bool) -> dict[str, AnswerValue]:
    """The suggested agreed answers the host may see and use (none from too few answers in an
    anonymous workshop): what the agree tab shows, the results and the group PDF are built from."""
    return {qid: q.suggested for qid, q in aggregate.questions.items()
            if q.suggested is not None and may_show(q.responses, anonymous=anonymous, host=True)}
