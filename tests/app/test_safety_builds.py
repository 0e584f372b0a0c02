"""Document builds: in one worker process (off the server's GIL), one at a time, cached by content.

The cache key leaves out ``saved_at``: the same answers saved a minute later are the same document.
"""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from readiness.answers import Assessment
from readiness.bank import load_bank
from readiness.brand import DEFAULT_BRAND
from readiness.samples import worst_answers
from reports import worker
from ui.downloads import pdf_builder

BANK = load_bank()


@pytest.fixture(scope="module")
def builder():
    b = worker.Builder()
    yield b
    b.shutdown()


@pytest.fixture
def on_builder(builder, monkeypatch):
    monkeypatch.setattr(worker, "_builder", builder)
    return builder


def _assessment(**changes) -> Assessment:
    return Assessment(**{"answers": worst_answers(BANK), "language": "da", "organisation": "Fjordhavn", **changes})


def test_a_second_identical_click_is_served_from_the_cache(on_builder):
    first = pdf_builder(BANK, _assessment(saved_at="2026-01-01T10:00:00+00:00"), "da", DEFAULT_BRAND)()
    built = on_builder.builds
    again = pdf_builder(BANK, _assessment(saved_at="2026-01-01T10:05:00+00:00"), "da", DEFAULT_BRAND)()
    assert again == first and first.startswith(b"%PDF-")
    assert on_builder.builds == built, "the same content (only saved_at differs) must not be built again"
    pdf_builder(BANK, _assessment(), "en", DEFAULT_BRAND)()  # another language is another document
    pdf_builder(BANK, _assessment(organisation="Ærø"), "da", DEFAULT_BRAND)()  # and other content
    assert on_builder.builds == built + 2


def test_the_build_runs_in_another_process_and_the_server_keeps_answering(on_builder):
    assert on_builder.worker_pid() != os.getpid()
    ticks: list[float] = []
    done = threading.Event()

    def tap() -> None:  # another session's work on this server while a PDF is being built
        while not done.is_set():
            start = time.perf_counter()
            sum(range(20_000))
            ticks.append(time.perf_counter() - start)
            time.sleep(0.005)

    thread = threading.Thread(target=tap)
    thread.start()
    try:
        on_builder.build("pdf", '{"format": "readiness-answers/1", "answers": {}}', lang="en", brand=DEFAULT_BRAND,
                         bank_version=BANK.version)
    finally:
        done.set()
        thread.join()
    assert ticks and max(ticks) < 0.5, max(ticks)


def test_a_worker_that_dies_is_replaced(on_builder):
    pid = on_builder.worker_pid()
    os.kill(pid, signal.SIGKILL)
    data = on_builder.build("pdf", '{"format": "readiness-answers/1", "answers": {}, "language": "da"}', lang="da",
                            brand=DEFAULT_BRAND, bank_version=BANK.version)
    assert data.startswith(b"%PDF-") and on_builder.worker_pid() != pid


def test_an_unknown_kind_is_refused_by_name(on_builder):
    with pytest.raises(ValueError, match="unknown document kind 'docx'"):
        on_builder.build("docx", "{}", lang="da", brand=DEFAULT_BRAND, bank_version=BANK.version)
