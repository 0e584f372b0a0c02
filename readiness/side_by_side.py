"""Two workshops side by side: this workshop's score per planning area against another's.

A host compares two of their workshops (a management session and an employee session, or before
and after) by pasting the other one's private host link: :func:`host_token_in` takes the host
token out of it, and only that token opens the other workshop (a join code, a join link or a
presenter link never does). Each side counts its participants as the shared views do
(:func:`readiness.workshop.counted`), and an area's mean is shown only from at least
:data:`readiness.workshop.ANONYMITY_THRESHOLD` people on that side.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from urllib.parse import parse_qs, urlsplit

from .bank import Bank
from .store.tokens import valid_token
from .workshop import ANONYMITY_THRESHOLD, ResponseLike, aggregate, counted

HOST_PARAM = "h"


def host_token_in(text: str) -> str | None:
    """The host token in a pasted host link (``…/host?h=TOKEN``) or a bare token; None otherwise."""
    text = (text or "").strip()
    if valid_token(text):
        return text
    try:
        query = parse_qs(urlsplit(text).query)
    except ValueError:
        return None
    tokens = query.get(HOST_PARAM) or []
    return tokens[0] if len(tokens) == 1 and valid_token(tokens[0]) else None


@dataclasses.dataclass(frozen=True)
class AreaPair:
    section_id: str
    this_n: int
    other_n: int
    this: float | None  # mean score 0-100; None from fewer than the threshold
    other: float | None

    @property
    def delta(self) -> float | None:
        """This workshop minus the other (None unless both sides are shown)."""
        if self.this is None or self.other is None:
            return None
        return round(self.this - self.other, 1)


def _means(bank: Bank, responses: Sequence[ResponseLike], closed: bool, threshold: int) -> dict[str, tuple[int, float | None]]:
    agg = aggregate(bank, counted(responses, closed=closed))
    out: dict[str, tuple[int, float | None]] = {}
    for s in agg.sections:
        mean = round(math.fsum(s.scores) / s.n, 1) if s.n >= threshold else None
        out[s.section_id] = (s.n, mean)
    return out


def side_by_side(bank: Bank, this: Sequence[ResponseLike], other: Sequence[ResponseLike], *,
                 this_closed: bool = False, other_closed: bool = False,
                 threshold: int = ANONYMITY_THRESHOLD) -> tuple[AreaPair, ...]:
    """Per planning area (in the bank's order) the two workshops' mean scores and the difference."""
    mine, theirs = _means(bank, this, this_closed, threshold), _means(bank, other, other_closed, threshold)
    return tuple(AreaPair(s.id, mine[s.id][0], theirs[s.id][0], mine[s.id][1], theirs[s.id][1])
                 for s in bank.planning_sections)


@dataclasses.dataclass(frozen=True)
class Comparison:
    """What the PDF's side-by-side page prints."""

    this_title: str
    other_title: str
    areas: tuple[AreaPair, ...]
