"""Exceptions for whole-file problems and for the CLI's special exits."""

from __future__ import annotations

EXIT_OK = 0
EXIT_QUARANTINED = 1
EXIT_USAGE = 2
EXIT_LOCKED = 75


class PerfreturnsError(Exception):
    """Base of every error perfreturns raises on purpose."""

    exit_code = EXIT_QUARANTINED


class FileRejected(PerfreturnsError):
    """A whole file cannot be read; it is quarantined with this message."""

    code = "rejected"


class EmptyFile(FileRejected):
    """The file has no bytes, or nothing readable in it."""

    code = "empty_file"


class CorruptFile(FileRejected):
    """The file is damaged or is not what it claims to be."""

    code = "corrupt_file"


class EncryptedFile(FileRejected):
    """The file is password-protected."""

    code = "encrypted_file"


class UnsupportedFile(FileRejected):
    """The file is of a type perfreturns does not read."""

    code = "unsupported_file"


class TooLarge(FileRejected):
    """The file passes a size, page or compression limit."""

    code = "too_large"


class NoTextLayer(FileRejected):
    """A scanned PDF: pages of images without text."""

    code = "no_text_layer"


class ConverterMissing(FileRejected):
    """LibreOffice is needed for this format and is not installed."""

    code = "converter_missing"


class ConfigError(PerfreturnsError):
    """A setting or option is wrong."""

    exit_code = EXIT_USAGE


class LockHeld(PerfreturnsError):
    """Another run holds the inbox lock."""

    exit_code = EXIT_LOCKED
