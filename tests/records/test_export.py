"""Everything out: one zip of the whole record, made by the task worker, for a day, for the
person only; private entries decrypted for them; the clinic's own notes stay the clinic's."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cast import bearer
from pacewise.care.models import ClinicalNote, Thread
from pacewise.learn.models import ThoughtRecord
from pacewise.records.models import ExportJob
from pacewise.records.tasks import drop_expired

pytestmark = pytest.mark.django_db(transaction=True)  # the worker runs committed tasks


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def a_full_record(cast, client):
    ThoughtRecord.objects.create(patient=cast.record, local_date=timezone.localdate(),
                                 situation="At the shop", thought="It will never get better",
                                 feelings=[])  # fmt: skip
    thread = Thread.objects.create(patient=cast.record, clinic=cast.clinic)
    thread.messages.create(from_person=True, signed="Pat", text="Is swimming fine?")
    for shared, text in ((True, "Well done this week"), (False, "Clinic only: query FM")):
        ClinicalNote.objects.create(patient=cast.record, clinic=cast.clinic, signed="Sharer",
                                    text=text, shared=shared)  # fmt: skip
    client.force_login(cast.sharing_clinician)
    client.get(reverse("patient-home", args=[cast.record.pk]))  # in the access log


def test_the_zip_holds_everything_with_a_readme_and_only_for_a_day(client, cast):
    a_full_record(cast, client)
    client.force_login(cast.patient)
    url = reverse("records-export", args=[cast.record.pk])
    client.post(url)
    client.post(url)  # a second click while it is being made makes no second export
    assert ExportJob.objects.count() == 1
    run_worker()
    job = ExportJob.objects.get()
    assert job.status == "done" and mail.outbox[-1].subject == "Your Pacewise export is ready"
    assert "It will never" not in mail.outbox[-1].body
    assert "Download the zip" in client.get(url).content.decode()
    got = client.get(reverse("records-export-download", args=[cast.record.pk, job.pk]))
    archive = zipfile.ZipFile(io.BytesIO(got.content))
    names = set(archive.namelist())
    assert {"README.txt", "diary.csv", "questionnaires.fhir.json", "visit-report.pdf",
            "private/thought-records.json", "messages.json", "access-log.csv"} <= names
    readme = archive.read("README.txt").decode()
    assert all(n.split("/")[-1] in readme for n in names if n != "README.txt")
    thoughts = json.loads(archive.read("private/thought-records.json"))
    assert thoughts[0]["thought"] == "It will never get better"  # decrypted for them
    notes = archive.read("notes-shared-with-me.json").decode()
    assert "Well done this week" in notes and "Clinic only" not in notes
    assert "Is swimming fine?" in archive.read("messages.json").decode()
    assert cast.sharing_clinician.name in archive.read("access-log.csv").decode()
    assert archive.read("diary.csv").decode().count("\n") >= 2

    drop_expired(timezone.now() + timedelta(hours=25))
    assert client.get(reverse("records-export-download",
                              args=[cast.record.pk, job.pk])).status_code == 404  # fmt: skip


def test_the_api_asks_follows_and_downloads_and_a_clinician_cannot(client, cast):
    made = client.post(f"/api/patients/{cast.record.pk}/exports", **bearer(cast.patient))
    assert made.status_code == 202 and made.json()["status"] == "queued"
    run_worker()
    job = made.json()["id"]
    status = client.get(f"/api/patients/{cast.record.pk}/exports/{job}", **bearer(cast.patient))
    assert status.json()["status"] == "done" and "README.txt" in status.json()["files"]
    zipped = client.get(f"/api/patients/{cast.record.pk}/exports/{job}/download",
                        **bearer(cast.patient))  # fmt: skip
    assert zipped.status_code == 200 and zipped.content[:2] == b"PK"
    refused = client.post(f"/api/patients/{cast.record.pk}/exports",
                          **bearer(cast.sharing_clinician))  # fmt: skip
    assert refused.status_code == 403
