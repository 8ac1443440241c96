"""Privacy of free text: only the person, unless they share one entry with their care team."""

from __future__ import annotations

import pytest
from django.urls import reverse
from learn_helpers import flare_kit_for, journal_for, thought_for

from cast import bearer
from pacewise.accounts.models import AuditEvent

ENTRY_PAGES = [
    ("learn-thought", thought_for),
    ("learn-journal-entry", journal_for),
]


@pytest.mark.parametrize(("name", "make"), ENTRY_PAGES)
def test_a_private_entry_is_403_for_the_sharing_clinician_and_not_logged(client, cast, name, make):
    entry = make(cast.record)
    client.force_login(cast.sharing_clinician)
    assert client.get(reverse(name, args=[cast.record.pk, entry.pk])).status_code == 403
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(("name", "make"), ENTRY_PAGES)
def test_a_shared_entry_is_readable_by_the_sharing_clinician_and_logged(client, cast, name, make):
    entry = make(cast.record, shared=True)
    client.force_login(cast.sharing_clinician)
    response = client.get(reverse(name, args=[cast.record.pk, entry.pk]))
    assert response.status_code == 200
    assert "chose to share this entry with you" in response.content.decode()
    event = AuditEvent.objects.get()
    assert event.actor == cast.sharing_clinician and event.action == "view"


@pytest.mark.parametrize(("name", "make"), ENTRY_PAGES)
@pytest.mark.parametrize("role", ["other_clinic_clinician", "revoked_clinician", "other_patient"])
def test_outsiders_get_404_even_for_a_shared_entry(client, cast, name, make, role):
    entry = make(cast.record, shared=True)
    client.force_login(cast.user(role))
    assert client.get(reverse(name, args=[cast.record.pk, entry.pk])).status_code == 404


def test_sharing_one_entry_does_not_share_the_others(client, cast):
    shared = thought_for(cast.record, shared=True)
    private = thought_for(cast.record)
    client.force_login(cast.sharing_clinician)
    assert client.get(reverse("learn-thought", args=[cast.record.pk, shared.pk])).status_code == 200
    assert (
        client.get(reverse("learn-thought", args=[cast.record.pk, private.pk])).status_code == 403
    )
    assert client.get(reverse("learn-thoughts", args=[cast.record.pk])).status_code == 403


def test_the_toggle_shares_and_unshares(client, me):
    record = thought_for(me)
    url = reverse("learn-share", args=[me.pk, "thought", record.pk])
    client.post(url, {"shared": "1"})
    record.refresh_from_db()
    assert record.shared
    page = client.get(reverse("learn-thought", args=[me.pk, record.pk])).content.decode()
    assert "Shared with your care team" in page and "Make private again" in page
    client.post(url, {"shared": "0"})
    record.refresh_from_db()
    assert not record.shared


def test_the_toggle_cannot_reach_another_persons_entry(client, me, cast):
    other = thought_for(cast.other_patient.patient)
    url = reverse("learn-share", args=[me.pk, "thought", other.pk])
    assert client.post(url, {"shared": "1"}).status_code == 404
    url = reverse("learn-share", args=[me.pk, "nonsense", other.pk])
    assert client.post(url, {"shared": "1"}).status_code == 404


def test_the_flare_kit_is_private_until_shared(client, cast):
    kit = flare_kit_for(cast.record)
    client.force_login(cast.sharing_clinician)
    url = reverse("learn-flare-kit", args=[cast.record.pk])
    assert client.get(url).status_code == 403
    kit.shared = True
    kit.save()
    response = client.get(url)
    assert response.status_code == 200 and "Heat pack" in response.content.decode()


def test_the_shared_page_lists_only_shared_entries(client, cast):
    thought_for(cast.record, shared=True, situation="Shared situation")
    thought_for(cast.record, situation="Private situation")
    journal_for(cast.record, shared=True)
    client.force_login(cast.sharing_clinician)
    page = client.get(reverse("learn-shared", args=[cast.record.pk])).content.decode()
    assert page.count("Thought record,") == 1 and "Being kind to yourself" in page
    assert "Private situation" not in page


def test_the_api_follows_the_same_rule(client, cast):
    private, shared = thought_for(cast.record), thought_for(cast.record, shared=True)
    headers = bearer(cast.sharing_clinician)
    base = f"/api/patients/{cast.record.pk}/thoughts/"
    assert client.get(base + str(private.pk), **headers).status_code == 403
    response = client.get(base + str(shared.pk), **headers)
    assert response.status_code == 200 and response.json()["shared"] is True
    assert client.get(base.rstrip("/"), **headers).status_code == 403
