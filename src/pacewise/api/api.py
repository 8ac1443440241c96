"""The NinjaAPI instance: authentication, one error shape, documented error responses."""

from __future__ import annotations

from ninja import NinjaAPI

from . import (
    account,
    care,
    diary,
    errors,
    insights,
    learn,
    outcomes,
    patients,
    plans,
    records,
    today,
)
from .auth import SignedInSession, TokenAuth
from .parser import StrictJsonParser


def _optional_body_is_absent_not_null(operation: dict) -> None:
    """ninja writes an optional body as `anyOf [schema, null]`; the API takes no body there,
    but a body of `null` is not an object and is refused (parser.py), so say only the first."""
    body = operation.get("requestBody")
    if not body or body.get("required", True):
        return
    for media in body.get("content", {}).values():
        choices = media.get("schema", {}).get("anyOf", [])
        kept = [c for c in choices if c != {"type": "null"}]
        if choices and len(kept) == 1:
            media["schema"] = kept[0]


class PacewiseAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = (
            errors.Error.model_json_schema(ref_template="#/components/schemas/{model}")
        )
        ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                _optional_body_is_absent_not_null(operation)
                responses = operation.setdefault("responses", {})
                for status, text in errors.COMMON_RESPONSES.items():
                    responses.setdefault(status, {"description": text, **ref})
        return schema


api = PacewiseAPI(
    title="Pacewise API",
    version="1",
    description=(
        "Paced movement for chronic pain. Authenticate with the browser session (writes need "
        "the X-CSRFToken header) or `Authorization: Bearer <token>` from Account → API tokens. "
        "Every error has the shape {detail, errors: [{field, message}]}."
    ),
    auth=[TokenAuth(), SignedInSession()],
    parser=StrictJsonParser(),
    urls_namespace="api",
)
errors.install(api)
api.add_router("", account.router)
api.add_router("", patients.router)
api.add_router("", diary.router)
api.add_router("", learn.router)
api.add_router("", outcomes.router)
api.add_router("", plans.router)
api.add_router("", insights.router)
api.add_router("", today.router)
api.add_router("", care.router)
api.add_router("", records.router)
