"""The one error hierarchy: each error says what went wrong and how to fix it.

Every expected failure in Cairn is a :class:`CairnError`. Each class carries an
exit code for the CLI and an HTTP status for the web, so each edge translates
errors once. The message says what went wrong; ``hint`` says how to fix it.
"""

from __future__ import annotations


class CairnError(Exception):
    """Something went wrong."""

    exit_code = 1
    http_status = 500

    def __init__(self, message: str | None = None, hint: str | None = None) -> None:
        self.message = message or (self.__doc__ or "Error").strip()
        self.hint = hint
        super().__init__(self.message)

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class InvalidInput(CairnError):
    """The input is not valid."""

    exit_code = 3
    http_status = 422


class NotFound(CairnError):
    """Nothing was found with that identifier."""

    exit_code = 4
    http_status = 404


class Conflict(CairnError):
    """The change conflicts with what is already there."""

    exit_code = 5
    http_status = 409


class NotReady(CairnError):
    """A step that this one needs has not been done yet."""

    exit_code = 6
    http_status = 409


class StorageError(CairnError):
    """The database could not be used."""

    exit_code = 7
    http_status = 503


class ImportFormatError(CairnError):
    """The file is not in a format Cairn can read (an export, answers, instrument,
    decisions, calendar, O*NET release or wage file)."""

    exit_code = 8
    http_status = 422


class CatalogError(CairnError):
    """The occupation catalog could not be installed or read."""

    exit_code = 9
    http_status = 503


ERROR_KINDS: tuple[type[CairnError], ...] = (
    CairnError,
    InvalidInput,
    NotFound,
    Conflict,
    NotReady,
    StorageError,
    ImportFormatError,
    CatalogError,
)
