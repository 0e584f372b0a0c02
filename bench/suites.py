"""The sets of measurements ``python -m bench`` runs, and the report each set writes.

The standard set (``make bench``) is what one machine measures in a few minutes; the load set
(``make bench-load``) holds the runs that put many clients on real servers. A measurement is a
module of ``bench/`` with ``run(quick: bool = False) -> Result``; its prose (how it measures,
what the numbers mean) is in ``bench/notes/<module>.md``. To add one, write the module and its
notes and name it in a set below.
"""

from __future__ import annotations

import dataclasses
import importlib
from pathlib import Path

from .common import ROOT, Result


@dataclasses.dataclass(frozen=True)
class Suite:
    name: str  # also its notes: bench/notes/<name>.md
    option: str  # the option of ``python -m bench`` that selects it ("" for the standard set)
    target: str  # the make target that runs it in full and rewrites ``output``
    output: Path  # the generated report
    measurements: tuple[str, ...]  # modules of bench/, in report order


STANDARD = Suite("standard", "", "make bench", ROOT / "docs" / "benchmarks.md",
                 ("cold_start", "click", "pdf", "aggregate", "saves"))
LOAD = Suite("load", "--load", "make bench-load", ROOT / "docs" / "benchmarks-load.md", ("tap", "room", "cluster_room"))
SUITES = (STANDARD, LOAD)


def run(name: str, quick: bool = False) -> Result:
    """Run one measurement (in this process)."""
    return importlib.import_module(f"bench.{name}").run(quick=quick)
