"""Shared fixtures. Hypothesis runs without per-example deadlines (these machines are shared)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from readiness import settings as app_settings  # noqa: E402
from readiness.answers import Assessment  # noqa: E402
from readiness.bank import load_bank  # noqa: E402
from readiness.samples import best_answers, worst_answers  # noqa: E402

settings.register_profile("repo", deadline=None, max_examples=60,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("repo")

ARTIFACTS = ROOT / "build" / "test-artifacts"
REQUIRE_SERVICES = os.environ.get("READINESS_REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str) -> None:
    """Skip loudly on a developer machine; fail in CI, where every service must be there."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (READINESS_REQUIRE_SERVICES=1: this must run in CI)")
    pytest.skip(f"NOT RUN: {reason}")


@pytest.fixture(autouse=True)
def fresh_settings():
    """Every test starts from settings read from its own environment (a test that changes the
    environment calls ``app_settings.reload()`` itself, or uses :func:`set_env`)."""
    app_settings.reset()
    yield
    app_settings.reset()


@pytest.fixture
def set_env(monkeypatch):
    """Set environment variables and rebuild the settings from them: ``set_env(DATABASE_URL=...)``."""

    def apply(**variables: str | None):
        for name, value in variables.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        return app_settings.reload()

    return apply


@pytest.fixture(scope="session")
def bank():
    return load_bank()


@pytest.fixture
def best(bank):
    return Assessment(answers=best_answers(bank), organisation="Bedste A/S")


@pytest.fixture
def worst(bank):
    return Assessment(answers=worst_answers(bank), organisation="Værste ApS")


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
