"""One error shape for every API failure: {"detail": str, "errors": [{"field", "message"}]}."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from pacewise.core.errors import RuleError

from .parser import BodyRejected


class FieldError(Schema):
    field: str
    message: str


class Error(Schema):
    detail: str
    errors: list[FieldError] = []


class ApiError(Exception):
    """``extra`` adds keys beside detail and errors (e.g. the safety block of a questionnaire
    that could not be scored but held a self-harm answer)."""

    def __init__(self, status: int, detail: str, errors: list[dict] | None = None, **extra):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or []
        self.extra = extra


FIELDS_NEED_FIXING = "Some fields need fixing."

COMMON_RESPONSES = {
    400: "The request could not be read (for example, the body is not valid JSON).",
    401: "Sign in, or send a valid personal access token.",
    403: "You are signed in but may not do this.",
    404: "Not found, or not yours to see.",
    413: "The body is larger than the server accepts.",
    422: "Some fields need fixing; `errors` names each field and the rule.",
}


def field_name(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload")]
    return ".".join(parts) or "body"


def validation_errors(exc: ValidationError) -> list[dict]:
    out = []
    for err in exc.errors:
        message = err.get("msg", "Invalid value.")
        message = message.removeprefix("Value error, ")
        if err.get("type") == "extra_forbidden":
            message = "is not a field here; see the API description for the fields it takes"
        out.append({"field": field_name(err.get("loc", ())), "message": message})
    return out


def install(api) -> None:
    def reply(request, status: int, detail: str, errors=None, extra=None):
        body = {"detail": detail, "errors": errors or []} | (extra or {})
        return api.create_response(request, body, status=status)

    @api.exception_handler(ValidationError)
    def on_validation(request, exc):
        return reply(request, 422, FIELDS_NEED_FIXING, validation_errors(exc))

    @api.exception_handler(RuleError)
    def on_rule(request, exc):  # every app's "this field breaks a rule"
        return reply(request, 422, FIELDS_NEED_FIXING, exc.as_errors())

    @api.exception_handler(AuthenticationError)
    def on_auth(request, exc):
        return reply(request, 401, "Sign in, or send a valid personal access token.")

    @api.exception_handler(PermissionDenied)
    def on_denied(request, exc):
        return reply(request, 403, str(exc) or "You may not do this.")

    @api.exception_handler(Http404)
    def on_missing(request, exc):
        return reply(request, 404, "Not found.")

    @api.exception_handler(HttpError)
    def on_http(request, exc):
        cause = exc.__cause__
        if isinstance(cause, BodyRejected):
            detail = FIELDS_NEED_FIXING if cause.status == 422 else cause.message
            errors = [{"field": cause.field, "message": cause.message}]
            return reply(request, cause.status, detail, errors)
        if isinstance(cause, RequestDataTooBig):
            return on_too_big(request, cause)
        return reply(request, exc.status_code, str(exc))

    @api.exception_handler(RequestDataTooBig)
    def on_too_big(request, exc):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return reply(
            request, 413, f"The body is too large (at most {limit // 1024} KB).",
            [{"field": "body", "message": "too large"}],
        )

    @api.exception_handler(ApiError)
    def on_api(request, exc):
        return reply(request, exc.status, exc.detail, exc.errors, exc.extra)
