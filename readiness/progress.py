"""Tracking the roadmap between assessments: statuses with the day they changed, check-ins, follow-ups.

- An action's status lives where it always has (the roadmap edits); :attr:`Assessment.progress`
  adds its history: one ``(status, date)`` entry each time it was set or confirmed.
- A **check-in** confirms or changes every open action's status on one day; it is due monthly,
  counted from the last check-in (or the roadmap's start), until the re-assessment date.
- A **follow-up** is a new assessment linked to the one before: the earlier answers pre-filled
  (or none, by choice) and the roadmap's statuses carried over.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from .answers import STATUSES, Assessment, Predecessor, RoadmapEdits, StatusChange
from .bank import Bank
from .roadmap import Roadmap, RoadmapAction, edit_action, generate

CHECKIN_DAYS = 30
#: How long an assessment with a planned re-assessment (or in a series) is kept after that date.
KEEP_AFTER_REASSESS_DAYS = 90
OPEN = ("todo", "doing")


@dataclasses.dataclass(frozen=True)
class PhaseProgress:
    id: str
    name: str
    done: int
    total: int  # dropped actions do not count

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclasses.dataclass(frozen=True)
class ActionProgress:
    action: RoadmapAction
    since: dt.date | None  # the day it took its current status (None: never set)
    overdue: bool


@dataclasses.dataclass(frozen=True)
class ProgressView:
    """What the Progress page and the PDF's progress page show, as of one day."""

    as_of: dt.date
    counts: Mapping[str, int]
    phases: tuple[PhaseProgress, ...]
    overdue: tuple[ActionProgress, ...]
    next_due: tuple[ActionProgress, ...]
    actions: tuple[ActionProgress, ...]  # overdue first, then by end date
    last_checkin: dt.date | None
    next_checkin: dt.date | None


def status_since(progress: Mapping[str, tuple[StatusChange, ...]], action_id: str, status: str) -> dt.date | None:
    """The first day of the unbroken run of ``status`` that ends the action's history (None when
    the history ends on another status, or is empty)."""
    since = None
    for change in progress.get(action_id, ()):
        if change.status != status:
            since = None
        elif since is None:
            since = change.date
    return since


def last_checkin(assessment: Assessment) -> dt.date | None:
    dates = [c.date for changes in assessment.progress.values() for c in changes]
    return max(dates) if dates else None


def next_checkin(assessment: Assessment, roadmap: Roadmap, today: dt.date) -> dt.date | None:
    """When the next monthly check-in is due (never before today's; None after the re-assessment)."""
    last = last_checkin(assessment)
    due = (last or roadmap.start) + dt.timedelta(days=CHECKIN_DAYS)
    if last is None and due < today:
        due = today
    return due if due < roadmap.reassess_on else None


def checkin_dates(roadmap: Roadmap) -> tuple[dt.date, ...]:
    """The monthly check-ins from the roadmap's start up to (not including) the re-assessment."""
    out, day = [], roadmap.start + dt.timedelta(days=CHECKIN_DAYS)
    while day < roadmap.reassess_on:
        out.append(day)
        day += dt.timedelta(days=CHECKIN_DAYS)
    return tuple(out)


def keep_until(roadmap: Roadmap) -> dt.date:
    """The day until which the store keeps an assessment with this roadmap (re-assessment + 90 days)."""
    return roadmap.reassess_on + dt.timedelta(days=KEEP_AFTER_REASSESS_DAYS)


def is_overdue(action: RoadmapAction, as_of: dt.date) -> bool:
    return action.status in OPEN and action.end < as_of


def progress_view(bank: Bank, assessment: Assessment, roadmap: Roadmap, as_of: dt.date,
                  next_n: int = 5) -> ProgressView:
    """Counts, % done per phase, overdue actions first and the next ones due, as of ``as_of``."""
    counts = {s: 0 for s in STATUSES}
    items = []
    for a in roadmap.actions:
        counts[a.status] += 1
        items.append(ActionProgress(a, status_since(assessment.progress, a.id, a.status), is_overdue(a, as_of)))
    phases = tuple(PhaseProgress(p.id, p.name, sum(1 for a in roadmap.actions_in(p.id) if a.status == "done"),
                                 sum(1 for a in roadmap.actions_in(p.id) if a.status != "dropped"))
                   for p in roadmap.phases)
    ordered = sorted(items, key=lambda i: (not i.overdue, i.action.status not in OPEN, i.action.end, i.action.id))
    overdue = tuple(i for i in ordered if i.overdue)
    upcoming = tuple(i for i in ordered if not i.overdue and i.action.status in OPEN)[:next_n]
    return ProgressView(as_of, counts, phases, overdue, upcoming, tuple(ordered), last_checkin(assessment),
                        next_checkin(assessment, roadmap, as_of))


def _generated(bank: Bank, assessment: Assessment, roadmap: Roadmap) -> dict[str, RoadmapAction]:
    _, actions = generate(bank, assessment.answers, roadmap.start, roadmap.lang)
    return {a.id: a for a in actions}


def record_statuses(bank: Bank, assessment: Assessment, roadmap: Roadmap, statuses: Mapping[str, str],
                    on: dt.date) -> Assessment:
    """A check-in: set (or confirm) each given action's status on day ``on``.

    Changed statuses go into the roadmap edits; every given action gets a progress entry, so a
    confirmed status is dated too. Unknown action ids and statuses raise ValueError.
    """
    known = {a.id: a for a in roadmap.actions}
    generated = _generated(bank, assessment, roadmap)
    edits: RoadmapEdits = assessment.edits
    progress = dict(assessment.progress)
    for action_id, status in statuses.items():
        if action_id not in known:
            raise ValueError(f"{action_id}: not an action of this roadmap")
        if status not in STATUSES:
            raise ValueError(f"{action_id}: unknown status {status!r}")
        if known[action_id].status != status:
            edits = edit_action(bank, edits, generated, action_id, {"status": status})
        history = list(progress.get(action_id, ()))
        if history and history[-1].date == on:
            history[-1] = StatusChange(status, on)
        else:
            history.append(StatusChange(status, on))
        progress[action_id] = tuple(history)
    return assessment.replace(edits=edits, progress=progress)


def predecessor_of(assessment: Assessment, roadmap: Roadmap) -> Predecessor:
    """What a follow-up keeps of ``assessment``: its date, bank version, answers and statuses."""
    return Predecessor(saved_at=assessment.saved_at, bank_version=assessment.bank_version,
                       answers=dict(assessment.answers), statuses={a.id: a.status for a in roadmap.actions})


def start_followup(bank: Bank, earlier: Assessment, roadmap: Roadmap, *, prefill: bool = True,
                   today: dt.date | None = None) -> Assessment:
    """The follow-up assessment of ``earlier``: linked to it, its answers pre-filled (unless
    ``prefill`` is False), the roadmap's statuses carried over, starting today."""
    today = today or dt.date.today()
    changed = {aid: {"status": a.status} for aid, a in ((a.id, a) for a in roadmap.actions)
               if a.origin == "rule" and a.status != "todo"}
    added = tuple(dict(a) for a in earlier.edits.added)
    carried = RoadmapEdits(changed=changed, added=added, removed=tuple(earlier.edits.removed))
    answers = dict(earlier.answers) if prefill else {}
    answers.pop("context.start_date", None)  # the new roadmap starts now
    return Assessment(answers=answers, language=earlier.language, organisation=earlier.organisation,
                      roadmap_start=today, edits=carried, notes={}, bank_version=bank.version,
                      predecessor=predecessor_of(earlier, roadmap), progress=dict(earlier.progress))


def carried_over(assessment: Assessment, question_id: str) -> bool:
    """Whether the answer is still the one pre-filled from the predecessor (not re-confirmed by a change)."""
    pre = assessment.predecessor
    return pre is not None and question_id in pre.answers and assessment.answers.get(question_id) == pre.answers[
        question_id]


def saved_day(saved_at: str) -> dt.date | None:
    """The day of an ISO 8601 ``saved_at`` (None when absent or unreadable)."""
    try:
        return dt.date.fromisoformat(saved_at[:10]) if saved_at else None
    except ValueError:
        return None


__all__ = ["CHECKIN_DAYS", "KEEP_AFTER_REASSESS_DAYS", "ActionProgress", "PhaseProgress", "ProgressView",
           "carried_over", "checkin_dates", "keep_until", "last_checkin", "next_checkin", "predecessor_of",
           "progress_view", "record_statuses", "saved_day", "start_followup", "status_since"]
