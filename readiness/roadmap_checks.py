"""Checks on a roadmap the user has edited: actions dated outside the phase they belong to."""

from __future__ import annotations

import dataclasses

from .roadmap import PhasePlan, Roadmap, RoadmapAction


@dataclasses.dataclass(frozen=True)
class OutsidePhase:
    action: RoadmapAction
    phase: PhasePlan
    early: bool  # starts before the phase does
    late: bool  # ends after the phase does


def outside_phase(roadmap: Roadmap) -> tuple[OutsidePhase, ...]:
    """The actions (generated, edited or the user's own) that start before or end after their phase."""
    found = []
    for action in roadmap.actions:
        phase = roadmap.phase(action.phase)
        if phase is None:
            continue
        early, late = action.start < phase.start, action.end > phase.end
        if early or late:
            found.append(OutsidePhase(action, phase, early, late))
    return tuple(found)


def dates_outside(phase: PhasePlan, start, end) -> bool:
    """Whether an action from ``start`` to ``end`` would lie (partly) outside ``phase``."""
    return start < phase.start or end > phase.end
