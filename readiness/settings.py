"""The product's configuration: one frozen object, built from the environment once.

Every setting is an environment variable (nothing needs configuring on one machine). This is the
only module of the product that reads ``os.environ``; everything else asks :func:`get`. A value
that cannot be used stops the CLI (exit 2) and shows one clear error on every page, naming the
variable, e.g. ``READINESS_RETENTION_DAYS: expected a whole number of days, got 'abc'``.

Plain pydantic (already a dependency) rather than pydantic-settings: a dozen variables do not need
another package, and reading them by hand lets each message say exactly which variable is wrong
and what was expected. Tests build their own with :func:`reload` (from the environment or from
keyword overrides).
"""

from __future__ import annotations

import ipaddress
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'data' / 'readiness.db'}"
DEFAULT_RETENTION_DAYS = 180
DEFAULT_MAX_NOTES_CHARS = 50_000  # all notes of one assessment together (each note: at most 5,000)

#: Setting -> the environment variable it is read from.
VARIABLES = {
    "database_url": "DATABASE_URL",
    "brand_file": "READINESS_BRAND",
    "public_url": "READINESS_PUBLIC_URL",
    "retention_days": "READINESS_RETENTION_DAYS",
    "trusted_proxies": "READINESS_TRUSTED_PROXIES",
    "max_notes_chars": "READINESS_MAX_NOTES_CHARS",
    "wrong_codes_per_device": "READINESS_WRONG_CODES_PER_DEVICE",
    "wrong_codes_per_address": "READINESS_WRONG_CODES_PER_ADDRESS",
    "wrong_codes_overall": "READINESS_WRONG_CODES_OVERALL",
    "max_participants": "READINESS_MAX_PARTICIPANTS",
    "creations_per_address": "READINESS_CREATIONS_PER_ADDRESS",
    "creations_per_hour": "READINESS_CREATIONS_PER_HOUR",
}

#: What each count setting means, for its error message.
_COUNTS = {
    "max_notes_chars": "characters of an assessment's notes in all",
    "wrong_codes_per_device": "wrong join codes per device in 10 minutes",
    "wrong_codes_per_address": "wrong join codes per network address in 10 minutes",
    "wrong_codes_overall": "wrong join codes in all in 10 minutes",
    "max_participants": "participants per workshop",
    "creations_per_address": "workshops and assessments created per network address in an hour",
    "creations_per_hour": "workshops and assessments created in all in an hour",
}


class SettingsError(ValueError):
    """A setting cannot be used; the message names the environment variable and what was expected."""


class Settings(BaseModel):
    """What the app, the CLI and the store are configured with (see the README's Configuration)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    database_url: str = DEFAULT_DATABASE_URL
    brand_file: Path | None = None
    public_url: str | None = None
    retention_days: int = Field(default=DEFAULT_RETENTION_DAYS, ge=1)
    trusted_proxies: tuple[str, ...] = ()
    max_notes_chars: int = Field(default=DEFAULT_MAX_NOTES_CHARS, ge=1)
    # Limits, counted per server process (see readiness/limits.py and the README's threat model).
    wrong_codes_per_device: int = Field(default=5, ge=1)
    wrong_codes_per_address: int = Field(default=30, ge=1)
    wrong_codes_overall: int = Field(default=300, ge=1)
    max_participants: int = Field(default=2000, ge=1)
    creations_per_address: int = Field(default=200, ge=1)
    creations_per_hour: int = Field(default=2000, ge=1)

    @property
    def database_kind(self) -> str:
        """``sqlite`` or ``postgresql`` (what the privacy page tells people)."""
        return self.database_url.split(":", 1)[0].split("+", 1)[0]

    def database_description(self) -> str:
        """Where the data lives, without any password: a SQLite file's path, or PostgreSQL's host and database."""
        parts = urlsplit(self.database_url)
        if self.database_kind == "sqlite":
            return self.database_url.split(":///", 1)[-1] or ":memory:"
        host = parts.hostname or "localhost"
        return f"{host}{':' + str(parts.port) if parts.port else ''}{parts.path}"


def database_url(raw: str) -> str:
    """A database URL in the form the store uses: ``postgres://`` and ``postgresql://`` mean psycopg (3)."""
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix):]
    return raw


def _database_url(raw: str) -> str:
    url = database_url(raw)
    if not url.startswith(("sqlite:", "postgresql+psycopg:")):
        raise SettingsError(f"DATABASE_URL: only SQLite (sqlite:///path) and PostgreSQL (postgresql://…) "
                            f"are supported, got {url.split(':', 1)[0]!r}")
    return url


def _whole_number(variable: str, raw: str, what: str, least: str) -> int:
    """A positive whole number, or an error naming the variable: "expected a whole number <what>"."""
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{variable}: expected a whole number {what}, got {raw!r}") from None
    if value < 1:
        raise SettingsError(f"{variable}: expected at least {least}, got {raw!r}")
    return value


def _retention(raw: str) -> int:
    return _whole_number("READINESS_RETENTION_DAYS", raw, "of days", "1 day")


def _public_url(raw: str) -> str:
    url = raw.rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise SettingsError(f"READINESS_PUBLIC_URL: expected an address such as https://readiness.example.dk, "
                            f"got {raw!r}")
    return url


def _proxies(raw: str) -> tuple[str, ...]:
    out = []
    for item in (x.strip() for x in raw.split(",")):
        if not item:
            continue
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise SettingsError(f"READINESS_TRUSTED_PROXIES: expected IP addresses or networks separated by "
                                f"commas (e.g. 127.0.0.1,10.0.0.0/8), got {item!r}") from None
        out.append(item)
    return tuple(out)


def _count(field: str):
    def parse(raw: str) -> int:
        what = _COUNTS[field]
        return _whole_number(VARIABLES[field], raw, f"({what})", f"1 ({what})")

    return parse


def forwarded_allow_ips(current: Settings) -> str:
    """The value for uvicorn's ``FORWARDED_ALLOW_IPS``: the trusted proxies, or none at all (empty)."""
    return ",".join(current.trusted_proxies)


def server_environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment to start the server with: this one, and uvicorn told which proxies to trust.

    Streamlit 1.67 serves through uvicorn, whose default believes ``X-Forwarded-For`` from
    loopback (``127.0.0.1,::1``); an empty ``FORWARDED_ALLOW_IPS`` believes nobody.
    """
    env = dict(os.environ if env is None else env)
    try:
        trusted = forwarded_allow_ips(from_env(env))
    except SettingsError:  # trust nobody; the pages name the broken variable
        trusted = ""
    env["FORWARDED_ALLOW_IPS"] = trusted
    return env


def _brand(raw: str) -> Path:
    return Path(raw).expanduser()


_PARSERS = {"database_url": _database_url, "brand_file": _brand, "public_url": _public_url,
            "retention_days": _retention, "trusted_proxies": _proxies, **{f: _count(f) for f in _COUNTS}}


def from_env(env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Settings from ``env`` (default: the process environment), with keyword ``overrides`` on top."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    for field, variable in VARIABLES.items():
        raw = (env.get(variable) or "").strip()
        if raw:
            values[field] = _PARSERS[field](raw)
    values.update(overrides)
    try:
        return Settings(**values)
    except ValueError as exc:  # a bad keyword override (tests): name the setting
        raise SettingsError(f"settings: {exc}") from None


_current: Settings | None = None
_lock = threading.Lock()


def get() -> Settings:
    """The process's settings, built from the environment on first use. :class:`SettingsError` if invalid."""
    global _current
    current = _current
    if current is None:
        with _lock:
            if _current is None:
                _current = from_env()
            current = _current
    return current


def reload(env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Build the settings again (tests, after changing the environment); returns them."""
    global _current
    with _lock:
        _current = None
        _current = from_env(env, **overrides)
        return _current


def reset() -> None:
    """Forget the settings; the next :func:`get` reads the environment again (tests)."""
    global _current
    with _lock:
        _current = None
