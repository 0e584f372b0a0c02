"""The benchmarks cannot rot: each measurement runs once, small (``quick``), and must produce numbers.

No timing is asserted here (these machines are shared; the numbers belong in docs/benchmarks.md,
written by ``make bench``). The real-server parts start ``streamlit run`` themselves (one start
of each server, one page) and talk to it with bench/wire.py's light client (no browser); the
PostgreSQL part uses the tests' throwaway cluster (tests/pg.py), which skips loudly, or fails in
CI, when PostgreSQL is missing. The load set's quick run (a room on a real server) is marked
``load``: ``make test`` leaves it out and ``make bench-load`` runs it first.
"""

from __future__ import annotations

import math

import pytest

from bench import aggregate, click, cold_start, pdf, report, room, saves, suites
from bench.__main__ import main
from bench.common import Result, Stats, machine, prose
from tests.pg import pg_cluster  # noqa: F401 - a fixture


def _check(result: Result, suite: suites.Suite = suites.STANDARD) -> Result:
    assert result.key in suite.measurements
    assert result.rows and all(len(row) == len(result.columns) for row in result.rows), result.rows
    assert result.ratio is not None and math.isfinite(result.ratio) and result.ratio > 0, result.ratio
    assert result.numbers
    assert result.met in (True, False, None)
    text = report.render([result], suite, {"cores": "2"}, 1.0, suite.target)
    assert result.title in text and result.command in text and f"by `{suite.target}`" in text
    assert "{" not in result.what + "".join(result.notes), "a note's field was left unfilled"
    return result


def test_stats_summarise_samples():
    s = Stats.of([0.004, 0.001, 0.003, 0.002, 0.005])
    assert (s.n, s.median, s.low, s.high) == (5, 0.003, 0.001, 0.005)
    assert s.q1 == pytest.approx(0.002) and s.q3 == pytest.approx(0.004) and s.p95 == pytest.approx(0.0048)
    assert Stats.of([0.5]).p95 == 0.5


def test_the_machine_is_described():
    info = machine()
    assert info["cores"] and info["python"].startswith("CPython") and info["streamlit"] != "not installed"


def test_every_set_has_its_prose():
    for suite in suites.SUITES:
        assert prose(suite.name, "intro", minutes=4).startswith("# ")
        assert suite.target in prose(suite.name, "intro", minutes=4)
    assert prose("standard", "changes").startswith("- ")
    assert not set(suites.STANDARD.measurements) & set(suites.LOAD.measurements)


def test_click_cost():
    result = _check(click.run(quick=True))
    assert result.numbers["**one interaction** (both)"]["app"]["n"] == 1
    assert set(result.numbers["server"]) == {"app", "bare"}


def test_pdf():
    result = _check(pdf.run(quick=True))
    assert result.numbers["pages"] > 1 and result.numbers["characters"] > 1000


def test_aggregate():
    result = _check(aggregate.run(quick=True))
    assert result.numbers["sizes"] == [4, 40]
    assert aggregate.refresh_seconds() > 0


def test_saves_on_sqlite():
    result = _check(saves.run_with(quick=True))
    assert {row[0] for row in result.rows} == {"SQLite"}
    assert any("PostgreSQL was not measured" in note for note in result.notes)


@pytest.mark.postgres
def test_saves_on_postgresql(pg_cluster):  # noqa: F811 - the fixture
    url = pg_cluster.new_database()
    try:
        result = _check(saves.run_with(quick=True, pg_url=url))
    finally:
        pg_cluster.drop_database(url)
    assert {row[0] for row in result.rows} == {"SQLite", "PostgreSQL"}


def test_cold_start_on_the_real_server():
    result = _check(cold_start.run(quick=True))
    assert result.numbers["finished"]["app"]["median"] > result.numbers["connected"]["app"]["median"]


def test_the_command_writes_a_report(tmp_path):
    out = tmp_path / "benchmarks.md"
    assert main(["--quick", "--only", "aggregate", "--output", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "by `python -m bench --quick --only aggregate`" in text
    assert "## 1. Host view refresh" in text and "## The machine" in text and "## What was changed" in text


def test_the_command_keeps_the_sets_apart():
    with pytest.raises(SystemExit):
        main(["--only", "room"])  # room is in the load set: --load --only room
    with pytest.raises(SystemExit):
        main(["--load", "--only", "aggregate"])


@pytest.mark.load
def test_a_room_on_the_real_server():
    result = _check(room.run(quick=True), suites.LOAD)
    assert result.numbers["2"]["missing"] == 0, "every answer a participant gave must reach the store"
    assert result.numbers["2"]["rss_after"] > 0


@pytest.mark.load
def test_the_cost_of_a_tap():
    from bench import tap

    result = _check(tap.run(quick=True), suites.LOAD)
    assert result.numbers["taps"] >= 2 and result.numbers["per_tap"] > 0


@pytest.mark.load
def test_a_room_across_replicas(pg_cluster):  # noqa: F811 - skips loudly when PostgreSQL is missing
    from bench import cluster_room

    result = _check(cluster_room.run(quick=True), suites.LOAD)
    assert result.numbers["missing"] == 0, "every answer a participant gave must reach the store"
