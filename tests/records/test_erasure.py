"""Erasure: the person deletes their account with their password, has two weeks to keep it,
then everything of theirs goes except what a clinic must keep of its own record."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cast import PASSWORD
from pacewise.accounts.models import AccessToken, AuditEvent, Patient, Share, User
from pacewise.care.models import ClinicalNote, Message, Thread
from pacewise.diary.models import CheckIn
from pacewise.learn.models import ThoughtRecord
from pacewise.records.erasure import GRACE_DAYS, erase_due
from pacewise.records.models import ErasureRequest, RetainedRecord


def ask(client, cast, password=PASSWORD):
    client.force_login(cast.patient)
    return client.post(reverse("records-erase"), {"password": password})


def test_a_wrong_password_changes_nothing_and_says_so(client, cast):
    response = ask(client, cast, "not-it")
    assert response.status_code == 400 and "That is not your password" in response.content.decode()
    assert not ErasureRequest.objects.exists()


def test_during_the_grace_period_every_page_says_when_and_the_person_can_keep_it(client, cast):
    ask(client, cast)
    assert mail.outbox[-1].subject == "Your Pacewise account will be deleted"
    home = client.get(reverse("patient-home", args=[cast.record.pk])).content.decode()
    assert "Your account will be deleted on" in home
    client.post(reverse("records-erase-keep"))
    assert erase_due(timezone.now() + timedelta(days=GRACE_DAYS + 1)) == 0
    assert User.objects.filter(pk=cast.patient.pk).exists()


def test_after_the_grace_period_the_record_goes_and_the_clinic_keeps_its_notes(client, cast):
    record = cast.record
    thread = Thread.objects.create(patient=record, clinic=cast.clinic)
    thread.messages.create(from_person=True, signed="Pat", text="Hello")
    note = ClinicalNote.objects.create(patient=record, clinic=cast.clinic, signed="Sharer",
                                       text="Discussed pacing.")  # fmt: skip
    fix = ClinicalNote.objects.create(patient=record, clinic=cast.clinic, signed="Sharer",
                                      text="Correction: 2 walks.", corrects=note)  # fmt: skip
    ClinicalNote.objects.create(patient=record, clinic=cast.clinic, signed="Sharer",
                                text="Correction: 3 walks.", corrects=fix)  # fmt: skip
    ThoughtRecord.objects.create(patient=record, local_date=timezone.localdate(),
                                 situation="x", thought="y", feelings=[])  # fmt: skip
    AccessToken.issue(cast.patient, "phone")
    page = ask(client, cast)
    assert page.status_code == 302
    info = client.get(reverse("records-erase")).content.decode()
    assert "Keep my account" in info
    ErasureRequest.objects.update(erase_after=timezone.now() - timedelta(minutes=1))
    call_command("purge_deleted")
    assert not User.objects.filter(pk=cast.patient.pk).exists()
    for model in (Patient, CheckIn, Share, Thread, Message, ThoughtRecord, AuditEvent,
                  AccessToken):  # fmt: skip
        assert not model.objects.filter(**_of(model, record, cast.patient)).exists(), model
    kept = RetainedRecord.objects.get(clinic=cast.clinic)
    assert cast.patient.email in kept.person
    assert [n["text"] for n in kept.content["notes"]] == [
        "Discussed pacing.", "Correction: 2 walks.", "Correction: 3 walks."
    ]  # fmt: skip
    assert "Hello" not in str(kept.content)  # their own messages are theirs, and gone
    assert ErasureRequest.objects.get().user is None  # nothing left names them

    client.force_login(cast.clinic_admin)
    listing = client.get(reverse("records-retained", args=[cast.clinic.pk])).content.decode()
    assert cast.patient.email in listing
    client.force_login(cast.sharing_clinician)  # admins only
    assert client.get(reverse("records-retained", args=[cast.clinic.pk])).status_code == 403


def _of(model, record, user):
    if model is Patient:
        return {"pk": record.pk}
    if model is AccessToken:
        return {"user_id": user.pk}
    if model is Message:
        return {"thread__patient_id": record.pk}
    return {"patient_id": record.pk}
