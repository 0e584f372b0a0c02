"""The bank is looked up on every widget of every run: after the first, a lookup touches no file system."""

from __future__ import annotations

from pathlib import Path

from readiness.bank import load_bank


def test_a_repeated_lookup_resolves_no_path(monkeypatch):
    first = load_bank()

    def no_resolve(self, strict=False):
        raise AssertionError(f"resolved {self} again")

    monkeypatch.setattr(Path, "resolve", no_resolve)
    assert load_bank() is first
    assert load_bank(None) is first
