"""Clinical notes: written by the care team, signed, never changed (a correction is added
underneath), shared with the person one note at a time; the web and the API write the same."""

import json

from django.urls import reverse

from cast import bearer
from pacewise.care.models import ClinicalNote


def notes_url(cast):
    return reverse("care-notes", args=[cast.record.pk])


def add(client, cast, **data):
    return client.post(reverse("care-notes-add", args=[cast.record.pk]), data)


def test_a_note_is_signed_and_only_a_shared_one_reaches_the_person(client, cast):
    client.force_login(cast.sharing_clinician)
    assert add(client, cast, text="Discussed pacing; agreed 2 short walks.").status_code == 302
    assert add(client, cast, text="Shared: well done this week!", shared="on").status_code == 302
    page = client.get(notes_url(cast)).content.decode()
    sharer = cast.sharing_clinician.name
    assert f"{sharer}, Clinician, Harbour Physio" in page
    assert "clinic only" in page and "shared with Pat" in page
    client.force_login(cast.patient)
    mine = client.get(notes_url(cast)).content.decode()
    assert "Shared: well done this week!" in mine
    assert "Discussed pacing" not in mine


def test_a_correction_is_added_underneath_and_the_note_stays_as_written(client, cast):
    client.force_login(cast.sharing_clinician)
    add(client, cast, text="Knee pain 7/10.", shared="on")
    note = ClinicalNote.objects.get()
    add(client, cast, text="Correction: 4/10, not 7.", shared="on", corrects=str(note.pk))
    note.refresh_from_db()
    assert note.text == "Knee pain 7/10." and note.addenda.get().text == "Correction: 4/10, not 7."
    page = client.get(notes_url(cast)).content.decode()
    assert "<strong>Correction</strong> to the note of" in page


def test_an_empty_note_is_refused_with_a_message_and_a_long_one_keeps_its_text(client, cast):
    client.force_login(cast.sharing_clinician)
    response = add(client, cast, text="   ")
    assert response.status_code == 400 and "Write the note first." in response.content.decode()
    long = "x" * 5001
    response = add(client, cast, text=long)
    assert response.status_code == 400 and long in response.content.decode()  # nothing lost
    assert not ClinicalNote.objects.exists()


def test_the_person_cannot_write_a_note(client, cast):
    client.force_login(cast.patient)
    assert add(client, cast, text="Hello").status_code == 403
    assert not ClinicalNote.objects.exists()


def test_the_api_writes_and_reads_the_same_notes(client, cast):
    url = f"/api/patients/{cast.record.pk}/notes"
    headers = bearer(cast.sharing_clinician)
    created = client.post(url, json.dumps({"text": "Phoned; flare settling.", "shared": True}),
                          content_type="application/json", **headers)  # fmt: skip
    assert created.status_code == 201
    body = created.json()
    assert body["signed"].endswith("Clinician, Harbour Physio") and body["corrects"] is None
    fix = client.post(url, json.dumps({"text": "It was Tuesday.", "corrects": body["id"]}),
                      content_type="application/json", **headers)  # fmt: skip
    assert fix.status_code == 201 and fix.json()["corrects"] == body["id"]
    wrong = client.post(url, json.dumps({"text": "x", "corrects": 999999}),
                        content_type="application/json", **headers)  # fmt: skip
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "corrects"
    shared = client.get(url, **bearer(cast.patient)).json()
    assert [n["text"] for n in shared] == ["Phoned; flare settling."]


def test_the_caseload_api_gives_the_reasons_to_clinic_staff_only(client, cast):
    rows = client.get("/api/caseload", **bearer(cast.sharing_clinician))
    assert rows.status_code == 200
    assert [r["name"] for r in rows.json()] == ["Pat"]
    assert client.get("/api/caseload", **bearer(cast.patient)).status_code == 403


def test_a_reason_is_marked_seen_through_the_api_as_on_the_web(client, cast):
    url = f"/api/patients/{cast.record.pk}/caseload/seen"
    body = {"kind": "drop_off", "episode": "2026-12-01", "note": "Sent a message."}
    made = client.post(url, json.dumps(body), content_type="application/json",
                       **bearer(cast.sharing_clinician))  # fmt: skip
    assert made.status_code == 201 and made.json()["note"] == "Sent a message."
    wrong = json.dumps({"kind": "nope", "episode": "2026-12-01"})
    bad = client.post(url, wrong, content_type="application/json",
                      **bearer(cast.sharing_clinician))  # fmt: skip
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "kind"


def test_the_clinic_copy_of_the_visit_report_carries_the_clinics_notes(client, cast):
    import shutil

    import pytest

    if not shutil.which("pdftotext"):
        pytest.skip("needs pdftotext")
    import subprocess

    client.force_login(cast.sharing_clinician)
    add(client, cast, text="Agreed two short walks; review in 2 weeks.")
    response = client.post(reverse("care-notes-visit-report", args=[cast.record.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-", "-"], input=response.content,
                          capture_output=True, check=True).stdout.decode()  # fmt: skip
    assert "Clinical notes (clinic copy)" in text and "Agreed two short walks" in text
    client.force_login(cast.patient)
    mine = client.post(reverse("outcomes-report", args=[cast.record.pk]), {"questions": ""})
    mine_text = subprocess.run(["pdftotext", "-", "-"], input=mine.content,
                               capture_output=True, check=True).stdout.decode()  # fmt: skip
    assert "Agreed two short walks" not in mine_text
