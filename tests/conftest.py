"""Shared fixtures: the real commentary, parsed once per test session."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMMENTARY = ROOT / "sources" / "commentary" / "002_b07c53fab08c7372.txt"


@pytest.fixture(scope="session")
def raw() -> str:
    return COMMENTARY.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def commentary():
    from kg.parse import parse_file
    return parse_file(COMMENTARY)
