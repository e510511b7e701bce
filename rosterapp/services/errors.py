"""Errors a service raises: each message is a sentence a user can act on."""


class ServiceError(Exception):
    """The input or the data was wrong; str(exc) says what and where."""


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
