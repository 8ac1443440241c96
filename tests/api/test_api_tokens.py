"""Personal access tokens: create, name, see last use, revoke — on the web and in the API."""

from __future__ import annotations

import json

from django.urls import reverse

from pacewise.accounts.models import AccessToken


def create(client, headers, **payload):
    return client.post(
        "/api/tokens", json.dumps(payload), content_type="application/json", **headers
    )


def test_token_is_shown_once_and_stored_hashed(client, cast):
    client.force_login(cast.patient)
    response = client.post(
        reverse("account-tokens"), {"name": "phone app", "expires_in_days": "30"}
    )
    raw = response.context["new_token"]
    assert raw.startswith("pw_")
    token = AccessToken.objects.get()
    assert token.key_hash != raw and raw not in token.key_hash
    assert token.name == "phone app"
    assert raw not in client.get(reverse("account-tokens")).content.decode()


def test_token_authenticates_and_records_last_use(client, cast):
    _, raw = AccessToken.issue(cast.patient, "script")
    response = client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}", REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 200
    assert response.json()["patient_id"] == str(cast.record.pk)
    token = AccessToken.objects.get()
    assert token.last_used_at is not None
    assert token.last_used_ip == "198.51.100.7"


def test_revoked_and_expired_tokens_stop_working(client, cast):
    from datetime import timedelta

    from django.utils import timezone

    token, raw = AccessToken.issue(cast.patient, "old")
    client.force_login(cast.patient)
    client.post(reverse("account-token-revoke", args=[token.pk]))
    client.logout()
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    _, raw2 = AccessToken.issue(cast.patient, "expired", timezone.now() - timedelta(seconds=1))
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw2}").status_code == 401


def test_people_cannot_revoke_each_others_tokens(client, cast):
    token, _ = AccessToken.issue(cast.patient, "mine")
    client.force_login(cast.other_patient)
    assert client.post(reverse("account-token-revoke", args=[token.pk])).status_code == 404
    from cast import bearer

    response = client.delete(f"/api/tokens/{token.pk}", **bearer(cast.other_patient))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_api_creates_lists_and_revokes_tokens(client, cast):
    from cast import bearer

    headers = bearer(cast.patient)
    response = create(client, headers, name="laptop", expires_in_days=7)
    assert response.status_code == 201
    body = response.json()
    assert body["token"].startswith("pw_") and body["name"] == "laptop"
    listed = client.get("/api/tokens", **headers).json()
    assert {t["name"] for t in listed} == {"test", "laptop"}
    assert all("token" not in t for t in listed)
    revoked = client.delete(f"/api/tokens/{body['id']}", **headers).json()
    assert revoked["revoked_at"] is not None


def test_bad_token_names_get_field_errors(client, cast):
    from cast import bearer

    headers = bearer(cast.patient)
    for payload, field in [
        ({"name": ""}, "name"),
        ({"name": "x" * 61}, "name"),
        ({"name": 12}, "name"),
        ({"name": "ok", "expires_in_days": 0}, "expires_in_days"),
        ({"name": "ok", "expires_in_days": "soon"}, "expires_in_days"),
        ({}, "name"),
    ]:
        response = create(client, headers, **payload)
        assert response.status_code == 422, payload
        assert field in {e["field"] for e in response.json()["errors"]}, payload


def test_web_token_form_keeps_the_name_on_error(client, cast):
    client.force_login(cast.patient)
    response = client.post(reverse("account-tokens"), {"name": "phone", "expires_in_days": "12"})
    assert response.status_code == 200
    assert "expires_in_days" in response.context["form"].errors
    assert 'value="phone"' in response.content.decode()
    assert not AccessToken.objects.exists()
