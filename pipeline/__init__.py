"""perfreturns: councils' quarterly performance returns into one SQLite database."""

from __future__ import annotations

__version__ = "0.1.0"

from pipeline.ingest import ingest, read as extract  # noqa: E402

__all__ = ["__version__", "extract", "ingest"]
