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


def over_memory(name: str, limit_mb: int) -> TooLarge:
    """The refusal of a file that needed more memory than one file may use."""
    return TooLarge(f"{name}: reading the file needed over {limit_mb} MB of memory, the limit for one file; "
                    "it was stopped. Split the return or raise PERFRETURNS_MAX_MEMORY_MB.")


class UnsafeFile(FileRejected):
    """The file carries what Word never writes and an attack would: an XML entity declaration."""

    code = "unsafe_file"


class UnreadableFile(FileRejected):
    """The file cannot be opened: it vanished, is a broken link, or permission is denied."""

    code = "unreadable_file"


class TimedOut(FileRejected):
    """Reading the file took longer than the per-file time limit."""

    code = "timeout"


class ConfigError(PerfreturnsError):
    """A setting or option is wrong."""

    exit_code = EXIT_USAGE


class LockHeld(PerfreturnsError):
    """Another run holds the inbox lock."""

    exit_code = EXIT_LOCKED


class DatabaseUnusable(PerfreturnsError):
    """The database cannot be opened or written: not SQLite, read-only, or the disk is full."""

    exit_code = EXIT_USAGE


class NotWritable(PerfreturnsError):
    """A file the run must write (archive, quarantine, reason, log) cannot be written."""

    exit_code = EXIT_QUARANTINED
