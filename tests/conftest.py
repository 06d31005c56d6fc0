"""Fixtures: an in-memory database, sample paths, databases with one sample loaded."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from pipeline.config import Settings
from pipeline.ingest import ingest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"

_skipped: list[str] = []


@pytest.fixture
def db() -> Iterator[sqlite_utils.Database]:
    database = sqlite_utils.Database(memory=True)
    yield database
    database.close()


@pytest.fixture
def sample() -> "type[Path] | object":
    def path(name: str) -> Path:
        found = SAMPLES / name
        assert found.exists(), f"missing sample {name}"
        return found

    return path


@pytest.fixture
def tmp_inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    return inbox


@pytest.fixture(scope="session")
def loaded(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A database holding just one sample, loaded once per session and sample."""
    cache: dict[str, sqlite_utils.Database] = {}

    def load(name: str) -> sqlite_utils.Database:
        if name not in cache:
            path = tmp_path_factory.mktemp("db") / "performance.db"
            outcomes = ingest([SAMPLES / name], Settings(db=path))
            assert [o.status.value for o in outcomes] == ["loaded"], outcomes
            cache[name] = sqlite_utils.Database(path)
        return cache[name]

    return load


RETURNS = [f"adult-services-commitments-q{q}-2007-08" for q in (1, 2, 3)]
PLANS = ["ni-136-action-plan", "ni-136-action-plan-q2-2008-09"]


@pytest.fixture(scope="session")
def quarters_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every sample, the Word edition and then the PDF edition of each, in one performance.db."""
    path = tmp_path_factory.mktemp("quarters") / "performance.db"
    files = [SAMPLES / f"{name}.{ext}" for ext in ("docx", "pdf") for name in RETURNS + PLANS]
    outcomes = ingest(files, Settings(db=path))
    assert [o.status.value for o in outcomes] == ["loaded"] * 10
    return path


@pytest.fixture(scope="session")
def quarters(quarters_path: Path) -> Iterator[sqlite_utils.Database]:
    """The database of quarters_path, opened."""
    database = sqlite_utils.Database(quarters_path)
    yield database
    database.close()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """On CI a skipped test is a failure: nothing may be skipped for a missing dependency."""
    if os.environ.get("CI") and _skipped:
        print(f"\nCI: {len(_skipped)} test(s) skipped, which CI does not allow: {_skipped}")
        session.exitstatus = 1
