"""Two workshops side by side (issue 15): the host link, the per-area comparison, the threshold."""

from __future__ import annotations

from readiness.side_by_side import host_token_in, side_by_side
from readiness.store import Response, new_token

OWNERSHIP = ("ownership.owner_time", "ownership.sponsor", "ownership.goals", "ownership.strategy_link",
             "ownership.budget")


def _room(option, n, finished=True, start=1):
    return [Response(i, None, finished, {q: option for q in OWNERSHIP}) for i in range(start, start + n)]


def test_only_a_host_token_is_taken_from_a_pasted_link():
    token = new_token()
    assert host_token_in(f"https://readiness.example.dk/host?h={token}") == token
    assert host_token_in(f"  {token} ") == token
    assert host_token_in("https://readiness.example.dk/join?code=ACDEFHJK&j=abc") is None
    assert host_token_in("ACDE FHJK") is None and host_token_in("") is None
    assert host_token_in(f"https://x/present?code=ACDEFHJK&k={token}") is None  # a presenter key is not a host link
    assert host_token_in(f"https://x/host?h={token}&h={new_token()}") is None
    assert host_token_in("https://x/host?h=short") is None


def test_areas_compare_means_and_the_difference(bank):
    pairs = side_by_side(bank, _room("fully", 3), _room("partly", 4))
    ownership = pairs[0]
    assert (ownership.section_id, ownership.this, ownership.other, ownership.delta) == ("ownership", 100.0, 50.0, 50.0)
    assert (ownership.this_n, ownership.other_n) == (3, 4)
    assert [p.section_id for p in pairs] == [s.id for s in bank.planning_sections]
    assert pairs[1].this is None and pairs[1].delta is None  # nobody answered the platforms


def test_a_side_under_the_threshold_shows_no_mean(bank):
    pairs = side_by_side(bank, _room("fully", 2), _room("none", 5))
    assert pairs[0].this is None and pairs[0].other == 0.0 and pairs[0].delta is None
    unfinished = side_by_side(bank, _room("fully", 3, finished=False), _room("none", 3))
    assert unfinished[0].this is None
    assert side_by_side(bank, _room("fully", 3, finished=False), _room("none", 3), this_closed=True)[0].this == 100.0
