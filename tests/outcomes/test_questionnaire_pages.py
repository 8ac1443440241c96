"""Questionnaires on the web: answering, scores, change, assignments and the safety path."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from pacewise.outcomes.models import Assignment, Reminder, Response, SafetyAlert


def url(name, cast, **kwargs):
    return reverse(name, kwargs={"patient_id": cast.record.pk, **kwargs})


@pytest.fixture
def patient_client(client, cast):
    client.force_login(cast.patient)
    return client


def phq9(item9=0, others=1):
    answers = {f"phq9_{i}": str(others) for i in range(1, 9)}
    answers["phq9_9"] = str(item9)
    return answers


def test_baseline_questionnaires_are_open_at_the_start(patient_client, cast):
    page = patient_client.get(url("outcomes-list", cast)).content.decode()
    for name in ("PEG", "PHQ-9", "GAD-7"):
        assert f"Answer the {name}" in page
    home = patient_client.get(url("patient-home", cast)).content.decode()
    assert "questions are ready whenever suits you" in home


def test_answering_scores_it_and_counts_for_the_occasion(patient_client, cast):
    response = patient_client.post(url("outcomes-take", cast, instrument_id="phq9"), phq9())
    saved = Response.objects.get()
    assert response["Location"] == url("outcomes-result", cast, response_id=saved.pk)
    assert (saved.total, saved.occasion, saved.band) == (8.0, "baseline", "Mild")
    assert saved.safety_flag is False
    page = patient_client.get(response["Location"]).content.decode()
    assert "PHQ-9: 8" in page
    listing = patient_client.get(url("outcomes-list", cast)).content.decode()
    assert "Answer the PHQ-9" not in listing


def test_self_harm_answer_shows_crisis_resources_at_once_and_alerts_the_team(patient_client, cast):
    response = patient_client.post(url("outcomes-take", cast, instrument_id="phq9"), phq9(item9=1))
    alert = SafetyAlert.objects.get()
    assert response["Location"] == url("outcomes-safety", cast, alert_id=alert.pk)
    page = patient_client.get(response["Location"]).content.decode()
    assert "988" in page and "741741" in page
    assert "We have told your care team" in page
    # the care team is told by email, without names or answers
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert set(sent.to) == {
        "sharer@harbour.example",
        "admin@harbour.example",
        "new@harbour.example",
    }
    assert "Pat" not in sent.body and "PHQ" not in sent.body
    assert alert.value == 1 and alert.item_id == "phq9_9"


def test_the_crisis_screen_cannot_be_skipped_past(patient_client, cast):
    patient_client.post(url("outcomes-take", cast, instrument_id="phq9"), phq9(item9=2))
    alert = SafetyAlert.objects.get()
    safety = url("outcomes-safety", cast, alert_id=alert.pk)
    for page in (
        url("patient-home", cast),
        url("outcomes-list", cast),
        url("outcomes-progress", cast),
        url("outcomes-take", cast, instrument_id="gad7"),
    ):
        assert patient_client.get(page)["Location"] == safety
    patient_client.post(safety)
    assert patient_client.get(url("patient-home", cast)).status_code == 200


def test_the_care_team_sees_the_alert_and_records_the_follow_up(client, cast):
    client.force_login(cast.patient)
    client.post(url("outcomes-take", cast, instrument_id="phq9"), phq9(item9=1))
    alert = SafetyAlert.objects.get()
    client.force_login(cast.sharing_clinician)
    caseload = client.get(reverse("caseload")).content.decode()
    assert "Needs a check-in today" in caseload and "Pat" in caseload
    client.post(url("outcomes-follow-up", cast, alert_id=alert.pk), {"note": "Phoned; safe."})
    alert.refresh_from_db()
    assert (
        alert.followed_up_by == cast.sharing_clinician and alert.follow_up_note == "Phoned; safe."
    )
    assert "Needs a check-in today" not in client.get(reverse("caseload")).content.decode()


def test_other_clinics_never_see_the_alert(client, cast):
    client.force_login(cast.patient)
    client.post(url("outcomes-take", cast, instrument_id="phq9"), phq9(item9=3))
    client.force_login(cast.other_clinic_clinician)
    assert "Needs a check-in today" not in client.get(reverse("caseload")).content.decode()


def test_high_scores_suggest_a_clinician_kindly(patient_client, cast):
    answers = {f"gad7_{i}": "3" for i in range(1, 8)}
    response = patient_client.post(url("outcomes-take", cast, instrument_id="gad7"), answers)
    page = patient_client.get(response["Location"]).content.decode()
    assert "GAD-7: 21" in page and "talk about this with a clinician" in page


def test_too_many_blanks_refuse_to_score_and_keep_the_answers(patient_client, cast):
    response = patient_client.post(
        url("outcomes-take", cast, instrument_id="gad7"), {"gad7_1": "2"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="2" id="id_gad7_1_2" checked' in body
    assert "blank" in body.lower()
    assert not Response.objects.exists()


def test_out_of_range_answers_are_field_errors(patient_client, cast):
    response = patient_client.post(
        url("outcomes-take", cast, instrument_id="peg"), {"peg_1": "11", "peg_2": "3", "peg_3": "3"}
    )
    assert "Choose one of the answers" in " ".join(response.context["form"].errors["peg_1"])


def test_change_from_baseline_is_judged_against_the_mcid(patient_client, cast):
    patient_client.post(
        url("outcomes-take", cast, instrument_id="peg"), {"peg_1": "7", "peg_2": "7", "peg_3": "7"}
    )
    Response.objects.update(completed_at=Response.objects.get().completed_at - timedelta(days=30))
    later = patient_client.post(
        url("outcomes-take", cast, instrument_id="peg"), {"peg_1": "5", "peg_2": "5", "peg_3": "5"}
    )
    page = patient_client.get(later["Location"]).content.decode()
    assert "went down by 2" in page and "big enough to matter" in page
    progress = patient_client.get(url("outcomes-progress", cast)).content.decode()
    assert "PEG scores over time" in progress and 'role="img"' in progress


def test_clinicians_assign_extra_questionnaires(client, cast):
    client.force_login(cast.sharing_clinician)
    client.post(url("outcomes-assign", cast), {"instrument_id": "gad7", "note": "Before our visit"})
    page = client.get(url("outcomes-list", cast)).content.decode()
    name = cast.record.user.name
    # the clinician reads about the patient, not "your answers"
    assert f"{name}'s answers so far" in page and "Your answers so far" not in page
    assert "Asked for by the care team" in page
    assignment = Assignment.objects.get()
    assert assignment.assigned_by == cast.sharing_clinician and assignment.clinic == cast.clinic
    client.force_login(cast.patient)
    page = client.get(url("outcomes-list", cast)).content.decode()
    assert "Asked for by your care team" in page and "Before our visit" in page
    answers = {f"gad7_{i}": "1" for i in range(1, 8)}
    client.post(url("outcomes-take", cast, instrument_id="gad7"), answers)
    assignment.refresh_from_db()
    assert assignment.response.occasion == "extra"


def test_flare_days_offer_the_two_question_forms(patient_client, cast):
    cast.checkin.in_flare = True
    cast.checkin.save()
    page = patient_client.get(url("outcomes-list", cast)).content.decode()
    assert "Hard day? Two questions instead" in page
    response = patient_client.post(
        url("outcomes-take", cast, instrument_id="phq2"), {"phq9_1": "2", "phq9_2": "1"}
    )
    assert Response.objects.get().occasion == "short"
    assert response.status_code == 302


def test_reminders_are_emailed_once_per_occasion(cast):
    call_command("send_reminders")
    call_command("send_reminders")
    to_patients = [m for m in mail.outbox if m.to == [cast.patient.email]]
    assert len(to_patients) == 1
    assert Reminder.objects.filter(patient=cast.record, occasion="baseline").count() == 1
