"""One exception tree for the domain and one handler that turns every API error into one shape:

    {"error": {"code": "...", "message": "...", "fields": {...}, "details": {...}?}}

Services raise the domain errors below; views never build error responses by hand.
"""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import Http404
from rest_framework import exceptions as drf
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class DomainError(Exception):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "error"
    default_message = "The request could not be completed."

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        fields: dict[str, list[str]] | None = None,
        details: dict[str, Any] | None = None,
    ):
        self.message = message or self.default_message
        self.code = code or self.default_code
        self.fields = fields or {}
        self.details = details
        super().__init__(self.message)


class ValidationFailed(DomainError):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"
    default_message = "Some fields are not valid."


class NotFound(DomainError):
    status_code = status.HTTP_404_NOT_FOUND
    default_code = "not_found"
    default_message = "Not found."


class Conflict(DomainError):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_message = "The request conflicts with the current state."


class PayloadTooLarge(DomainError):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"
    default_message = "The request is too large."


class RateLimited(DomainError):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "throttled"
    default_message = "Too many requests. Try again later."

    def __init__(self, message: str | None = None, *, retry_after: int, code: str | None = None):
        super().__init__(message, code=code)
        self.retry_after = retry_after


class ServiceUnavailable(DomainError):
    """A service we depend on (the object storage, an AI provider, ...) failed, or a feature is
    switched off by configuration (no key, no token): 503, with a code that names it."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "unavailable"
    default_message = "This feature is not available right now."


class AuthenticationRefused(DomainError):
    status_code = status.HTTP_401_UNAUTHORIZED
    default_code = "authentication_failed"
    default_message = "Incorrect authentication credentials."


# Messages people read in place of a library's wording, by error code; the code stays as it is for
# programs. simplejwt says "Given token not valid for any token type" or "Token is expired" for a
# session that ended (expired, signed out, revoked, user gone): the web app shows ours as is.
READABLE_MESSAGES = {
    "token_not_valid": "Your session has ended. Please sign in again.",
}


def error_body(*, code: str, message: str, fields=None, details=None) -> dict:
    error = {"code": code, "message": message, "fields": fields or {}}
    if details is not None:
        error["details"] = details
    return {"error": error}


def _flatten(detail) -> list[str]:
    if isinstance(detail, list):
        return [message for item in detail for message in _flatten(item)]
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in _flatten(value)]
    return [str(detail)]


def _fields_of(detail) -> dict:
    """DRF's ValidationError detail as {field: [messages]}; nested serializers keep nesting."""
    if isinstance(detail, dict):
        return {
            key: (_fields_of(value) if isinstance(value, dict) else _flatten(value))
            for key, value in detail.items()
        }
    return {"non_field_errors": _flatten(detail)}


def _code_of(exc: drf.APIException) -> str:
    codes = exc.get_codes()
    if isinstance(codes, str):
        return codes
    return exc.default_code


def api_exception_handler(exc, context):
    if isinstance(exc, DomainError):
        response = Response(
            error_body(code=exc.code, message=exc.message, fields=exc.fields, details=exc.details),
            status=exc.status_code,
        )
        if isinstance(exc, RateLimited):
            response["Retry-After"] = str(exc.retry_after)
        return response

    if isinstance(exc, Http404):
        exc = drf.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = drf.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig | TooManyFieldsSent):
        # Django's own body limits (DATA_UPLOAD_MAX_*) are SuspiciousOperations, which DRF leaves
        # to Django's HTML 400; they are parse failures like any other.
        exc = drf.ParseError(str(exc))

    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # unexpected: Django answers 500 and logs it

    if isinstance(exc, drf.ValidationError):
        fields = _fields_of(exc.detail)
        body = error_body(code="invalid", message="Some fields are not valid.", fields=fields)
    else:
        detail = exc.detail
        if isinstance(detail, dict) and "detail" in detail:
            # simplejwt's errors are {"detail", "code", "messages"?}: the sentence is `detail`.
            detail = detail["detail"]
        code = _code_of(exc)
        message = READABLE_MESSAGES.get(code) or " ".join(_flatten(detail)) or exc.default_detail
        body = error_body(code=code, message=str(message))
    response.data = body
    return response
