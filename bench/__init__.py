"""Benchmarks at national size: ``make bench`` (``python -m bench``). See docs/performance.md."""
