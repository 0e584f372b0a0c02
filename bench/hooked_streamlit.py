"""``streamlit`` with the benchmarks' server-side hooks: ``python -m bench.hooked_streamlit run app.py ...``.

Used only by the benchmarks (never by the app): it installs what the environment asks for, then
hands over to Streamlit's own command line in this same process.

- ``BENCH_SAVE_LOG=path``: after every answer the store has committed (``Store.save_answer``
  and ``Store.save_participant_answer``), append one JSON line ``{"t": <time.time()>, "who":
  <first 16 hex digits of the token's SHA-256>, "q": <question id>}``. The token itself is
  never written.
- ``BENCH_PROFILE_OUT=path``: profile the first script run of the process with pyinstrument
  and write its text to ``path``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import threading
import time
from typing import Any


def who(token: str) -> str:
    """The short, one-way name of a token in the save log (the client computes the same)."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()[:16]


def install_save_log(path: str) -> None:
    from readiness import store as store_mod

    lock = threading.Lock()
    sink = open(path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - lives as long as the server

    def wrap(method: Any) -> Any:
        @functools.wraps(method)
        def logged(self: Any, token: str, question_id: str, value: Any) -> Any:
            result = method(self, token, question_id, value)
            line = json.dumps({"t": time.time(), "who": who(token), "q": question_id})
            with lock:
                sink.write(line + "\n")
            return result

        return logged

    store_mod.Store.save_answer = wrap(store_mod.Store.save_answer)
    store_mod.Store.save_participant_answer = wrap(store_mod.Store.save_participant_answer)


def install_first_run_profile(path: str) -> None:
    from pyinstrument import Profiler
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script
    done = threading.Event()

    def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
        if done.is_set():
            return original(self, *args, **kwargs)
        done.set()
        profiler = Profiler(interval=0.001)
        profiler.start()
        try:
            return original(self, *args, **kwargs)
        finally:
            profiler.stop()
            with open(path + ".tmp", "w", encoding="utf-8") as fh:
                fh.write(profiler.output_text(unicode=False, color=False))
            os.replace(path + ".tmp", path)

    script_runner.ScriptRunner._run_script = wrapped


def main() -> None:
    if os.environ.get("BENCH_SAVE_LOG"):
        install_save_log(os.environ["BENCH_SAVE_LOG"])
    if os.environ.get("BENCH_PROFILE_OUT"):
        install_first_run_profile(os.environ["BENCH_PROFILE_OUT"])
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
