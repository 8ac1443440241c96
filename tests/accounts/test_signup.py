"""Patients sign up themselves; bad input gets a message on the field and keeps what was typed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pacewise.accounts.models import Patient, User

GOOD = {
    "email": "new@example.com",
    "password1": "quiet-river-stones",
    "password2": "quiet-river-stones",
}


def signup(client, **changes):
    return client.post(reverse("account_signup"), {**GOOD, **changes})


def test_signup_makes_a_patient_record_and_signs_in(client, db):
    response = signup(client, display_name="Robin", time_zone="Europe/Berlin")
    assert response.status_code == 302
    user = User.objects.get(email="new@example.com")
    assert user.display_name == "Robin"
    assert user.time_zone == "Europe/Berlin"
    assert Patient.objects.filter(user=user).exists()
    home = client.get(reverse("home"))
    assert home["Location"] == reverse("patient-home", args=[user.patient.pk])


def test_signup_without_time_zone_defaults_to_utc(client, db):
    signup(client)
    assert User.objects.get(email="new@example.com").time_zone == "UTC"


def test_password_is_hashed_with_argon2_in_production_settings():
    from pacewise.config import settings as prod

    assert prod.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": ""}, "email", "This field is required"),
        ({"email": "not-an-email"}, "email", "valid email"),
        ({"email": "a" * 250 + "@example.com"}, "email", "at most"),
        ({"email": "<script>@example.com"}, "email", "valid email"),
        ({"password2": "different-words-here"}, "password2", "same password"),
        ({"password1": "short", "password2": "short"}, "password1", "too short"),
        ({"password1": "password123", "password2": "password123"}, "password1", "too common"),
        ({"display_name": "x" * 81}, "display_name", "at most 80"),
        ({"display_name": "Rob\u202ein"}, "display_name", "invisible or control"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "time zone"),
    ],
)
def test_bad_signup_input_names_the_field_and_keeps_values(client, db, changes, field, message):
    response = signup(client, **changes)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message.lower() in " ".join(form.errors[field]).lower()
    body = response.content.decode()
    if field != "email" and changes.get("email", GOOD["email"]):
        assert 'value="new@example.com"' in body  # what was typed is kept
    assert "quiet-river-stones" not in body  # passwords never echoed
    assert not User.objects.exists()


def test_hostile_strings_are_escaped_not_executed(client, db):
    response = signup(
        client, display_name="<img src=x onerror=alert(1)>", password2="nope-nope-nope"
    )
    body = response.content.decode()
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body


def test_sql_looking_email_is_just_an_invalid_email(client, db):
    response = signup(client, email="x@example.com' OR '1'='1")
    assert response.status_code == 200
    assert "email" in response.context["form"].errors


def test_duplicate_email_is_refused_kindly(client, db):
    signup(client)
    client.logout()
    response = signup(client, email="NEW@example.com")
    assert response.status_code == 200
    assert "already" in " ".join(response.context["form"].errors["email"]).lower()
    assert User.objects.count() == 1


def test_login_with_wrong_password_keeps_the_email(client, db):
    signup(client)
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "new@example.com", "password": "wrong-one"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="new@example.com"' in body
    assert "not correct" in body.lower()


def test_repeated_failed_logins_pause_sign_in(client, db):
    signup(client)
    client.logout()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "new@example.com", "password": "wrong-one"})
    response = client.post(
        reverse("account_login"), {"login": "new@example.com", "password": GOOD["password1"]}
    )
    assert response.status_code == 429
    assert "paused for 15 minutes" in response.content.decode()
