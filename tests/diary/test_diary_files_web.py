"""Download the diary, and import a file on the web with progress and a line-numbered report.

An import is a job for the task queue: these tests run the real database-backed queue's
worker (`pacewise worker --batch`) between the upload and the job's page.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from pacewise.diary.models import CheckIn, ImportJob

pytestmark = pytest.mark.django_db(transaction=True)


def url(name, cast):
    return reverse(name, kwargs={"patient_id": cast.record.pk})


def run_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def body_of(client, response) -> str:
    """The job page an import leads to, after the queue's worker has run the import."""
    assert response.status_code == 302, response.content[:500]
    waiting = client.get(response["Location"]).content.decode()
    assert "waiting to start" in waiting  # the worker has not run yet
    run_worker()
    return client.get(response["Location"]).content.decode()


@pytest.fixture
def patient_client(client, cast):
    client.force_login(cast.patient)
    return client


def test_export_then_import_into_another_account_round_trips(patient_client, client, cast):
    exported = patient_client.get(url("diary-export", cast))
    assert exported["Content-Type"].startswith("text/csv")
    assert "attachment" in exported["Content-Disposition"]
    text = exported.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("record_type,id,local_date")

    # importing my own export again adds nothing
    upload = SimpleUploadedFile("diary.csv", exported.content, content_type="text/csv")
    response = patient_client.post(
        url("diary-import", cast), {"file": upload, "source": "pacewise"}
    )
    page = body_of(patient_client, response)
    assert "2 entries were already there" in page
    assert CheckIn.objects.filter(patient=cast.record).count() == 1


def test_bad_lines_are_listed_by_number_and_good_lines_kept(patient_client, cast):
    day = timezone.localdate()
    rows = ["Date,Pain level,Notes"]
    rows += [f"{(day - timedelta(days=i)).isoformat()},{i % 10},day {i}" for i in range(1, 40)]
    rows += ["not-a-date,5,x", f"{day.isoformat()},12,too high"]
    upload = SimpleUploadedFile("other.csv", "\n".join(rows).encode(), content_type="text/csv")
    response = patient_client.post(url("diary-import", cast), {"file": upload, "source": "other"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial == {"col_0": "local_date", "col_1": "pain_avg", "col_2": "note"}
    token = form.fields["token"].initial
    mapped = patient_client.post(
        url("diary-import", cast),
        {
            "step": "map",
            "token": token,
            "col_0": "local_date",
            "col_1": "pain_avg",
            "col_2": "note",
            "date_format": "",
        },
    )
    page = body_of(patient_client, mapped)
    assert "Imported 39 new entries" in page
    assert "<td>41</td>" in page and "<td>42</td>" in page  # the two bad lines, by number
    assert CheckIn.objects.filter(patient=cast.record, note="day 3", pain_avg=3).exists()


def test_mapping_needs_a_date_column_and_keeps_choices(patient_client, cast):
    upload = SimpleUploadedFile("o.csv", b"When,Pain\n2026-01-01,3\n", content_type="text/csv")
    response = patient_client.post(url("diary-import", cast), {"file": upload, "source": "other"})
    token = response.context["form"].fields["token"].initial
    again = patient_client.post(
        url("diary-import", cast),
        {
            "step": "map",
            "token": token,
            "col_0": "ignore",
            "col_1": "pain_avg",
        },
    )
    assert "Choose which column holds the date" in again.content.decode()
    assert again.context["form"]["col_1"].value() == "pain_avg"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), ("Date,Pain\n2026-01-01,3\n".encode("utf-16"), "not UTF-8")],
)
def test_unreadable_files_get_a_clear_message(patient_client, cast, content, message):
    upload = SimpleUploadedFile("x.csv", content, content_type="text/csv")
    response = patient_client.post(
        url("diary-import", cast), {"file": upload, "source": "pacewise"}
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])


def test_an_import_goes_on_when_the_page_is_left_and_shows_its_report_on_return(
    patient_client, cast
):
    day = timezone.localdate()
    from pacewise.diary.csv_exchange import COLUMNS

    blank = {c: "" for c in COLUMNS}
    rows = [",".join(COLUMNS)] + [
        ",".join((blank | {"record_type": "checkin", "kind": "full", "pain_avg": str(i % 10),
                           "local_date": (day - timedelta(days=i)).isoformat()}).values())
        for i in range(1, 30)
    ]
    upload = SimpleUploadedFile("d.csv", "\n".join(rows).encode(), content_type="text/csv")
    started = patient_client.post(url("diary-import", cast), {"file": upload, "source": "pacewise"})
    job = ImportJob.objects.get(patient=cast.record)
    assert started["Location"].endswith(f"/diary/import/{job.pk}/")
    polled = patient_client.get(started["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in polled and "<html" not in polled  # htmx asks for the part
    assert '<meta http-equiv="refresh"' in patient_client.get(started["Location"]).content.decode()
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("done", 30, 30)
    assert job.report["created"] == 29, job.report
    page = patient_client.get(started["Location"]).content.decode()
    assert "Imported 29 new entries" in page
    assert "hx-trigger" not in page and 'http-equiv="refresh"' not in page  # finished: no polling
    from pacewise.diary.tasks import upload_path

    assert not upload_path(job.pk).exists()  # the file is not kept once read


def test_a_running_and_a_failed_import_say_where_they_stand(patient_client, cast):
    late = ImportJob.objects.create(
        patient=cast.record, source="pacewise", created_at=timezone.now() - timedelta(minutes=5)
    )
    assert "taking longer than usual" in patient_client.get(url_of(late)).content.decode()
    job = ImportJob.objects.create(
        patient=cast.record, actor=cast.patient, source="pacewise", status="running",
        done=24_214, total=100_000,
    )
    page = patient_client.get(url_of(job)).content.decode()
    assert '<progress max="100000" value="24214">' in page
    assert "You can leave this page" in page
    ImportJob.objects.filter(pk=job.pk).update(status="failed")
    page = patient_client.get(url_of(job)).content.decode()
    assert "Something went wrong and the import stopped" in page


def test_a_file_that_disappears_fails_the_job_and_says_so(patient_client, cast):
    job = ImportJob.objects.create(patient=cast.record, actor=cast.patient, source="pacewise")
    from pacewise.diary.tasks import import_file

    import_file.enqueue(str(job.pk))
    run_worker()  # no file was kept for it: the task fails, the job says so
    job.refresh_from_db()
    assert job.status == "failed" and job.finished_at is not None


def test_another_persons_import_is_not_found(patient_client, cast, django_user_model):
    from pacewise.accounts.models import Patient

    other = django_user_model.objects.create_user(email="o@example.org", password="x" * 12)
    record = Patient.objects.create(user=other)
    job = ImportJob.objects.create(patient=record, actor=other, source="pacewise")
    path = reverse("diary-import-job", kwargs={"patient_id": cast.record.pk, "job_id": job.pk})
    assert patient_client.get(path).status_code == 404


def url_of(job):
    return reverse("diary-import-job", kwargs={"patient_id": job.patient_id, "job_id": job.pk})


def test_uploads_never_mapped_and_old_reports_are_purged(cast):
    import os

    from pacewise.diary.tasks import purge_old_imports, upload_path

    stale, fresh = upload_path("a" * 32), upload_path("b" * 32)
    stale.write_text("x"), fresh.write_text("x")
    day_ago = timezone.now().timestamp() - 2 * 86400
    os.utime(stale, (day_ago, day_ago))
    old = ImportJob.objects.create(
        patient=cast.record, source="pacewise", status="done",
        finished_at=timezone.now() - timedelta(days=31),
    )
    recent = ImportJob.objects.create(
        patient=cast.record, source="pacewise", status="done", finished_at=timezone.now()
    )
    assert purge_old_imports() == 2
    assert not stale.exists() and fresh.exists()
    assert list(ImportJob.objects.values_list("pk", flat=True)) == [recent.pk]
    assert old.pk not in ImportJob.objects.values_list("pk", flat=True)
    fresh.unlink()
