"""The server's settings that the cost of a tap depends on (docs/benchmarks-load.md)."""

from __future__ import annotations

import tomllib

from tests.conftest import ROOT


def test_no_forced_collection_after_each_run():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False
