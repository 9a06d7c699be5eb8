"""The demo region: one module per app, run in order by `runner` (`manage.py demo`).

Deterministic (fixed seeds, dates derived from today) and idempotent (natural keys):
running it twice leaves the same data. It builds a region with rows of every app, so
it may use every app's services, selectors and models (tests/test_architecture.py).
"""
