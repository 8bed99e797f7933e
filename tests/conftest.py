"""Shared fixtures: a fresh store folder per test, the CLI runner, the shared corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.store.serve import installed_program

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "corpus" / "dev"
SIPRI = SHARED / "data" / "sipri"
SAMPLE = ROOT / "data" / "seed-s400-turquie.txt"


def kg_executable() -> str:
    """The installed ``kg`` console script (next to this Python, else on PATH)."""
    found = installed_program("kg")
    if not found:
        pytest.skip("the kg console script is not installed")
    return found


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    """A store folder that does not exist yet."""
    return tmp_path / "store"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def kg_bin() -> str:
    return kg_executable()


def needs_shared() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus/dev is not beside the checkout")
