"""Exception hierarchy of the CSP PxWeb client (shared by pxweb_client and jsonstat).

Every message names what went wrong and what to do about it.
"""

from __future__ import annotations


class PxWebError(Exception):
    """Base class of everything the PxWeb client raises."""


class Unreachable(PxWebError):
    """The service could not be reached (connection refused, DNS failure, time-out)."""


class HttpError(PxWebError):
    """The service answered with an HTTP error status (after retries where they apply)."""

    def __init__(self, message: str, *, status: int, body_message: str = "", url: str = ""):
        super().__init__(message)
        self.status = status
        self.body_message = body_message
        self.url = url


class MalformedResponse(PxWebError):
    """The service answered, but not with the JSON / JSON-stat 2.0 structure we expect."""


class MappingMismatch(PxWebError):
    """A dimension or category code the caller expects is missing from the table."""

    def __init__(
        self,
        message: str,
        *,
        table: str = "",
        dimension: str = "",
        codes: tuple[str, ...] = (),
    ):
        super().__init__(message)
        self.table = table
        self.dimension = dimension
        self.codes = codes


class QueryTooLarge(PxWebError):
    """A query cannot be split into requests that stay within the cell limit."""
