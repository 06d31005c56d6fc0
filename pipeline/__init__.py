"""perfreturns: councils' quarterly performance returns into one SQLite database."""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# name -> (module, attribute); imported on first use (PEP 562), so `import pipeline.models`
# in a worker process does not load the extractors, the loader or sqlite-utils
_LAZY = {
    "ingest": ("pipeline.ingest", "ingest"),
    "extract": ("pipeline.ingest", "read"),
    "prepare": ("pipeline.ingest", "prepare"),
    "commit": ("pipeline.ingest", "commit"),
    "run": ("pipeline.batch", "run"),
}

__all__ = ["__version__", "commit", "extract", "ingest", "prepare", "run"]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'pipeline' has no attribute {name!r}") from None
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
