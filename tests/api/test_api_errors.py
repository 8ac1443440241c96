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
