"""The store's value objects and limits: plain frozen data, importable without SQLAlchemy."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, NamedTuple

MAX_QUESTION_ID = 200
MAX_VALUE_CHARS = 65_536
MAX_DISPLAY_NAME = 60
MAX_LANGUAGE = 8
MAX_BANK_VERSION = 64
WORKSHOP_STATUSES = ("open", "closed")
PULSE_MODES = ("off", "with", "only")  # no pulse, after the planning questions, a pulse on its own


@dataclasses.dataclass(frozen=True)
class Workshop:
    """A workshop as its host and its participants see it (no tokens)."""

    id: int
    code: str
    organisation: str
    title: str
    language: str
    anonymous: bool
    show_results: bool
    status: str
    created_at: dt.datetime
    agreed: dict[str, Any]
    notes: dict[str, str]
    pulse: str = "off"  # one of PULSE_MODES

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclasses.dataclass(frozen=True)
class Response:
    """One participant's answers, as the host sees them (no name in anonymous workshops)."""

    participant_id: int
    display_name: str | None
    finished: bool
    answers: dict[str, Any]


class ParticipantView(NamedTuple):
    """What a participant's token opens; unpacks as ``workshop, participant_id, answers, finished``."""

    workshop: Workshop
    participant_id: int
    answers: dict[str, Any]
    finished: bool
