"""Extractor registry: one module per input format, registered by detected file type."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.config import Settings
from pipeline.errors import UnsupportedFile
from pipeline.models import ExtractedDocument, FileType, SourceFile

Extractor = Callable[[SourceFile, Settings], ExtractedDocument]
_REGISTRY: dict[FileType, Extractor] = {}


def register(file_type: FileType) -> Callable[[Extractor], Extractor]:
    """Mark a function as the extractor for one file type."""

    def decorate(function: Extractor) -> Extractor:
        _REGISTRY[file_type] = function
        return function

    return decorate


def extractor_for(source: SourceFile) -> Extractor:
    """The extractor for a detected file type, or UnsupportedFile naming the types we read."""
    try:
        return _REGISTRY[source.file_type]
    except KeyError:
        known = ", ".join(sorted(t.value for t in _REGISTRY))
        what = "not a document type perfreturns recognises" if source.file_type is FileType.UNKNOWN \
            else f"a .{source.file_type.value} file, which perfreturns does not read yet"
        raise UnsupportedFile(
            f"{source.original_name}: this is {what}; send the return as one of: {known}."
        ) from None


def extract(source: SourceFile, settings: Settings) -> ExtractedDocument:
    """Read a file with the extractor registered for its type."""
    return extractor_for(source)(source, settings)


from extractors import docx, pdf, xlsx  # noqa: E402,F401  built-ins register like any other
from extractors import office  # noqa: E402,F401  after docx and xlsx, which it reads its conversions with

__all__ = ["extract", "extractor_for", "register"]
