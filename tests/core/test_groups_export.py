"""The exports' group column (issue 15): present only for groups the threshold lets through."""

from __future__ import annotations

import csv
import io

from readiness.export import responses_csv
from readiness.groups import Group, GroupSetup, export_labels
from readiness.store import Response

SETUP = GroupSetup((Group("top", "Top"), Group("mgr", "Managers"), Group("emp", "Zeta crew")))


def _room(sizes, rather_not_say=0, finished=True):
    responses, groups, pid = [], {}, 0
    for gid, n in sizes.items():
        for _ in range(n):
            pid += 1
            responses.append(Response(pid, None, finished, {"ownership.sponsor": "partly"}))
            groups[pid] = gid
    for _ in range(rather_not_say):
        pid += 1
        responses.append(Response(pid, None, finished, {"ownership.sponsor": "none"}))
        groups[pid] = None
    return responses, groups


def _table(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_the_group_column_carries_only_groups_that_pass_the_rule(bank):
    responses, groups = _room({"top": 4, "mgr": 3, "emp": 2}, rather_not_say=1)
    labels = export_labels(responses, groups, SETUP)
    assert sorted(labels.values()) == ["Managers"] * 3 + ["Top"] * 4
    rows = _table(responses_csv(bank, responses, lang="en", anonymous=True, groups=labels))
    assert rows[0][:3] == ["Respondent", "Group", "Finished"]
    column = [r[1] for r in rows[1:]]
    assert column.count("Top") == 4 and column.count("Managers") == 3 and column.count("") == 3
    assert "Zeta crew" not in "\n".join(";".join(r) for r in rows)


def test_no_group_column_when_no_group_may_be_shown(bank):
    responses, groups = _room({"top": 3}, rather_not_say=1)  # 3 + 1: the one would be computable
    assert export_labels(responses, groups, SETUP) == {}
    rows = _table(responses_csv(bank, responses, lang="da", anonymous=True, groups=export_labels(responses, groups, SETUP)))
    assert "Gruppe" not in rows[0] and "Top" not in "\n".join(";".join(r) for r in rows)
    assert export_labels(responses, groups, None) == {}


def test_unfinished_participants_carry_no_group_until_the_workshop_closes(bank):
    responses, groups = _room({"top": 3, "mgr": 3}, finished=False)
    assert export_labels(responses, groups, SETUP) == {}
    assert len(export_labels(responses, groups, SETUP, closed=True)) == 6
