"""The build worker never re-runs the page that started it (Streamlit's script is ``__main__`` then)."""

from __future__ import annotations

import sys
import types

from reports.worker import Builder


def test_a_worker_started_from_a_script_run_does_not_run_that_script_again(tmp_path, monkeypatch):
    script = tmp_path / "page.py"
    script.write_text("raise SystemExit('the page ran again in the worker')\n", encoding="utf-8")
    page = types.ModuleType("__main__")
    page.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", page)  # as Streamlit's script runner does while a page runs
    builder = Builder()
    try:
        assert builder.worker_pid() > 0
        assert sys.modules["__main__"] is page  # put back after the worker started
    finally:
        builder.shutdown()
