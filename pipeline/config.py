"""Settings: defaults, overridden by environment variables, then by command-line flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

from pipeline.errors import ConfigError

ENV_PREFIX = "PERFRETURNS_"
PDF_ENGINES = ("pdfium", "pdfplumber")  # where a PDF's characters, lines and rectangles are read

_POSITIVE = (
    "max_bytes", "max_pages", "max_zip_entries", "max_zip_ratio", "max_unzipped_bytes",
    "max_xml_depth", "max_xml_elements", "max_table_depth", "max_grid_span", "max_table_rows",
    "workers", "timeout", "max_memory_mb", "busy_timeout", "max_convert_seconds",
)


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
    # inflated size over packed size, for the whole file and for each part over 1 MB inflated
    max_zip_ratio: int = 100
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_xml_depth: int = 256
    max_xml_elements: int = 1_000_000
    max_table_depth: int = 5  # a table inside a table inside a table...
    max_grid_span: int = 1_000  # Word itself allows 63 columns
    max_table_rows: int = 20_000
    max_convert_seconds: int = 120  # LibreOffice's time to convert one legacy file
    # the inbox batch
    settle: float = 5.0  # seconds a file's size and time must stay unchanged
    workers: int = os.cpu_count() or 1
    timeout: float = 120.0  # seconds one file may take
    max_memory_mb: int = 1024  # memory one file may add to its worker, beyond the loaded readers
    busy_timeout: float = 60.0  # seconds to wait for another writer of the database
    log: Path | None = None  # library warnings and tracebacks; default beside the database
    organisation: str | None = None  # the publisher of every file ingested, overriding what is printed
    pdf_engine: str = "pdfium"

    def __post_init__(self) -> None:
        for name in _POSITIVE:
            if getattr(self, name) <= 0:
                raise ConfigError(f"the setting {name} must be a positive number, not {getattr(self, name)!r}")
        if self.pdf_engine not in PDF_ENGINES:
            raise ConfigError(f"the PDF engine must be one of {', '.join(PDF_ENGINES)}, not {self.pdf_engine!r}")
        if self.settle < 0:
            raise ConfigError(f"the setting settle must not be negative, not {self.settle!r}")

    @property
    def log_path(self) -> Path:
        """Where the log goes: the setting, or perfreturns.log beside the database."""
        return self.log if self.log is not None else self.db.with_name("perfreturns.log")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults < PERFRETURNS_* environment variables < explicit overrides (flags)."""
        environ = dict(os.environ) if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            variable = ENV_PREFIX + f.name.upper()
            raw = environ.get(variable)
            if raw is None:
                continue
            if f.type == "str | None":
                values[f.name] = raw.strip() or None
                continue
            if f.type == "str":
                values[f.name] = raw.strip()
                continue
            if f.type in ("int", "float"):
                kind = int if f.type == "int" else float
                try:
                    values[f.name] = kind(raw)
                except ValueError:
                    what = "a whole number" if kind is int else "a number"
                    raise ConfigError(f"{variable} must be {what}, not {raw!r}") from None
            else:
                values[f.name] = Path(raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)  # type: ignore[arg-type]
