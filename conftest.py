"""Fixtures for every test pytest collects: the tests under ``tests/`` and the doctests of ``analysis/``."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Each test and doctest gets its own empty cache folder: results never leak between tests, and the
    doctests of functions that read the per-article store never write to the user's own cache."""
    monkeypatch.setenv("FRAMING_LAB_CACHE", str(tmp_path_factory.mktemp("cache")))
