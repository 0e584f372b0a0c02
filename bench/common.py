"""What every measurement shares: statistics, the result object, the machine, A/B alternation."""

from __future__ import annotations

import dataclasses
import functools
import gc
import importlib.metadata
import os
import platform
import re
import sqlite3
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("streamlit", "fpdf2", "SQLAlchemy", "psycopg", "pydantic", "PyYAML", "plotly", "pandas", "websockets",
            "pyinstrument")


# -- statistics -----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Stats:
    """A summary of repeated measurements (seconds)."""

    n: int
    median: float
    q1: float
    q3: float
    p95: float
    low: float
    high: float

    @classmethod
    def of(cls, samples: Sequence[float]) -> Stats:
        values = sorted(float(x) for x in samples)
        if not values:
            raise ValueError("no samples")
        if len(values) == 1:
            v = values[0]
            return cls(1, v, v, v, v, v, v)
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
        return cls(len(values), statistics.median(values), q1, q3, percentile(values, 95), values[0], values[-1])

    def to_json(self) -> dict[str, float]:
        return dataclasses.asdict(self)


def percentile(samples: Sequence[float], pct: float) -> float:
    """The ``pct`` percentile, linear between the closest ranks (as numpy's default)."""
    values = sorted(samples)
    if not values:
        raise ValueError("no samples")
    rank = (len(values) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (rank - low)


def ms(seconds: float) -> str:
    """Seconds as milliseconds for a table: 3 significant figures."""
    value = seconds * 1000
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def med_iqr(stats: Stats) -> str:
    """``median (IQR q1–q3)`` in ms."""
    return f"{ms(stats.median)} ({ms(stats.q1)}–{ms(stats.q3)})"


def ratio(a: float, b: float) -> float:
    return a / b if b > 0 else float("inf")


# -- results --------------------------------------------------------------------------------


@dataclasses.dataclass
class Result:
    """One measurement, as the report shows it."""

    key: str
    title: str
    command: str
    what: str  # how it is measured, one paragraph of markdown
    columns: list[str]
    rows: list[list[str]]
    budget: str
    ratio: float | None
    ratio_label: str
    met: bool | None  # None: nothing to judge
    notes: list[str] = dataclasses.field(default_factory=list)  # findings and explanations (markdown)
    profile: str | None = None  # a profile's top lines, shown when a budget is missed
    profile_title: str = ""
    numbers: dict[str, Any] = dataclasses.field(default_factory=dict)  # the raw numbers (JSON), for tests
    tables: list[tuple[str, list[str], list[list[str]]]] = dataclasses.field(default_factory=list)  # (caption, columns, rows)
    seconds: float = 0.0  # how long the measurement took

    @property
    def verdict(self) -> str:
        if self.met is None:
            return "not judged"
        return "met" if self.met else "missed"


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def alternate(a: Callable[[], Any], b: Callable[[], Any], reps: int, warmup: int = 1) -> tuple[list[float], list[float]]:
    """Time ``a`` and ``b`` alternately (A B B A A B ...), so drift and noise hit both alike.

    The garbage collector runs before each timed call and is off during it.
    """
    for _ in range(warmup):
        a()
        b()
    times_a: list[float] = []
    times_b: list[float] = []
    for i in range(reps):
        order = ((a, times_a), (b, times_b)) if i % 2 == 0 else ((b, times_b), (a, times_a))
        for fn, sink in order:
            gc.collect()
            gc.disable()
            try:
                sink.append(timed(fn))
            finally:
                gc.enable()
    return times_a, times_b


# -- the machine ----------------------------------------------------------------------------


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def postgres_version() -> str:
    from glob import glob

    found = sorted(glob("/usr/lib/postgresql/*/bin/postgres"))
    if not found:
        return "not installed"
    try:
        out = subprocess.run([found[-1], "--version"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.strip().removeprefix("postgres ")


def machine() -> dict[str, str]:
    """Cores, memory, CPU, OS, Python and the versions of the packages that matter here."""
    info = {
        "cores": str(os.cpu_count()),
        "memory": _memory_gib(),
        "cpu": _cpu_model(),
        "os": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "sqlite": sqlite3.sqlite_version,
        "postgresql": postgres_version(),
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    info.update({name: _version(name) for name in PACKAGES})
    return info


# -- profiles and prose ----------------------------------------------------------------------

_HIDDEN = re.compile(r"^\s*\[\d+ frames hidden\]")


def profile_lines(text: str, max_lines: int = 40, min_share: float = 0.02) -> str:
    """The top of a pyinstrument text profile: its header and the lines of at least ``min_share`` of the total."""
    out: list[str] = []
    total = None
    for line in text.splitlines():
        match = re.search(r"(\d+\.\d+) ", line)
        if "Duration:" in line:
            out.append(line.strip())
        elif match and not _HIDDEN.match(line):
            value = float(match.group(1))
            total = total or value
            if value / total >= min_share:
                out.append(line.rstrip())
    # Paths relative to the repository, the virtualenv's left out.
    text = "\n".join(out[:max_lines])
    return text.replace(str(ROOT) + "/.venv/lib/python3.11/site-packages/", "").replace(str(ROOT) + "/", "")


def profile_text(profiler: Any, max_lines: int = 40, min_share: float = 0.02) -> str:
    """The top of a pyinstrument profiler's profile (see :func:`profile_lines`)."""
    text = profiler.output_text(unicode=False, color=False, show_all=False, short_mode=False)
    return profile_lines(text, max_lines, min_share)


def profile_file_text(path: Path, max_lines: int = 40, min_share: float = 0.02, timeout: float = 30) -> str:
    """The top of a profile that bench.hooked_streamlit wrote (waiting for it to appear)."""
    deadline = time.monotonic() + timeout
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    if not path.exists():
        return "(no profile was written)"
    return profile_lines(path.read_text(encoding="utf-8"), max_lines, min_share)


NOTES = Path(__file__).resolve().parent / "notes"
_PART = re.compile(r"^<!-- ([\w-]+) -->$")


@functools.cache
def _parts(name: str) -> dict[str, str]:
    parts: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in (NOTES / f"{name}.md").read_text(encoding="utf-8").splitlines():
        match = _PART.match(line)
        if match:
            current = parts.setdefault(match.group(1), [])
        elif current is not None:
            current.append(line)
    return {part: "\n".join(lines).strip() for part, lines in parts.items()}


def prose(name: str, part: str, optional: bool = False, **values: Any) -> str:
    """A part of ``bench/notes/<name>.md`` (the lines after ``<!-- part -->``), its ``{fields}`` filled in."""
    parts = _parts(name)
    if optional and part not in parts:
        return ""
    return parts[part].format(**values)


def quick_or(quick: bool, small: Any, full: Any) -> Any:
    return small if quick else full
