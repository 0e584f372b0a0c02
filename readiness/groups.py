"""Groups in a workshop: who belongs where, what may be shown by group, and where the groups differ.

The host may give a workshop groups (defaults in ``questions/groups.yaml``: top management,
managers, employees, HR and communication); a participant picks theirs when joining, or
"rather not say". Figures by group follow these rules, in the words the app and the PDF use:

- **Who counts**: the participants who count for the shared views (:func:`readiness.workshop.counted`:
  the finished, or everyone once the workshop is closed).
- **Threshold**: a group's figure is shown only when it comes from at least the workshop's
  threshold of people (default :data:`DEFAULT_THRESHOLD`; the host may raise it, never lower it
  under :data:`readiness.workshop.ANONYMITY_THRESHOLD` or over :data:`MAX_THRESHOLD`). This holds for
  every viewer, the host of a named workshop too.
- **Complementary disclosure**: the people *not* shown (hidden groups plus "rather not say")
  must number 0 or at least the threshold, or the total minus the groups shown would give a small
  group's figure away. While they do not, the smallest shown group is hidden too (ties: the one
  later in the host's list), and so on (:func:`disclosed`).
- The rule is applied to the whole room (which groups are shown at all, and their sizes) and
  again to every figure: an area's scores count those who answered a scored question there, a
  statement's means those who gave a real answer, a distribution everyone who responded. A group
  hidden for the room is hidden everywhere.
- **Area score by group**: the mean of the group's participants' section scores (0–100, the
  same scores as the workshop's sections). **Gap**: the highest group's mean minus the lowest
  one's, between shown groups (at least two). **Statements that differ most**: the area's scored
  questions by the gap between the groups' mean answers on the 0–4 scale ("don't know" left out).

Plain functions over the store's responses and a participant → group mapping; no Streamlit here.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .bank import DEFAULT_BANK_DIR, Bank, LocalText
from .i18n import languages
from .side_by_side import Comparison
from .workshop import ANONYMITY_THRESHOLD, GroupReport, QuestionStats, ResponseLike, aggregate, counted
from .yamldata import Strict, read_yaml, validate

DEFAULT_THRESHOLD = ANONYMITY_THRESHOLD
MAX_THRESHOLD = 5
MAX_GROUPS = 8
MAX_LABEL = 60
MAX_GROUP_ID = 16
TOP_STATEMENTS = 3
GROUPS_FILE = "groups.yaml"


class GroupsError(ValueError):
    """A group list or threshold the rules do not allow (the message says which)."""


# -- content --------------------------------------------------------------------------------


class _DefaultGroup(Strict):
    id: str
    label: LocalText


class GroupsContent(Strict):
    """``questions/groups.yaml``: the default groups and, per planning area, what a gap there means."""

    defaults: tuple[_DefaultGroup, ...]
    gaps: dict[str, LocalText]


@functools.lru_cache(maxsize=4)
def _content(folder: str, langs: tuple[str, ...]) -> GroupsContent:
    path = Path(folder) / GROUPS_FILE
    return validate(GroupsContent, read_yaml(path, f"questions/{GROUPS_FILE}", GroupsError),
                    f"questions/{GROUPS_FILE}", GroupsError)


def content(folder: str | Path | None = None) -> GroupsContent:
    """The groups content, read and validated once per process."""
    return _content(str(Path(folder or DEFAULT_BANK_DIR).resolve()), languages())


def gap_meaning(section_id: str, lang: str) -> str:
    """The short text on what a gap between groups in this planning area usually means ("" if none)."""
    text = content().gaps.get(section_id)
    return text.get(lang) if text is not None else ""


# -- the host's groups ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Group:
    id: str
    label: str


@dataclasses.dataclass(frozen=True)
class GroupSetup:
    """A workshop's groups (in the host's order) and its threshold."""

    groups: tuple[Group, ...]
    threshold: int = DEFAULT_THRESHOLD

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(g.id for g in self.groups)

    def label(self, group_id: str) -> str:
        return next((g.label for g in self.groups if g.id == group_id), group_id)

    def to_json(self) -> str:
        """The group list as the store keeps it (``workshops.groups``)."""
        return json.dumps([{"id": g.id, "label": g.label} for g in self.groups], ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | None, threshold: int = DEFAULT_THRESHOLD) -> GroupSetup | None:
        """The setup a stored group list describes; None when the workshop has no groups."""
        if not text:
            return None
        data = json.loads(text)
        return cls(check_groups(data), check_threshold(threshold)) if data else None


def default_groups(lang: str) -> tuple[Group, ...]:
    """The default groups, labelled in ``lang``."""
    return tuple(Group(g.id, g.label.get(lang)) for g in content().defaults)


def check_threshold(value: Any) -> int:
    """The threshold, if it is a whole number from 3 to 5; :class:`GroupsError` otherwise."""
    if isinstance(value, bool) or not isinstance(value, int) or not ANONYMITY_THRESHOLD <= value <= MAX_THRESHOLD:
        raise GroupsError(f"group threshold: expected a whole number from {ANONYMITY_THRESHOLD} to {MAX_THRESHOLD}, "
                          f"got {value!r}")
    return value


def check_groups(groups: Iterable[Any]) -> tuple[Group, ...]:
    """Groups from ``Group`` objects or ``{"id", "label"}`` mappings: labels trimmed, at most
    :data:`MAX_LABEL` characters, none empty or repeated, ids short and unique, at most :data:`MAX_GROUPS`."""
    out: list[Group] = []
    for i, item in enumerate(groups):
        gid, label = (item.id, item.label) if isinstance(item, Group) else (item.get("id"), item.get("label")) \
            if isinstance(item, Mapping) else (None, None)
        if not isinstance(gid, str) or not gid or len(gid) > MAX_GROUP_ID or not gid.replace("_", "").isalnum():
            raise GroupsError(f"groups[{i}].id: expected a short id of letters, digits and _, got {gid!r}")
        if not isinstance(label, str) or not " ".join(label.split()):
            raise GroupsError(f"groups[{i}].label: must not be empty")
        label = " ".join(label.split())
        if len(label) > MAX_LABEL:
            raise GroupsError(f"groups[{i}].label: at most {MAX_LABEL} characters")
        if any(g.id == gid for g in out):
            raise GroupsError(f"groups[{i}].id: {gid!r} is used twice")
        if any(g.label.casefold() == label.casefold() for g in out):
            raise GroupsError(f"groups[{i}].label: {label!r} is used twice")
        out.append(Group(gid, label))
    if len(out) > MAX_GROUPS:
        raise GroupsError(f"groups: at most {MAX_GROUPS}")
    return tuple(out)


def groups_from_labels(labels: Iterable[str], previous: Sequence[Group] = ()) -> tuple[Group, ...]:
    """Groups from the labels a host typed, one per line; a label kept from ``previous`` keeps its id,
    new ones get ``g1``, ``g2``… (ids never reused within the list). Empty lines are skipped."""
    known = {g.label.casefold(): g.id for g in previous}
    taken = {g.id for g in previous}
    out: list[dict[str, str]] = []
    counter = 1
    for raw in labels:
        label = " ".join(str(raw).split())
        if not label:
            continue
        gid = known.get(label.casefold())
        if gid is None or any(g["id"] == gid for g in out):
            while f"g{counter}" in taken:
                counter += 1
            gid = f"g{counter}"
            taken.add(gid)
        out.append({"id": gid, "label": label})
    return check_groups(out)


# -- the disclosure rule --------------------------------------------------------------------


def disclosed(sizes: Mapping[str, int], others: int, threshold: int, order: Sequence[str] | None = None) -> tuple[str, ...]:
    """The groups whose figure may be shown, in ``order`` (default: ``sizes``' order).

    ``sizes``: people per group behind the figure; ``others``: people behind the same figure in
    no group ("rather not say"). A group is shown when it has at least ``threshold`` people and
    the people not shown number 0 or at least ``threshold``; while they do not, the smallest shown
    group (ties: the later one in ``order``) is hidden too.
    """
    order = list(order if order is not None else sizes)
    rank = {gid: i for i, gid in enumerate(order)}
    shown = [g for g in order if sizes.get(g, 0) >= threshold]
    hidden = others + sum(n for g, n in sizes.items() if g not in shown)
    while shown and 0 < hidden < threshold:
        smallest = min(shown, key=lambda g: (sizes[g], -rank[g]))
        shown.remove(smallest)
        hidden += sizes[smallest]
    return tuple(shown)


def snapshot_due(counted_now: int, published: int, threshold: int) -> bool:
    """Whether the group view may move to a new snapshot: only when at least ``threshold`` more
    people count than in the last one (as :func:`readiness.workshop.publish_due` for the whole room)."""
    return counted_now - published >= threshold


# -- the gap view ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class GroupScore:
    group_id: str
    n: int
    mean: float  # area: 0-100; statement: 0-4


@dataclasses.dataclass(frozen=True)
class StatementGap:
    question_id: str
    means: tuple[GroupScore, ...]  # shown groups only, in the host's order
    hidden: int  # people behind this figure in no shown group (0 or >= threshold)

    @property
    def gap(self) -> float | None:
        return _gap(self.means)


@dataclasses.dataclass(frozen=True)
class AreaGap:
    section_id: str
    scores: tuple[GroupScore, ...]  # shown groups only, in the host's order
    hidden: int
    statements: tuple[StatementGap, ...]  # with a gap, largest first (at most TOP_STATEMENTS)

    @property
    def gap(self) -> float | None:
        return _gap(self.scores)

    @property
    def high(self) -> GroupScore | None:
        return max(self.scores, key=lambda s: s.mean) if len(self.scores) >= 2 else None

    @property
    def low(self) -> GroupScore | None:
        return min(self.scores, key=lambda s: s.mean) if len(self.scores) >= 2 else None


@dataclasses.dataclass(frozen=True)
class Distribution:
    """How each shown group answered one question (the stats of that group's responses alone)."""

    question_id: str
    groups: Mapping[str, QuestionStats]  # shown groups only, in the host's order
    hidden: int


@dataclasses.dataclass(frozen=True)
class GroupView:
    """What may be shown by group, from one set of responses."""

    setup: GroupSetup
    counted: int  # people who count
    sizes: Mapping[str, int]  # shown groups only, in the host's order
    hidden: int  # people in no shown group (0 or >= threshold)
    areas: tuple[AreaGap, ...]  # in the bank's order
    distributions: Mapping[str, Distribution]  # questions with at least one shown group, in the bank's order

    @property
    def shown(self) -> tuple[str, ...]:
        return tuple(self.sizes)

    @property
    def gaps(self) -> list[AreaGap]:
        """The areas with a gap, the largest first (ties in the bank's order)."""
        rated = [a for a in self.areas if a.gap is not None]
        return sorted(rated, key=lambda a: -a.gap)  # type: ignore[operator]


def _gap(scores: Sequence[GroupScore]) -> float | None:
    if len(scores) < 2:
        return None
    return round(max(s.mean for s in scores) - min(s.mean for s in scores), 1)


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return round(math.fsum(values) / len(values), 1)


def _figure(counts: Mapping[str, int], total: int, candidates: Sequence[str], threshold: int) -> tuple[tuple[str, ...], int]:
    """The candidates shown for one figure and how many people behind it are not shown."""
    sizes = {g: counts.get(g, 0) for g in candidates}
    shown = disclosed(sizes, total - sum(sizes.values()), threshold, candidates)
    return shown, total - sum(sizes[g] for g in shown)


def group_view(bank: Bank, responses: Sequence[ResponseLike], memberships: Mapping[int, str | None],
               setup: GroupSetup, *, closed: bool = False) -> GroupView:
    """The gap view of these responses: ``memberships`` maps participant id to group id (None, or an
    id not in ``setup``: rather not say)."""
    people = counted(responses, closed=closed)
    threshold = setup.threshold
    members: dict[str, list[ResponseLike]] = {g: [] for g in setup.ids}
    for r in people:
        gid = memberships.get(r.participant_id)
        if gid in members:
            members[gid].append(r)
    room_shown, room_hidden = _figure({g: len(rs) for g, rs in members.items()}, len(people), setup.ids, threshold)
    whole = aggregate(bank, people)
    per_group = {g: aggregate(bank, members[g]) for g in room_shown}
    areas: list[AreaGap] = []
    for section in bank.planning_sections:
        stats = {g: per_group[g].section(section.id) for g in room_shown}
        total = whole.section(section.id)
        shown, hidden = _figure({g: s.n for g, s in stats.items() if s is not None}, total.n if total else 0,
                                room_shown, threshold)
        scores = tuple(GroupScore(g, stats[g].n, _mean(stats[g].scores)) for g in shown)  # type: ignore[union-attr]
        statements = []
        for q in section.scored_questions:
            points = {o.id: o.value for o in bank.options_of(q) if o.value is not None and not getattr(o, "dont_know", False)}
            q_shown, q_hidden = _figure({g: per_group[g].questions[q.id].answered for g in room_shown},
                                        whole.questions[q.id].answered, room_shown, threshold)
            means = tuple(GroupScore(g, per_group[g].questions[q.id].answered, _scale_mean(per_group[g].questions[q.id], points))
                          for g in q_shown)
            if len(means) >= 2:
                statements.append(StatementGap(q.id, means, q_hidden))
        statements.sort(key=lambda s: -(s.gap or 0.0))
        areas.append(AreaGap(section.id, scores, hidden, tuple(statements[:TOP_STATEMENTS])))
    distributions: dict[str, Distribution] = {}
    for qid, q_whole in whole.questions.items():
        if q_whole.kind not in ("single", "multi", "scale"):
            continue
        q_shown, q_hidden = _figure({g: per_group[g].questions[qid].responses for g in room_shown},
                                    q_whole.responses, room_shown, threshold)
        if q_shown:
            distributions[qid] = Distribution(qid, {g: per_group[g].questions[qid] for g in q_shown}, q_hidden)
    return GroupView(setup=setup, counted=len(people), sizes={g: len(members[g]) for g in room_shown},
                     hidden=room_hidden, areas=tuple(areas), distributions=distributions)


def _scale_mean(stats: QuestionStats, points: Mapping[str, int]) -> float:
    total = sum(points.get(o, 0) * c for o, c in zip(stats.options, stats.counts))
    return round(total / stats.answered, 2) if stats.answered else 0.0


def figures(view: GroupView) -> list[tuple[str, int, int]]:
    """Every figure of the view as (what, people behind the shown group's figure, people hidden from
    that figure): what the anonymity tests check (each count at least the threshold, each hidden 0 or
    at least it)."""
    out = [("room", n, view.hidden) for n in view.sizes.values()]
    for area in view.areas:
        out += [(f"area:{area.section_id}", s.n, area.hidden) for s in area.scores]
        for st in area.statements:
            out += [(f"statement:{st.question_id}", m.n, st.hidden) for m in st.means]
    for d in view.distributions.values():
        out += [(f"distribution:{d.question_id}", s.responses, d.hidden) for s in d.groups.values()]
    return out


def export_labels(responses: Sequence[ResponseLike], memberships: Mapping[int, str | None], setup: GroupSetup | None,
                  *, closed: bool = False) -> dict[int, str]:
    """Participant id -> group label for the exports' group column: only participants in a group the
    room-level rule shows (:func:`disclosed` over those who count); empty when no group is shown, so the
    file then has no group column at all."""
    if setup is None:
        return {}
    people = counted(responses, closed=closed)
    sizes = {g: 0 for g in setup.ids}
    for r in people:
        gid = memberships.get(r.participant_id)
        if gid in sizes:
            sizes[gid] += 1
    shown = set(disclosed(sizes, len(people) - sum(sizes.values()), setup.threshold, setup.ids))
    return {r.participant_id: setup.label(gid) for r in people
            if (gid := memberships.get(r.participant_id)) in shown}


# -- the group PDF --------------------------------------------------------------------------


def with_gaps(report: GroupReport, view: GroupView | None, comparison: Comparison | None = None) -> GroupReport:
    """The group PDF's report with the gap view (and a side-by-side comparison) for the pages after
    the group page (:mod:`reports.sections.gaps`); the same report when there is neither."""
    if view is None and comparison is None:
        return report
    fields = {f.name: getattr(report, f.name) for f in dataclasses.fields(report)}
    return GroupReportWithGaps(**fields, gaps=view, comparison=comparison)


@dataclasses.dataclass(frozen=True)
class GroupReportWithGaps(GroupReport):
    gaps: GroupView | None = None
    comparison: Comparison | None = None
