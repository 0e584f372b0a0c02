"""AppTest fixtures: each test gets its own SQLite database and a Danish or English browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from readiness import settings
from ui import state

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("READINESS_BRAND", raising=False)
    monkeypatch.setenv("READINESS_PUBLIC_URL", "https://readiness.example.dk")
    settings.reload()
    return url


def new_app(locale: str = "da-DK") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[state.TEST_LOCALE] = locale
    return at


@pytest.fixture
def app():
    at = new_app()
    at.run()
    return at
