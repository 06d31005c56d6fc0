"""Settings: defaults, overridden by environment variables, then by command-line flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

from pipeline.errors import ConfigError

ENV_PREFIX = "PERFRETURNS_"


@dataclass(frozen=True, slots=True)
class Settings:
    """Where things live and the limits a file must pass before it is parsed."""

    db: Path = Path("output/performance.db")
    inbox: Path = Path("inbox")
    archive: Path = Path("archive")
    quarantine: Path = Path("quarantine")
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 500
    max_zip_entries: int = 2_000
    max_zip_ratio: int = 100
    max_unzipped_bytes: int = 500 * 1024 * 1024
    max_convert_seconds: int = 120  # LibreOffice's time to convert one legacy file
    organisation: str | None = None  # the publisher of every file ingested, overriding what is printed

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_pages", "max_zip_entries", "max_zip_ratio", "max_unzipped_bytes",
                     "max_convert_seconds"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"the setting {name} must be a positive whole number")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults < PERFRETURNS_* environment variables < explicit overrides (flags)."""
        environ = dict(os.environ) if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = environ.get(ENV_PREFIX + f.name.upper())
            if raw is None:
                continue
            if f.type == "str | None":
                values[f.name] = raw.strip() or None
            elif f.type == "int":
                try:
                    values[f.name] = int(raw)
                except ValueError:
                    raise ConfigError(
                        f"{ENV_PREFIX}{f.name.upper()} must be a whole number, not {raw!r}"
                    ) from None
            elif f.type == "str | None":
                values[f.name] = raw.strip() or None
            else:
                values[f.name] = Path(raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)  # type: ignore[arg-type]
