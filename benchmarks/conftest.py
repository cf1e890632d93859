"""Fixtures and options for the engine benchmarks (pytest-benchmark).

pyproject's ``addopts`` carry ``--benchmark-skip`` so the normal test run skips
benchmarks. Run them with either of::

    python -m pytest benchmarks --benchmark-only
    python -m pytest benchmarks --benchmark-enable
"""

from __future__ import annotations

import pytest

import skills
from recommender.engine import Engine
from recommender.modelio import default_model_path, load_model


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    # --benchmark-enable on its own does not undo --benchmark-skip; here it means "run them".
    if config.getoption("benchmark_enable", default=False):
        config.option.benchmark_skip = False


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The shipped catalog and model, whatever CAREERPATH_* say."""
    return Engine(skills.load_catalog(skills.default_catalog_dir()), load_model(default_model_path()))
