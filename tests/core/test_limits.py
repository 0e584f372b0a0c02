"""The attempt and creation limits (a fake clock), the signed join key, the participant cap, and
the settings that tune them."""

from __future__ import annotations

import pytest

from readiness import settings
from readiness.limits import AttemptLimiter, CreationLimiter, JoinLimiter, device_key
from readiness.store import BadToken, UnknownCode, WorkshopFull, join_key, presenter_key
from readiness.workshop import JOIN_WINDOW_SECONDS, JOINS_PER_ADDRESS, JOINS_PER_SESSION
from tests.core.test_store import db_url, make_store, store  # noqa: F401 (fixtures: SQLite and PostgreSQL)
from tests.pg import pg_cluster  # noqa: F401

PHONE, LAPTOP = "Mozilla/5.0 (iPhone)", "Mozilla/5.0 (X11; Linux)"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


def test_a_device_is_blocked_after_its_limit_and_free_again_when_the_window_has_passed(clock):
    limiter = AttemptLimiter(per_device=3, per_address=10, overall=100, window=600, clock=clock)
    for _ in range(3):
        assert limiter.wait("203.0.113.7", PHONE) == 0
        limiter.failed("203.0.113.7", PHONE)
        clock.now += 10
    assert limiter.wait("203.0.113.7", PHONE) == pytest.approx(600 - 30)
    assert limiter.wait("203.0.113.7", LAPTOP) == 0  # a colleague behind the same address
    clock.now += 600 - 30
    assert limiter.wait("203.0.113.7", PHONE) == 0


def test_a_reload_keeps_the_device_limit_because_it_counts_on_address_and_browser(clock):
    limiter = AttemptLimiter(per_device=2, per_address=10, overall=100, clock=clock)
    limiter.failed("203.0.113.7", PHONE)
    limiter.failed("203.0.113.7", PHONE)
    # a reload is a new Streamlit session, but the same address and User-Agent
    assert device_key("203.0.113.7", PHONE) == device_key("203.0.113.7", PHONE)
    assert limiter.wait("203.0.113.7", PHONE) > 0


def test_new_browsers_from_one_address_meet_the_address_limit(clock):
    limiter = AttemptLimiter(per_device=2, per_address=5, overall=100, clock=clock)
    for i in range(5):
        limiter.failed("203.0.113.7", f"agent {i}")
    assert limiter.wait("203.0.113.7", "a fresh agent") > 0
    assert limiter.wait("198.51.100.4", "a fresh agent") == 0


def test_the_overall_limit_stops_guessing_from_rotating_addresses(clock):
    limiter = AttemptLimiter(per_device=5, per_address=5, overall=20, clock=clock)
    for i in range(20):
        limiter.failed(f"10.0.{i}.1", PHONE)
    assert limiter.wait("10.9.9.9", PHONE) > 0


def test_an_unknown_address_is_counted_too_not_let_through(clock):
    limiter = AttemptLimiter(per_device=50, per_address=3, overall=100, clock=clock)
    for i in range(3):
        limiter.failed(None, f"agent {i}")  # Streamlit reports no address for loopback
    assert limiter.wait(None, "another") > 0
    assert limiter.wait("", "another") > 0


def test_failures_while_blocked_are_not_recorded_so_memory_stays_bounded(clock):
    limiter = AttemptLimiter(per_device=2, per_address=10, overall=10, clock=clock)
    for _ in range(1000):
        limiter.failed("203.0.113.7", PHONE)
    assert sum(len(v) for w in limiter._windows.values() for v in w.events.values()) == 6


def test_creations_are_capped_per_address_and_overall_per_hour(clock):
    limiter = CreationLimiter(per_address=3, overall=5, window=3600, clock=clock)
    assert [limiter.allow("203.0.113.7") for _ in range(4)] == [True, True, True, False]
    assert [limiter.allow("198.51.100.4") for _ in range(3)] == [True, True, False]  # the overall ceiling: 5
    clock.now += 3600
    assert limiter.allow("203.0.113.7")


def test_joins_are_limited_per_session_and_per_address_but_a_room_behind_one_address_gets_in(clock):
    limiter = JoinLimiter(clock=clock)
    assert limiter.allow(0, "203.0.113.7") and limiter.allow(1, "203.0.113.7")
    assert not limiter.allow(JOINS_PER_SESSION, "203.0.113.7")  # the same browser session, a third time
    room = [limiter.allow(0, "198.51.100.4") for _ in range(JOINS_PER_ADDRESS + 5)]  # private tabs, one address
    assert room == [True] * JOINS_PER_ADDRESS + [False] * 5  # a room of 120 behind one NAT gets in, no more
    assert limiter.allow(0, "192.0.2.1")  # another address is not affected
    clock.now += JOIN_WINDOW_SECONDS
    assert limiter.allow(0, "198.51.100.4")


def test_the_join_key_is_signed_per_workshop_and_differs_from_the_presenter_key(store):  # noqa: F811
    workshop, host = store.create_workshop("Org", "Kick-off", "en")
    other, other_host = store.create_workshop("Other", "O", "en")
    key = join_key(host)
    assert key != presenter_key(host) and len(key) == 22
    assert store.join_key(workshop.id) == key
    assert store.workshop_for_join_key(workshop.code.lower(), key).id == workshop.id
    with pytest.raises(BadToken):
        store.workshop_for_join_key(workshop.code, join_key(other_host))
    with pytest.raises(BadToken):
        store.workshop_for_join_key(workshop.code, presenter_key(host))
    with pytest.raises(BadToken):
        store.workshop_for_join_key(workshop.code, "short")
    with pytest.raises(UnknownCode):
        store.workshop_for_join_key("AAAAAAAA", key)


def test_a_workshop_takes_no_more_participants_than_its_cap(store):  # noqa: F811
    workshop, _ = store.create_workshop("Org", "Pulse", "en")
    for _ in range(3):
        store.join_workshop(workshop.code, max_participants=3)
    with pytest.raises(WorkshopFull):
        store.join_workshop(workshop.code, max_participants=3)
    assert store.counts(workshop.id) == (3, 0)


def test_the_participant_cap_comes_from_the_settings(store, monkeypatch):  # noqa: F811
    monkeypatch.setenv("READINESS_MAX_PARTICIPANTS", "2")
    settings.reload()
    try:
        workshop, _ = store.create_workshop("Org", "Pulse", "en")
        store.join_workshop(workshop.code)
        store.join_workshop(workshop.code)
        with pytest.raises(WorkshopFull):
            store.join_workshop(workshop.code)
    finally:
        monkeypatch.delenv("READINESS_MAX_PARTICIPANTS")
        settings.reload()


def test_the_limits_have_safe_defaults_and_bad_values_name_their_variable():
    defaults = settings.from_env({})
    assert (defaults.max_participants, defaults.creations_per_address, defaults.creations_per_hour) == (2000, 200, 2000)
    assert (defaults.wrong_codes_per_device, defaults.wrong_codes_per_address, defaults.wrong_codes_overall) == (5, 30, 300)
    assert settings.from_env({"READINESS_MAX_PARTICIPANTS": "40"}).max_participants == 40
    with pytest.raises(settings.SettingsError, match="READINESS_MAX_PARTICIPANTS: expected a whole number"):
        settings.from_env({"READINESS_MAX_PARTICIPANTS": "many"})
    with pytest.raises(settings.SettingsError, match="READINESS_CREATIONS_PER_HOUR: expected at least 1"):
        settings.from_env({"READINESS_CREATIONS_PER_HOUR": "0"})
