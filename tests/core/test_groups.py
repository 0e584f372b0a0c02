"""Groups in a workshop (issue 15): the disclosure rule, the gap view, the content file."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.groups import (
    DEFAULT_THRESHOLD,
    Group,
    GroupsError,
    GroupSetup,
    check_groups,
    check_threshold,
    content,
    default_groups,
    disclosed,
    figures,
    gap_meaning,
    group_view,
    groups_from_labels,
    snapshot_due,
)
from readiness.i18n import languages
from readiness.store import Response

OWNERSHIP = ("ownership.owner_time", "ownership.sponsor", "ownership.goals", "ownership.strategy_link",
             "ownership.budget")
SETUP = GroupSetup((Group("top", "Top"), Group("mgr", "Managers"), Group("emp", "Employees")))


def people(spec, start=1, finished=True):
    """Responses and memberships from [(group id or None, option id for every ownership statement), ...]."""
    responses, groups = [], {}
    for i, (gid, option) in enumerate(spec, start):
        responses.append(Response(i, None, finished, {q: option for q in OWNERSHIP}))
        groups[i] = gid
    return responses, groups


# -- the rule, by hand ----------------------------------------------------------------------


def test_a_group_under_the_threshold_is_hidden_and_the_rest_still_shows():
    # 4, 3 and 2 people, 1 rather not say, threshold 3: the 2-group is hidden; hidden 2 + 1 = 3 -> fine
    assert disclosed({"a": 4, "b": 3, "c": 2}, 1, 3) == ("a", "b")


def test_complementary_disclosure_hides_the_next_smallest_group():
    # 4, 3, 1 and none rather not say: hiding the 1-group leaves 1 hidden, which total - shown would give
    # away; so the 3-group is hidden too (hidden 4), and 4 shown
    assert disclosed({"a": 4, "b": 3, "c": 1}, 0, 3) == ("a",)
    # 5, 5 and 2 rather not say: nothing under the threshold, but 2 would be computable -> hide a 5 (the later)
    assert disclosed({"a": 5, "b": 5}, 2, 3) == ("a",)
    # 3 and 1 rather not say: the only group is hidden, nothing is shown
    assert disclosed({"a": 3}, 1, 3) == ()


def test_everyone_in_one_group_shows_that_group():
    assert disclosed({"a": 7}, 0, 3) == ("a",)
    assert disclosed({"a": 7, "b": 0}, 0, 3) == ("a",)  # an empty group hides nobody


def test_a_raised_threshold_hides_more():
    assert disclosed({"a": 4, "b": 3, "c": 2}, 1, 5) == ()
    assert disclosed({"a": 6, "b": 5}, 0, 5) == ("a", "b")
    assert disclosed({"a": 6, "b": 5, "c": 4}, 0, 5) == ("a",)  # 4 hidden < 5 -> the 5 goes too (9 hidden)


def test_thresholds_run_from_three_to_five():
    assert check_threshold(3) == 3 and check_threshold(5) == 5
    for bad in (2, 6, 0, "3", 3.0, True, None):
        with pytest.raises(GroupsError):
            check_threshold(bad)


def test_snapshots_move_in_batches_of_the_threshold():
    assert not snapshot_due(4, 0, 5) and snapshot_due(5, 0, 5) and not snapshot_due(7, 5, 3) and snapshot_due(8, 5, 3)


# -- the group list -------------------------------------------------------------------------


def test_default_groups_in_both_languages():
    assert [g.id for g in default_groups("da")] == ["top", "managers", "employees", "hr_comms"]
    assert [g.label for g in default_groups("da")] == ["Topledelse", "Ledere", "Medarbejdere", "HR og kommunikation"]
    assert [g.label for g in default_groups("en")][0] == "Top management"


def test_every_planning_area_has_a_gap_text_in_every_language(bank):
    assert set(content().gaps) == {s.id for s in bank.planning_sections}
    for section in bank.planning_sections:
        for lang in languages():
            assert len(gap_meaning(section.id, lang)) > 60
    assert gap_meaning("context", "da") == ""


def test_group_lists_are_checked_and_round_trip_through_json():
    setup = GroupSetup(default_groups("da"), 4)
    assert GroupSetup.from_json(setup.to_json(), 4) == setup
    assert "Topledelse" in setup.to_json()
    assert GroupSetup.from_json(None) is None and GroupSetup.from_json("[]") is None
    for bad in ([{"id": "a", "label": " "}], [{"id": "a", "label": "x"}, {"id": "a", "label": "y"}],
                [{"id": "a", "label": "X"}, {"id": "b", "label": "x"}], [{"id": "a b", "label": "x"}],
                [{"id": "a", "label": "x" * 61}], [{"id": f"g{i}", "label": str(i)} for i in range(9)], ["x"]):
        with pytest.raises(GroupsError):
            check_groups(bad)


def test_typed_labels_keep_their_ids_and_new_ones_get_fresh_ids():
    first = groups_from_labels(["Ledelse", "  Medarbejdere ", "", "Salg"])
    assert first == (Group("g1", "Ledelse"), Group("g2", "Medarbejdere"), Group("g3", "Salg"))
    again = groups_from_labels(["Salg", "Nye", "ledelse"], first)
    assert again == (Group("g3", "Salg"), Group("g4", "Nye"), Group("g1", "ledelse"))


# -- the gap view, by hand ------------------------------------------------------------------


def test_the_gap_view_of_groups_of_4_3_and_2_plus_one_rather_not_say(bank):
    responses, groups = people([("top", "fully")] * 4 + [("mgr", "partly")] * 3 + [("emp", "none")] * 2
                               + [(None, "none")])
    view = group_view(bank, responses, groups, SETUP)
    assert view.counted == 10 and view.shown == ("top", "mgr") and dict(view.sizes) == {"top": 4, "mgr": 3}
    assert view.hidden == 3
    ownership = view.areas[0]
    assert ownership.section_id == "ownership"
    assert [(s.group_id, s.n, s.mean) for s in ownership.scores] == [("top", 4, 100.0), ("mgr", 3, 50.0)]
    assert ownership.gap == 50.0 and ownership.high.group_id == "top" and ownership.low.group_id == "mgr"
    assert ownership.hidden == 3
    # every ownership statement differs by 4 - 2 = 2 steps; the first three in the bank's order are listed
    assert [(s.question_id, s.gap) for s in ownership.statements] == [(q, 2.0) for q in OWNERSHIP[:3]]
    assert view.gaps == [ownership]  # no other area was answered
    sponsor = view.distributions["ownership.sponsor"]
    assert list(sponsor.groups) == ["top", "mgr"]
    assert sponsor.groups["top"].count("fully") == 4 and sponsor.groups["mgr"].count("partly") == 3
    assert "emp" not in sponsor.groups and sponsor.hidden == 3
    assert all(n >= 3 and (hidden == 0 or hidden >= 3) for _, n, hidden in figures(view))


def test_the_gap_view_hides_a_further_group_when_the_rest_would_give_one_person_away(bank):
    responses, groups = people([("top", "fully")] * 4 + [("mgr", "partly")] * 3 + [("emp", "none")])
    view = group_view(bank, responses, groups, SETUP)
    assert view.shown == ("top",) and view.hidden == 4
    assert view.areas[0].gap is None and [s.group_id for s in view.areas[0].scores] == ["top"]
    assert view.gaps == [] and all(a.statements == () for a in view.areas)


def test_unfinished_participants_do_not_count_until_the_workshop_closes(bank):
    done, groups = people([("top", "fully")] * 3 + [("mgr", "none")] * 3)
    waiting, more = people([("mgr", "partly")], start=7, finished=False)
    view = group_view(bank, done + waiting, {**groups, **more}, SETUP)
    assert dict(view.sizes) == {"top": 3, "mgr": 3} and view.areas[0].scores[1].mean == 0.0
    closed = group_view(bank, done + waiting, {**groups, **more}, SETUP, closed=True)
    assert dict(closed.sizes) == {"top": 3, "mgr": 4} and closed.areas[0].scores[1].mean == 12.5


def test_a_single_group_workshop_shows_that_group_and_no_gap(bank):
    responses, groups = people([("emp", "partly")] * 5)
    view = group_view(bank, responses, groups, SETUP)
    assert view.shown == ("emp",) and view.hidden == 0 and view.gaps == []
    assert view.areas[0].scores[0].mean == 50.0


def test_rather_not_say_and_unknown_group_ids_count_as_no_group(bank):
    responses, groups = people([("top", "fully")] * 3 + [("mgr", "none")] * 3 + [(None, "none")] * 2
                               + [("gone", "none")])
    view = group_view(bank, responses, groups, SETUP)
    assert view.shown == ("top", "mgr") and view.hidden == 3


def test_per_figure_counts_apply_the_rule_again(bank):
    """Three in each group, but one manager skipped the sponsor statement: that figure hides the managers
    (2 < 3) and then the top group too (2 hidden would be computable)."""
    responses, groups = people([("top", "fully")] * 3 + [("mgr", "none")] * 3)
    del responses[5].answers["ownership.sponsor"]
    view = group_view(bank, responses, groups, SETUP)
    assert view.shown == ("top", "mgr")
    assert "ownership.sponsor" not in view.distributions
    assert "ownership.sponsor" not in [s.question_id for s in view.areas[0].statements]
    assert [s.question_id for s in view.areas[0].statements] == ["ownership.owner_time", "ownership.goals",
                                                                 "ownership.strategy_link"]


def test_the_threshold_of_the_setup_is_used(bank):
    responses, groups = people([("top", "fully")] * 4 + [("mgr", "none")] * 4)
    assert group_view(bank, responses, groups, GroupSetup(SETUP.groups, 5)).shown == ()
    assert group_view(bank, responses, groups, GroupSetup(SETUP.groups, 4)).shown == ("top", "mgr")
    assert DEFAULT_THRESHOLD == 3


# -- property: nothing from fewer than the threshold, nothing recoverable -------------------


@settings(max_examples=120)
@given(st.lists(st.tuples(st.sampled_from(["top", "mgr", "emp", None]), st.booleans(),
                          st.dictionaries(st.sampled_from(OWNERSHIP + ("platforms.linkedin_profiles",)),
                                          st.sampled_from(["none", "started", "partly", "fully", "dont_know"]),
                                          max_size=6)),
                max_size=24),
       st.integers(3, 5), st.booleans())
def test_no_shown_figure_comes_from_too_few_and_no_hidden_group_is_recoverable(bank, rows, threshold, closed):
    setup = GroupSetup(SETUP.groups, threshold)
    responses = [Response(i, None, finished, answers) for i, (_, finished, answers) in enumerate(rows, 1)]
    groups = {i: gid for i, (gid, _, _) in enumerate(rows, 1)}
    view = group_view(bank, responses, groups, setup, closed=closed)
    for what, n, hidden in figures(view):
        assert n >= threshold, what
        assert hidden == 0 or hidden >= threshold, what
    # the room: the hidden people are exactly those not in a shown group, so total - shown is never small
    assert view.counted - sum(view.sizes.values()) == view.hidden
    assert all(view.sizes[g] >= threshold for g in view.shown)
