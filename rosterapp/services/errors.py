"""Errors a service raises: each message is a sentence a user can act on."""

from __future__ import annotations


class ServiceError(Exception):
    """The input or the data was wrong; str(exc) says what and where.

    `field` names the input that is wrong as the code knows it (a form field or a file
    column, e.g. "shoulder_number"), and `row` the row of a file (as a spreadsheet numbers
    it), when known: a form focuses the field and an import names the row from them,
    without reading the words of the message.
    """

    def __init__(self, message: str = "", *, field: str | None = None, row: int | None = None):
        super().__init__(message)
        self.field = field
        self.row = row


class NotFound(ServiceError):
    pass


class InvalidInput(ServiceError):
    pass


class Conflict(ServiceError):
    """Someone else changed the row since it was read."""


class StaleRow(Conflict):
    """A record (member, beat, team settings, absence) changed by someone else since the
    user read it. Carries who and when, the values now stored and their version, so that
    the user can reload them or knowingly apply theirs over them."""

    def __init__(self, message: str, *, current: object, current_version: int | None) -> None:
        super().__init__(message)
        self.current = current
        self.current_version = current_version
