"""Clinic admins invite clinicians by an emailed link; clinic staff must turn on 2FA."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from pacewise.accounts.models import Invitation, Membership, Patient, User


def invite(client, cast, email="newdoc@example.com", role="clinician"):
    client.force_login(cast.clinic_admin)
    return client.post(
        reverse("clinic-invite", args=[cast.clinic.pk]), {"email": email, "role": role}
    )


def link_from_email() -> str:
    return re.search(r"https?://\S+/invite/\S+/", mail.outbox[-1].body).group(0)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_admin_invites_by_email_with_a_working_link(client, cast):
    response = invite(client, cast)
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["newdoc@example.com"]
    assert "Harbour Physio" in mail.outbox[-1].subject
    client.logout()
    path = path_of(link_from_email())
    page = client.get(path)
    assert page.status_code == 200
    assert "newdoc@example.com" in page.content.decode()

    response = client.post(
        path,
        {
            "display_name": "Dr New",
            "password1": "calm-harbour-waves",
            "password2": "calm-harbour-waves",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="newdoc@example.com")
    assert Membership.objects.get(user=user, clinic=cast.clinic).role == "clinician"
    assert not Patient.objects.filter(user=user).exists()  # clinicians are not patients
    # the link works once
    client.logout()
    assert client.get(path).status_code == 410


def test_new_clinician_must_set_up_two_factor_before_anything_else(client, cast):
    invite(client, cast)
    client.logout()
    path = path_of(link_from_email())
    client.post(
        path,
        {
            "display_name": "Dr New",
            "password1": "calm-harbour-waves",
            "password2": "calm-harbour-waves",
        },
    )
    for url in [
        reverse("caseload"),
        reverse("patient-home", args=[cast.record.pk]),
        reverse("home"),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_only_admins_invite(client, cast):
    client.force_login(cast.sharing_clinician)
    response = client.post(
        reverse("clinic-invite", args=[cast.clinic.pk]), {"email": "x@example.com", "role": "admin"}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "required"),
        ("nope", "valid email"),
        ("a" * 250 + "@example.com", "at most"),
        ("sharer@harbour.example", "already part of the clinic"),
    ],
)
def test_bad_invitation_input_is_a_field_error(client, cast, email, message):
    response = invite(client, cast, email=email)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["email"])
    if email:
        assert f'value="{email}"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_unknown_role_is_refused(client, cast):
    response = invite(client, cast, role="superuser")
    assert response.status_code == 400
    assert "role" in response.context["form"].errors


def test_bad_passwords_on_the_invitation_form_keep_the_name(client, cast):
    invite(client, cast)
    client.logout()
    path = path_of(link_from_email())
    response = client.post(
        path, {"display_name": "Dr New", "password1": "short", "password2": "short"}
    )
    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    assert 'value="Dr New"' in response.content.decode()
    assert not User.objects.filter(email="newdoc@example.com").exists()


def test_cancelled_and_garbage_links_do_not_work(client, cast):
    invite(client, cast)
    invitation = Invitation.objects.get()
    client.post(reverse("clinic-invitation-cancel", args=[cast.clinic.pk, invitation.pk]))
    client.logout()
    assert client.get(path_of(link_from_email())).status_code == 410
    assert client.get("/invite/%3Cscript%3E/").status_code == 410


def test_signed_in_as_someone_else_cannot_accept(client, cast):
    invite(client, cast)
    client.force_login(cast.patient)
    response = client.post(path_of(link_from_email()))
    assert response.status_code == 403
    assert not Membership.objects.filter(user=cast.patient).exists()


def test_create_clinic_command_invites_the_first_admin(db, capsys):
    from django.core.management import call_command

    call_command("create_clinic", "Lakeside Physio", admin="boss@lakeside.example")
    out = capsys.readouterr().out
    assert "Lakeside Physio" in out and "/invite/" in out
    invitation = Invitation.objects.get()
    assert invitation.role == "admin" and invitation.email == "boss@lakeside.example"
