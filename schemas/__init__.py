"""The data files that steer normalisation: header synonyms and vocabularies."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

FILES = ("headers", "vocabularies", "officers", "commentary")


@cache
def load(name: str) -> dict[str, Any]:
    """Read one of the schema files by name ("headers", "vocabularies")."""
    if name not in FILES:
        raise KeyError(f"no schema file named {name!r}; expected one of {', '.join(FILES)}")
    text = resources.files(__name__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def headers() -> dict[str, Any]:
    """Header synonyms per table kind."""
    return load("headers")


def vocabularies() -> dict[str, Any]:
    """RAG words and colours, placeholders, code shapes, groups."""
    return load("vocabularies")


def officers() -> dict[str, Any]:
    """How officer cells split into people, job titles and role codes."""
    return load("officers")


def commentary() -> dict[str, Any]:
    """The spaCy patterns that read facts, slippage and completion from commentary."""
    return load("commentary")
