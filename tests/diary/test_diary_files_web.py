"""Download the diary, and import a file on the web with progress and a line-numbered report.

The import runs in a worker thread while the page streams, so these tests commit for real.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from pacewise.diary.models import CheckIn

pytestmark = pytest.mark.django_db(transaction=True)


def url(name, cast):
    return reverse(name, kwargs={"patient_id": cast.record.pk})


def body_of(response) -> str:
    return b"".join(response.streaming_content).decode()


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
    page = body_of(response)
    assert "2 entries were already there" in page
    assert '<progress max="' in page
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
    page = body_of(mapped)
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
