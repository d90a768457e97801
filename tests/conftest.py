"""Shared fixtures: the seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_A = ROOT / "seeds" / "000_0678943cec9dccad.txt"
SEED_B = ROOT / "seeds" / "004_f56bacf0fc7744a3.txt"


@pytest.fixture(scope="session")
def seed_paths() -> tuple[Path, Path]:
    return SEED_A, SEED_B


@pytest.fixture(scope="session")
def seed_comparison():
    """The two seeds compared with the default options (computed once per test session)."""
    from desktop.core.pipeline import compare
    from desktop.core.sources.loading import read_source

    return compare(read_source(SEED_A), read_source(SEED_B))
