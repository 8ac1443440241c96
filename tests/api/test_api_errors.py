"""One error shape everywhere, and the error responses documented in OpenAPI."""

from __future__ import annotations

import json

import pytest

from cast import bearer


def test_unauthenticated_calls_get_401_in_the_error_shape(client, db):
    response = client.get("/api/me")
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Sign in, or send a valid personal access token.",
        "errors": [],
    }


def test_garbage_bearer_tokens_are_401_not_500(client, db):
    for value in ["Bearer ", "Bearer x" * 100, "Basic abc", "Bearer ' OR 1=1 --", "Bearer \u202e"]:
        response = client.get("/api/me", HTTP_AUTHORIZATION=value)
        assert response.status_code == 401, value


def test_malformed_json_is_400_or_422_with_a_message(client, cast):
    response = client.post(
        "/api/tokens", "{not json", content_type="application/json", **bearer(cast.patient)
    )
    assert response.status_code in (400, 422)
    assert response.json()["detail"]


def test_wrong_types_name_the_field(client, cast):
    response = client.get(
        f"/api/patients/{cast.record.pk}/checkins?limit=abc&start=yesterday", **bearer(cast.patient)
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"limit", "start"} <= fields


def test_limits_are_bounded(client, cast):
    response = client.get(
        f"/api/patients/{cast.record.pk}/checkins?limit=100000", **bearer(cast.patient)
    )
    assert response.status_code == 422


def test_start_after_end_is_a_field_error(client, cast):
    response = client.get(
        f"/api/patients/{cast.record.pk}/checkins?start=2026-02-01&end=2026-01-01",
        **bearer(cast.patient),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "start"


def test_not_a_uuid_is_a_field_error_not_500(client, cast):
    response = client.get("/api/patients/not-a-uuid", **bearer(cast.patient))
    assert response.status_code in (404, 422)


def test_unknown_clinic_code_is_a_field_error(client, cast):
    response = client.post(
        f"/api/patients/{cast.record.pk}/shares",
        json.dumps({"code": "NOPE"}),
        content_type="application/json",
        **bearer(cast.patient),
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "code",
            "message": "We could not find a clinic with that code. Check it with them.",
        }
    ]


def test_session_writes_need_csrf(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.patient)
    response = client.post(
        "/api/tokens", json.dumps({"name": "x"}), content_type="application/json"
    )
    assert response.status_code in (401, 403)


def test_openapi_documents_every_error_status(client, db):
    schema = client.get("/api/openapi.json").json()
    assert schema["components"]["schemas"]["Error"]["properties"].keys() == {"detail", "errors"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            missing = {"400", "401", "403", "404", "422"} - set(map(str, operation["responses"]))
            assert not missing, f"{method} {path} lacks {missing}"


@pytest.mark.parametrize("role", ["patient", "sharing_clinician"])
def test_listing_patients_shows_only_what_you_may_see(client, cast, role):
    response = client.get("/api/patients", **bearer(getattr(cast, role)))
    ids = {p["id"] for p in response.json()}
    assert ids == {str(cast.record.pk)}


def test_clinic_staff_without_two_factor_cannot_list_patients_by_token(client, cast):
    response = client.get("/api/patients", **bearer(cast.clinician_without_2fa))
    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]


def _post_checkin(client, cast, body, **headers):
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(
        f"/api/patients/{cast.record.pk}/checkins",
        raw,
        content_type="application/json",
        **headers,
    )


def test_a_nul_character_anywhere_is_a_422_naming_the_field(client, cast):
    from pacewise.diary.models import CheckIn

    before = CheckIn.objects.count()
    body = {"local_date": "2026-01-01", "pain_avg": 3, "note": "a\u0000b"}
    response = _post_checkin(client, cast, body, **bearer(cast.patient))
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "note", "message": "must not contain the NUL character (U+0000)"}
    ]
    tagged = _post_checkin(client, cast, {"tags": ["ok", "x\u0000"]}, **bearer(cast.patient))
    assert tagged.json()["errors"][0]["field"] == "tags.1"
    assert CheckIn.objects.count() == before


@pytest.mark.parametrize("body", ["[]", '"hello"', "42", "null", '[{"pain_avg": 3}]'])
def test_a_body_that_is_not_an_object_creates_nothing(client, cast, body):
    from pacewise.diary.models import CheckIn

    before = CheckIn.objects.count()
    response = _post_checkin(client, cast, body, **bearer(cast.patient))
    assert response.status_code == 422
    assert "JSON object" in response.json()["errors"][0]["message"]
    assert CheckIn.objects.count() == before


def test_a_huge_offset_is_a_422_not_a_500(client, cast):
    response = client.get(
        f"/api/patients/{cast.record.pk}/checkins?offset=9223372036854775808",
        **bearer(cast.patient),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "offset"


def test_anonymous_and_revoked_token_writes_are_401_not_a_csrf_403(client, cast):
    from pacewise.accounts.models import AccessToken

    assert _post_checkin(client, cast, {"pain_avg": 3}).status_code == 401
    headers = bearer(cast.patient)
    AccessToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    reply = _post_checkin(client, cast, {"pain_avg": 3}, **headers)
    assert reply.status_code == 401 and reply.json()["errors"] == []


def test_a_signed_in_browser_still_needs_the_csrf_header(cast):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(cast.patient)
    assert _post_checkin(browser, cast, {"pain_avg": 3}).status_code == 403


def test_a_body_over_the_limit_is_a_413_in_the_error_shape(client, cast, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = {"local_date": "2026-01-01", "pain_avg": 3, "note": "x" * 5000}
    response = _post_checkin(client, cast, body, **bearer(cast.patient))
    assert response.status_code == 413
    assert response.json() == {
        "detail": "The body is too large (at most 1 KB).",
        "errors": [{"field": "body", "message": "too large"}],
    }


def test_a_direction_override_in_any_string_is_a_422_naming_the_field(client, cast):
    body = {"local_date": "2026-01-01", "pain_avg": 3, "note": "ok \u202e gnp.exe"}
    response = _post_checkin(client, cast, body, **bearer(cast.patient))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "note"
    assert "direction override" in response.json()["errors"][0]["message"]


def test_every_api_schema_name_is_used_once():
    """Two schemas with one name share one OpenAPI component, and one of them is then
    described wrongly (schemathesis found GET program's pause checked against Today's)."""
    import importlib
    import pkgutil

    from ninja import Schema

    import pacewise.api

    seen: dict[str, type] = {}
    for info in pkgutil.iter_modules(pacewise.api.__path__):
        module = importlib.import_module(f"pacewise.api.{info.name}")
        for value in vars(module).values():
            own = isinstance(value, type) and value.__module__ == module.__name__
            if own and issubclass(value, Schema):
                other = seen.setdefault(value.__name__, value)
                assert other is value, f"{value.__name__}: {other.__module__} and {module}"


def test_every_list_offset_is_bounded(client, cast):
    for path in ("checkins", "activities", "access-log"):
        reply = client.get(
            f"/api/patients/{cast.record.pk}/{path}?offset=1704838773286183743290081280",
            **bearer(cast.patient),
        )
        assert reply.status_code == 422, path


def _request_schema(client, path, method="post"):
    schema = client.get("/api/openapi.json").json()
    body = schema["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
    name = body["$ref"].rsplit("/", 1)[1]
    return schema["components"]["schemas"], schema["components"]["schemas"][name]


def test_the_api_description_declares_the_ranges_and_choices_the_server_enforces(client):
    schemas, goal = _request_schema(client, "/api/patients/{patient_id}/goals")
    assert (goal["properties"]["amount"]["minimum"], goal["properties"]["amount"]["maximum"]) == (
        1,
        500,
    )
    assert goal["properties"]["times_per_week"]["maximum"] == 7
    assert goal["properties"]["unit"]["enum"] == ["minutes", "times", "steps", "pages", "repetitions"]  # noqa: E501
    assert goal["additionalProperties"] is False
    feeling = schemas["FeelingIn"]["properties"]["before"]
    assert (feeling["minimum"], feeling["maximum"]) == (0, 100)
    _, checkin = _request_schema(client, "/api/patients/{patient_id}/checkins")
    pain = checkin["properties"]["pain_now"]["anyOf"][0]
    assert (pain["type"], pain["minimum"], pain["maximum"]) == ("integer", 0, 10)
    _, flare = _request_schema(client, "/api/patients/{patient_id}/today/flare")
    assert flare["title"] == "FlareIn"  # an optional body, not `null`


def test_a_field_the_api_does_not_know_is_refused_by_name_not_silently_dropped(client, cast):
    from pacewise.diary.models import CheckIn

    before = CheckIn.objects.count()
    body = {"local_date": "2026-01-01", "pain": 6, "stress\u0000": "x"}
    response = _post_checkin(client, cast, body, **bearer(cast.patient))
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"pain", "stress\u0000"}
    assert "not a field" in response.json()["errors"][0]["message"]
    assert CheckIn.objects.count() == before


def test_every_operation_and_query_parameter_is_described(client):
    """A client (or a person reading /api/docs) learns what each call does and each query
    parameter means from the description itself."""
    schema = client.get("/api/openapi.json").json()
    missing = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if not operation.get("description", "").strip():
                missing.append(f"{method.upper()} {path}")
            for param in operation.get("parameters", []):
                if param["in"] != "path" and not param.get("description", "").strip():
                    missing.append(f"{method.upper()} {path} ?{param['name']}")
    assert missing == []


def test_a_broken_rule_from_any_app_is_one_422_shape(client, cast):
    """Diary, plan and lesson rules share one error type and one handler (core.errors)."""
    from pacewise.core.errors import RuleError
    from pacewise.diary.entries import EntryError
    from pacewise.learn.course import AnswerError
    from pacewise.today.actions import PlanError

    assert all(issubclass(e, RuleError) for e in (EntryError, AnswerError, PlanError))
    future = _post_checkin(client, cast, {"local_date": "2999-01-01"}, **bearer(cast.patient))
    bout = client.post(
        f"/api/patients/{cast.record.pk}/today/bouts",
        json.dumps({"activity": "no-such"}),
        content_type="application/json",
        **bearer(cast.patient),
    )
    for response in (future, bout):
        assert response.status_code == 422
        body = response.json()
        assert body["detail"] == "Some fields need fixing."
        assert {"field", "message"} <= set(body["errors"][0])
