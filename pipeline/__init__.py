"""perfreturns: councils' quarterly performance returns into one SQLite database."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "extract", "ingest"]


def __getattr__(name: str) -> Any:
    """Import the pipeline only when its API is used, so `import pipeline.models` (or schemas) stays light."""
    if name == "ingest":
        from pipeline.ingest import ingest

        return ingest
    if name == "extract":
        from pipeline.ingest import read

        return read
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
