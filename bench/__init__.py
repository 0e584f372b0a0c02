"""Benchmarks: what users feel, each against a baseline measured in the same run.

Two sets (bench/suites.py): ``python -m bench`` (``make bench``) runs the standard set and
rewrites ``docs/benchmarks.md``; ``python -m bench --load`` (``make bench-load``) runs the load
set (many clients on real servers) and rewrites ``docs/benchmarks-load.md``. Each measurement
lives in its own module and returns a :class:`bench.common.Result` that :mod:`bench.report`
renders; the prose around the numbers is in ``bench/notes/``. ``tests/test_bench_smoke.py``
runs each measurement once, small (``quick``), so the benchmarks cannot rot.

These are measurements, not pass/fail tests: a missed budget is reported (with the profile that
shows where the time goes), never raised.
"""
