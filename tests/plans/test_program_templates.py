"""Clinic program templates: saved from a person's program without anything about them,
applied to another with what does not fit named and every change signed."""

import json

from django.urls import reverse

from cast import bearer
from pacewise.plans import programs
from pacewise.plans.models import ProgramChange, ProgramTemplate
from program_helpers import build_program


def save(client, cast, name):
    return client.post(reverse("plans-template-save", args=[cast.record.pk]), {"name": name})


def test_a_saved_template_holds_exercises_and_doses_only(client, cast):
    program = build_program(cast)
    client.force_login(cast.sharing_clinician)
    save(client, cast, "  Low back   start ")
    template = ProgramTemplate.objects.get()
    assert template.name == "Low back start" and template.clinic == cast.clinic
    items = list(programs.active_items(program))
    assert [r["exercise_id"] for r in template.items] == [i.exercise_id for i in items]
    assert set(template.items[0]) == {"exercise_id", "sessions_per_week", "sets", "reps",
                                      "minutes"}  # fmt: skip
    page = client.get(reverse("clinic", args=[cast.clinic.pk])).content.decode()
    assert "Low back start" in page and "Saved by Sharer, Clinician, Harbour Physio" in page
    again = save(client, cast, "Low back start")
    assert again.status_code == 302 and ProgramTemplate.objects.count() == 1  # named twice


def test_applying_adds_what_fits_names_what_does_not_and_signs_each_change(client, cast):
    program = build_program(cast)
    first = programs.active_items(program).first()
    template = ProgramTemplate.objects.create(
        clinic=cast.clinic, name="Strength start", created_by="Sharer",
        items=[
            {"exercise_id": first.exercise_id, "sessions_per_week": 3, "sets": None,
             "reps": None, "minutes": 12},
            {"exercise_id": "sit-to-stand", "sessions_per_week": 3, "sets": 2, "reps": 8,
             "minutes": None},
            {"exercise_id": "weighted-sit-to-stand", "sessions_per_week": 2, "sets": 2,
             "reps": 8, "minutes": None},
        ],
    )  # fmt: skip
    client.force_login(cast.sharing_clinician)
    response = client.post(reverse("plans-template-apply", args=[cast.record.pk]),
                           {"template": template.pk, "replace": "on"}, follow=True)  # fmt: skip
    page = response.content.decode()
    assert "Skipped: Sit to stand holding a weight (it needs equipment: light weights)." in page
    kept = {i.exercise_id for i in programs.active_items(program)}
    assert kept == {first.exercise_id, "sit-to-stand"}
    first.refresh_from_db()
    assert first.minutes == 12 and first.sessions_per_week == 3
    assert ProgramChange.objects.filter(by_clinician=True).exists()
    assert all("Harbour Physio" in c.actor_label
               for c in ProgramChange.objects.filter(by_clinician=True))  # fmt: skip


def test_the_api_and_another_clinics_template(client, cast):
    build_program(cast)
    url = f"/api/patients/{cast.record.pk}/program/templates"
    made = client.post(url, json.dumps({"name": "Desk neck"}), content_type="application/json",
                       **bearer(cast.sharing_clinician))  # fmt: skip
    assert made.status_code == 201 and made.json()["exercises"]
    listed = client.get(f"/api/clinics/{cast.clinic.pk}/program-templates",
                        **bearer(cast.sharing_clinician)).json()  # fmt: skip
    assert [t["name"] for t in listed] == ["Desk neck"]
    foreign = ProgramTemplate.objects.create(clinic=cast.other_clinic, name="Theirs",
                                             created_by="X", items=[])  # fmt: skip
    refused = client.post(f"{url}/apply", json.dumps({"template": foreign.pk}),
                          content_type="application/json",
                          **bearer(cast.sharing_clinician))  # fmt: skip
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "template"
    applied = client.post(f"{url}/apply", json.dumps({"template": made.json()["id"]}),
                          content_type="application/json",
                          **bearer(cast.sharing_clinician)).json()  # fmt: skip
    assert applied["added"] == [] and applied["changed"]  # the same exercises: doses set
    assert client.get(f"/api/clinics/{cast.clinic.pk}/program-templates",
                      **bearer(cast.other_clinic_clinician)).status_code == 404  # fmt: skip


def test_a_template_id_beyond_any_database_is_a_422_not_a_500(client, cast):
    url = f"/api/patients/{cast.record.pk}/program/templates/apply"
    response = client.post(url, json.dumps({"template": 2**63}), content_type="application/json",
                           **bearer(cast.sharing_clinician))  # fmt: skip
    assert response.status_code == 422
