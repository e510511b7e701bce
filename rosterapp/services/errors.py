"""Errors a service raises: each message is a sentence a user can act on."""


class ServiceError(Exception):
    """The input or the data was wrong; str(exc) says what and where."""


class NotFound(ServiceError):
    pass


class InvalidInput(ServiceError):
    pass


class Conflict(ServiceError):
    """Someone else changed the row since it was read."""
