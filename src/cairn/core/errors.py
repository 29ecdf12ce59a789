"""The one error hierarchy: each error says what went wrong and how to fix it.

Every expected failure in Cairn is a :class:`CairnError`. Each class carries an
exit code for the CLI and an HTTP status for the web, so each edge translates
errors once. The message says what went wrong; ``hint`` says how to fix it, and when the
fix is something Cairn does, ``action`` says what (the hint names it with ``{action}``):
the command line writes it as a ``cairn …`` command, the web as a link.
"""

from __future__ import annotations

from cairn.core.actions import Action, ActionWriter, Hint


class CairnError(Exception):
    """Something went wrong."""

    exit_code = 1
    http_status = 500

    def __init__(self, message: str | None = None, hint: str | None = None,
                 action: Action | None = None) -> None:
        self.message = message or (self.__doc__ or "Error").strip()
        self.hint = hint
        self.action = action
        super().__init__(self.message)

    def fix(self, write: ActionWriter) -> str | None:
        """The hint with its action written by an edge (a command, a link's words)."""
        return None if self.hint is None else Hint(self.hint, self.action).render(write)

    def __str__(self) -> str:
        from cairn.commands import quoted

        hint = self.fix(quoted)
        return f"{self.message}\n{hint}" if hint else self.message


class InvalidInput(CairnError):
    """The input is not valid.

    ``field`` names the input it is about (a form's field, an option's name) when one is to
    blame: the web shows the message beside that field.
    """

    exit_code = 3
    http_status = 422

    def __init__(self, message: str | None = None, hint: str | None = None,
                 action: Action | None = None, *, field: str | None = None) -> None:
        super().__init__(message, hint, action)
        self.field = field


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


class NotSignedIn(CairnError):
    """Sign in first (a server for many people: the session is missing or has ended)."""

    exit_code = 6
    http_status = 401


class NotAllowed(CairnError):
    """The request was refused (it did not come from Cairn's own page, or asks for what
    this account may not do)."""

    exit_code = 1
    http_status = 403


class TooManyAttempts(CairnError):
    """Too many attempts: wait a while before trying again."""

    exit_code = 5
    http_status = 429


class MailError(CairnError):
    """The e-mail could not be sent: the mail server could not be reached or refused it."""

    exit_code = 10
    http_status = 502


ERROR_KINDS: tuple[type[CairnError], ...] = (
    CairnError,
    InvalidInput,
    NotFound,
    Conflict,
    NotReady,
    StorageError,
    ImportFormatError,
    CatalogError,
    NotSignedIn,
    NotAllowed,
    TooManyAttempts,
    MailError,
)
