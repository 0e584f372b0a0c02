"""The roadmap: phases dated from the start date, actions from the bank's rules, the user's edits on top.

- Phases run back to back from the start date and never overlap; each has an end.
- An action rule fires when its condition holds; its id is the rule's id, so edits keep
  pointing at the same action when answers change. The first variant whose condition holds
  words it for the context (a 40-person firm gets another pilot size than a 4,000-person one).
- No action starts in a holiday listed in the bank (the Danish summer holiday, the Christmas
  week): it is moved to the first day after, and the action says so.
- The owner defaults to the owning function chosen in the ownership question.
- Edits (``changed``, ``added``, ``removed``) are applied on top of whatever the rules generate
  now: a changed action that no longer fires is dropped with its edit; added actions stay;
  removed ones stay removed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from .answers import AnswersError, Assessment, RoadmapEdits, parse_date
from .bank import Bank, Holiday
from .conditions import Facts, Trigger, evaluate
from .effort import action_hours, load_effort
from .i18n import format_date, t
from .scoring import ScoreResult, answer_label, score


@dataclasses.dataclass(frozen=True)
class PhasePlan:
    id: str
    name: str
    goal: str
    start: dt.date
    end: dt.date
    note: str = ""  # why the planner moved or shortened the phase (the summer holiday), or ""


@dataclasses.dataclass(frozen=True)
class TriggerInfo:
    """A readable reason for an action: which question and answer (or gap, or score) fired it."""

    question: str | None
    text: str
    answer: str


@dataclasses.dataclass(frozen=True)
class RoadmapAction:
    id: str
    title: str
    why: str
    phase: str
    owner: str
    start: dt.date
    end: dt.date
    kpi: str
    status: str = "todo"
    priority: int = 5
    origin: str = "rule"  # "rule" or "added"
    section: str | None = None
    source: str | None = None
    triggers: tuple[TriggerInfo, ...] = ()
    moved: str | None = None
    edited: tuple[str, ...] = ()
    every_weeks: int | None = None  # recurring: once every n weeks from start to end
    hours: float | None = None  # the owner's estimated hours for the action (an estimate, editable)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "title": self.title, "why": self.why, "phase": self.phase, "owner": self.owner,
            "start": self.start.isoformat(), "end": self.end.isoformat(), "kpi": self.kpi, "status": self.status,
            "priority": self.priority, "origin": self.origin,
            "triggered_by": [{"question": tr.question, "text": tr.text, "answer": tr.answer} for tr in self.triggers],
        }
        if self.section:
            out["section"] = self.section
        if self.source:
            out["source"] = self.source
        if self.moved:
            out["moved"] = self.moved
        if self.edited:
            out["edited"] = list(self.edited)
        if self.every_weeks:
            out["every_weeks"] = self.every_weeks
        if self.hours is not None:
            out["hours"] = self.hours
        return out


@dataclasses.dataclass(frozen=True)
class Roadmap:
    lang: str
    start: dt.date
    phases: tuple[PhasePlan, ...]
    actions: tuple[RoadmapAction, ...]
    reassess_on: dt.date
    dropped_edits: tuple[str, ...] = ()
    owner: str = ""  # who owns the programme's actions by default (a chosen function, or the new owner)
    sponsor: str = ""  # who holds the pilot's go/no-go

    @property
    def end(self) -> dt.date:
        return max([p.end for p in self.phases] + [a.end for a in self.actions])

    def phase(self, phase_id: str) -> PhasePlan | None:
        return next((p for p in self.phases if p.id == phase_id), None)

    def actions_in(self, phase_id: str) -> tuple[RoadmapAction, ...]:
        return tuple(a for a in self.actions if a.phase == phase_id)

    def to_json(self) -> dict[str, Any]:
        """The ``roadmap --json`` shape of DESIGN.md (plus additive fields)."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "reassess_on": self.reassess_on.isoformat(),
            "phases": [{"id": p.id, "name": p.name, "goal": p.goal, "start": p.start.isoformat(),
                        "end": p.end.isoformat(), **({"note": p.note} if p.note else {})} for p in self.phases],
            "actions": [a.to_json() for a in self.actions],
            "dropped_edits": list(self.dropped_edits),
        }


# -- dates ----------------------------------------------------------------------------------


def resolve_start(assessment: Assessment, override: dt.date | str | None = None,
                  today: dt.date | None = None) -> dt.date:
    """The roadmap's start: ``override``, the saved roadmap start, the context start date, today."""
    if isinstance(override, str):
        override = parse_date(override, "--start")
    if override is not None:
        return override
    if assessment.roadmap_start is not None:
        return assessment.roadmap_start
    answer = assessment.answers.get("context.start_date")
    if isinstance(answer, str):
        try:
            return parse_date(answer, "context.start_date")
        except AnswersError:
            pass
    return today or dt.date.today()


def _md(value: str) -> tuple[int, int]:
    month, day = value.split("-")
    return int(month), int(day)


def holiday_at(holidays: tuple[Holiday, ...], day: dt.date) -> tuple[Holiday, dt.date] | None:
    """The holiday ``day`` falls in and the holiday's last day, or None."""
    md = (day.month, day.day)
    for h in holidays:
        start, end = _md(h.start), _md(h.end)
        if start <= end:
            if start <= md <= end:
                return h, dt.date(day.year, *end)
        elif md >= start:
            return h, dt.date(day.year + 1, *end)
        elif md <= end:
            return h, dt.date(day.year, *end)
    return None


def holiday_periods(holidays: tuple[Holiday, ...], begin: dt.date,
                    finish: dt.date) -> list[tuple[dt.date, dt.date, Holiday]]:
    """Every holiday period that overlaps ``begin``–``finish``: (first day, the day after the last, holiday)."""
    out = []
    for year in range(begin.year - 1, finish.year + 1):
        for h in holidays:
            (sm, sd), (em, ed) = _md(h.start), _md(h.end)
            start = dt.date(year, sm, sd)
            end = dt.date(year if (em, ed) >= (sm, sd) else year + 1, em, ed) + dt.timedelta(days=1)
            if end > begin and start < finish:
                out.append((start, end, h))
    return out


def avoid_holidays(holidays: tuple[Holiday, ...], day: dt.date) -> tuple[dt.date, Holiday | None]:
    """The first day on or after ``day`` outside every holiday, and the holiday skipped (if any)."""
    skipped = None
    for _ in range(len(holidays) + 1):
        hit = holiday_at(holidays, day)
        if hit is None:
            break
        skipped, last = hit
        day = last + dt.timedelta(days=1)
    return day, skipped


PILOT = "pilot"
REASSESS = "reassess"
MIN_PILOT_WEEKS = 8


def _pilot_window(bank: Bank, start: dt.date, end: dt.date, lang: str) -> tuple[dt.date, dt.date, str]:
    """The pilot's dates kept out of the holidays marked ``keeps_pilot_out`` (the summer holiday).

    A pilot that would run into such a holiday ends the day before it when at least
    ``MIN_PILOT_WEEKS`` fit; otherwise it starts the day after the holiday, keeping its length.
    """
    blocking = tuple(h for h in bank.meta.holidays if h.keeps_pilot_out)
    for first, after, holiday in holiday_periods(blocking, start, end + dt.timedelta(days=1)):
        name = holiday.name.get(lang)
        if (first - start).days >= 7 * MIN_PILOT_WEEKS:
            end = first - dt.timedelta(days=1)
            return start, end, t("plan.pilot_shortened", lang, holiday=name, date=format_date(end, lang))
        length = end - start
        start = max(after, start)
        return start, start + length, t("plan.pilot_moved", lang, holiday=name, date=format_date(start, lang))
    return start, end, ""


def phase_plans(bank: Bank, start: dt.date, lang: str) -> tuple[PhasePlan, ...]:
    """The bank's phases back to back from ``start``; each ends the day before the next begins.

    The pilot never runs through the summer holiday: it is shortened or moved (the phase before
    it then lasts until the pilot starts), and its ``note`` says so.
    """
    plans: list[PhasePlan] = []
    cursor = start
    for p in bank.meta.phases:
        begin, end = cursor, cursor + dt.timedelta(days=7 * p.weeks - 1)
        note = ""
        if p.id == PILOT:
            begin, end, note = _pilot_window(bank, begin, end, lang)
            if begin > cursor and plans:
                plans[-1] = dataclasses.replace(plans[-1], end=begin - dt.timedelta(days=1))
        plans.append(PhasePlan(p.id, p.name.get(lang), p.goal.get(lang) if p.goal else "", begin, end, note))
        cursor = end + dt.timedelta(days=1)
    return tuple(plans)


# -- generation -----------------------------------------------------------------------------


OWNER_NAME = "context.owner_name"
SPONSOR_NAME = "context.sponsor_name"
NAME_LIMIT = 120


def named_person(answers: Mapping[str, Any], question_id: str) -> str:
    """A name (and role) given in the context step, on one line and at most ``NAME_LIMIT`` characters; or ""."""
    value = answers.get(question_id)
    if not isinstance(value, str):
        return ""
    return " ".join(value.split())[:NAME_LIMIT].rstrip()


def default_owner(bank: Bank, answers: Mapping[str, Any], lang: str) -> str:
    """The named owner from the context step, else the owning function chosen in the ownership
    question, else the bank's fallback owner."""
    named = named_person(answers, OWNER_NAME)
    if named:
        return named
    qid = bank.rules.owner_question
    value = answers.get(qid)
    question = bank.questions[qid]
    option = bank.option(question, value) if isinstance(value, str) else None
    if option is None or option.id in ("undecided", "dont_know") or getattr(option, "dont_know", False):
        return bank.rules.owner_fallback.get(lang)
    return option.label.get(lang)


def sponsor_name(bank: Bank, lang: str, answers: Mapping[str, Any] | None = None) -> str:
    """Who holds the pilot's go/no-go: the sponsor named in the context step, else the bank's wording."""
    named = named_person(answers or {}, SPONSOR_NAME)
    if named:
        return named
    return bank.rules.sponsor.get(lang) if bank.rules.sponsor else ""


def _trigger_info(bank: Bank, tr: Trigger, answers: Mapping[str, Any], result: ScoreResult, lang: str) -> TriggerInfo:
    if tr.question:
        q = bank.questions[tr.question]
        return TriggerInfo(tr.question, q.text.get(lang), answer_label(bank, tr.question, answers.get(tr.question), lang))
    if tr.section:
        s = next((s for s in result.sections if s.id == tr.section), None)
        return TriggerInfo(None, s.title if s else tr.section, f"{s.score:.0f}/100" if s else "")
    return TriggerInfo(None, t("score.overall", lang), f"{result.overall:.0f}/100")


def _with_reason(why: str, reason: str) -> str:
    """``why`` with its first sentence replaced by ``reason``."""
    parts = re.split(r"(?<=[.!?])\s+", why, maxsplit=1)
    return f"{reason} {parts[1]}" if len(parts) > 1 else reason


def generate(bank: Bank, answers: Mapping[str, Any], start: dt.date, lang: str,
             result: ScoreResult | None = None) -> tuple[tuple[PhasePlan, ...], tuple[RoadmapAction, ...]]:
    """The phases and the actions the rules generate for these answers (no edits applied)."""
    result = result or score(bank, answers, lang)
    facts = Facts(answers=answers, section_scores=result.section_scores, overall=result.overall)
    phases = phase_plans(bank, start, lang)
    by_id = {p.id: p for p in phases}
    owner = default_owner(bank, answers, lang)
    effort = load_effort()
    actions = []
    for rule in bank.rules.actions:
        ok, triggers = evaluate(bank, rule.when, facts)
        if not ok:
            continue
        title, why, kpi, weeks = rule.title, rule.why, rule.kpi, rule.duration_weeks
        for variant in rule.variants:
            if evaluate(bank, variant.when, facts)[0]:
                title = variant.title or title
                why = variant.why or why
                kpi = variant.kpi or kpi
                weeks = variant.duration_weeks or weeks
                break
        why_text = why.get(lang)
        for reason in rule.reasons:
            if evaluate(bank, reason.when, facts)[0]:
                why_text = _with_reason(why_text, reason.why.get(lang))
                break
        phase = by_id[rule.phase]
        if rule.from_end:
            begin = max(phase.end - dt.timedelta(days=7 * rule.offset_weeks - 1), phase.start)
        else:
            begin = min(phase.start + dt.timedelta(weeks=rule.offset_weeks), phase.end)
        begin, skipped = avoid_holidays(bank.meta.holidays, begin)
        moved = None
        if skipped is not None:
            moved = t("roadmap.moved", lang, holiday=skipped.name.get(lang), date=format_date(begin, lang))
        end = begin + dt.timedelta(days=7 * weeks - 1)
        if rule.every_weeks and begin <= phase.end:
            end = phase.end  # recurring work lasts the whole phase
        if begin <= phase.end:
            end = min(end, phase.end)
        actions.append(RoadmapAction(
            id=rule.id, title=title.get(lang), why=why_text, phase=rule.phase,
            owner=rule.owner.get(lang) if rule.owner else owner, start=begin, end=end, kpi=kpi.get(lang),
            priority=rule.priority, section=rule.section, source=rule.source, every_weeks=rule.every_weeks,
            hours=action_hours(effort, rule.id, begin, end, rule.every_weeks),
            triggers=tuple(_trigger_info(bank, tr, answers, result, lang) for tr in triggers), moved=moved))
    sponsor = sponsor_name(bank, lang, answers)
    if bank.rules.sponsor and sponsor != bank.rules.sponsor.get(lang):
        generic = bank.rules.sponsor.get(lang)
        actions = [dataclasses.replace(a, owner=sponsor) if a.owner == generic else a for a in actions]
    if owner == bank.rules.owner_fallback.get(lang):
        appoint = next((a for a in actions if a.id == "appoint_owner"), None)
        if appoint is not None:
            named = t("plan.new_owner", lang, date=format_date(appoint.end, lang))
            actions = [dataclasses.replace(a, owner=named) if a.owner == owner else a for a in actions]
    return phases, tuple(actions)


def programme_owner(bank: Bank, answers: Mapping[str, Any], actions: tuple[RoadmapAction, ...], lang: str) -> str:
    """The default owner as the actions show it (the chosen function, or the new owner and when)."""
    owner = default_owner(bank, answers, lang)
    if owner != bank.rules.owner_fallback.get(lang):
        return owner
    appoint = next((a for a in actions if a.id == "appoint_owner"), None)
    return t("plan.new_owner", lang, date=format_date(appoint.end, lang)) if appoint else owner


def _apply_change(action: RoadmapAction, fields: Mapping[str, Any]) -> RoadmapAction:
    changes: dict[str, Any] = {}
    for key, value in fields.items():
        if key in ("start", "end"):
            value = dt.date.fromisoformat(value)
        if getattr(action, key) != value:
            changes[key] = value
    if not changes:
        return action
    updated = dataclasses.replace(action, **changes, edited=tuple(sorted(changes)))
    if updated.end < updated.start:
        updated = dataclasses.replace(updated, end=updated.start)
    if "start" in changes:
        updated = dataclasses.replace(updated, moved=None)
    return updated


def apply_edits(bank: Bank, actions: tuple[RoadmapAction, ...], edits: RoadmapEdits,
                lang: str) -> tuple[tuple[RoadmapAction, ...], tuple[str, ...]]:
    """Generated actions with the user's edits on top; also the ids of edits that no longer apply."""
    removed = set(edits.removed)
    present = {a.id for a in actions}
    dropped = tuple(aid for aid in edits.changed if aid not in present)
    out = [_apply_change(a, edits.changed.get(a.id, {})) for a in actions if a.id not in removed]
    for added in edits.added:
        out.append(RoadmapAction(
            id=added["id"], title=added["title"], why=added.get("why", ""), phase=added.get("phase", "foundations"),
            owner=added.get("owner", ""), start=dt.date.fromisoformat(added["start"]),
            end=dt.date.fromisoformat(added["end"]), kpi=added.get("kpi", ""), status=added.get("status", "todo"),
            origin="added", hours=added.get("hours")))
    order = {p.id: i for i, p in enumerate(bank.meta.phases)}
    out.sort(key=lambda a: (order.get(a.phase, len(order)), a.start, a.priority, a.id))
    return tuple(out), dropped


def build_roadmap(bank: Bank, assessment: Assessment, lang: str | None = None, start: dt.date | str | None = None,
                  today: dt.date | None = None, result: ScoreResult | None = None) -> Roadmap:
    """The roadmap for an assessment, with the user's edits applied."""
    lang = lang or assessment.language
    begin = resolve_start(assessment, start, today)
    phases, actions = generate(bank, assessment.answers, begin, lang, result)
    if assessment.pulse is not None:  # the employee pulse's share willing and training topics
        from .pulse import load_pulse, pulse_effects, with_pulse_sentences

        content = load_pulse()
        effects = pulse_effects(content, assessment.pulse, lang, assessment.answers.get("context.employees"))
        actions = with_pulse_sentences(content, actions, effects)
    owner = programme_owner(bank, assessment.answers, actions, lang)
    actions, dropped = apply_edits(bank, actions, assessment.edits, lang)
    return Roadmap(lang, begin, phases, actions, reassess_date(bank, begin, actions), dropped, owner,
                   sponsor_name(bank, lang, assessment.answers))


def reassess_date(bank: Bank, begin: dt.date, actions: tuple[RoadmapAction, ...]) -> dt.date:
    """The one re-assessment date: the re-assessment action's start (generated outside the holidays;
    an edit by the user wins), else the bank's ``reassess_after_weeks`` from the start, outside the holidays."""
    action = next((a for a in actions if a.id == REASSESS), None)
    if action is not None:
        return action.start
    return avoid_holidays(bank.meta.holidays, begin + dt.timedelta(weeks=bank.meta.reassess_after_weeks))[0]


# -- editing helpers (used by the app and the CLI) ------------------------------------------


def edit_action(bank: Bank, edits: RoadmapEdits, generated: Mapping[str, RoadmapAction], action_id: str,
                fields: Mapping[str, Any]) -> RoadmapEdits:
    """Record a change to one action. Fields equal to the generated value are not stored."""
    fields = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in fields.items()}
    added = list(edits.added)
    for i, a in enumerate(added):
        if a["id"] == action_id:
            added[i] = {**a, **fields}
            return dataclasses.replace(edits, added=tuple(added))
    base = generated.get(action_id)
    if base is None:
        raise KeyError(action_id)
    current = dict(edits.changed.get(action_id, {}))
    for key, value in fields.items():
        original = getattr(base, key)
        original = original.isoformat() if isinstance(original, dt.date) else original
        if value == original:
            current.pop(key, None)
        else:
            current[key] = value
    changed = dict(edits.changed)
    if current:
        changed[action_id] = current
    else:
        changed.pop(action_id, None)
    return dataclasses.replace(edits, changed=changed)


def remove_action(edits: RoadmapEdits, action_id: str) -> RoadmapEdits:
    """Remove a generated action (remembered) or an added one (forgotten)."""
    added = tuple(a for a in edits.added if a["id"] != action_id)
    if len(added) != len(edits.added):
        return dataclasses.replace(edits, added=added)
    changed = {k: v for k, v in edits.changed.items() if k != action_id}
    removed = tuple(dict.fromkeys((*edits.removed, action_id)))
    return dataclasses.replace(edits, changed=changed, removed=removed)


def restore_action(edits: RoadmapEdits, action_id: str) -> RoadmapEdits:
    """Undo the removal of a generated action."""
    return dataclasses.replace(edits, removed=tuple(r for r in edits.removed if r != action_id))


def add_action(edits: RoadmapEdits, action: Mapping[str, Any]) -> RoadmapEdits:
    """Add an action of the user's own; it gets a fresh ``custom-N`` id when it has none."""
    action = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in action.items()}
    used = {a["id"] for a in edits.added}
    if not action.get("id"):
        n = 1
        while f"custom-{n}" in used:
            n += 1
        action["id"] = f"custom-{n}"
    action.setdefault("status", "todo")
    for key in ("why", "owner", "kpi"):
        action.setdefault(key, "")
    if action["end"] < action["start"]:
        action["end"] = action["start"]
    return dataclasses.replace(edits, added=(*edits.added, action))
