"""Benchmarks: what users feel, each against a baseline measured in the same run.

``python -m bench`` (``make bench``) runs every measurement and rewrites ``docs/benchmarks.md``;
``python -m bench --quick`` runs one small repetition of each (the smoke test in
``tests/test_bench_smoke.py`` does that, so the benchmarks cannot rot). Each measurement lives in
its own module and returns a :class:`bench.common.Result` that :mod:`bench.report` renders.

These are measurements, not pass/fail tests: a missed budget is reported (with the profile that
shows where the time goes), never raised.
"""
