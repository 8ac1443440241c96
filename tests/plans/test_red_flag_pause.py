"""Red flags stop the self-guided program, alert the care team, and resume only on clearance."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from plans_helpers import no_symptoms, program_for, symptoms, url

from pacewise.plans.models import GuidedSession, RedFlagAlert, Screening


def test_a_yes_in_onboarding_stops_the_program_and_tells_the_team(client, me):
    response = client.post(
        url("plans-onboarding-step", me, step="safety"), symptoms("saddle_numbness")
    )
    assert response["Location"] == url("plans-program", me)
    alert = RedFlagAlert.objects.get(patient=me)
    assert alert.level == "emergency" and alert.question_ids == ["saddle_numbness"]
    assert Screening.objects.get().occasion == "onboarding"
    page = client.get(url("plans-program", me)).content.decode()
    assert "Your program is paused for now" in page
    assert "Please get emergency care now." in page and "Call 911" in page
    assert "let your care team know" in page
    # the care team is emailed, without a name or the symptom
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert "sharer@harbour.example" in sent.to and "doc@hilltop.example" not in sent.to
    assert "Pat" not in sent.body and "numb" not in sent.body.lower()
    assert RedFlagAlert.objects.get().emailed_to == sent.to


@pytest.mark.parametrize(
    ("qid", "wording"),
    [
        ("neck_speech", "Please get emergency care now."),
        ("chest_pain", "Please stop exercising and get medical help."),
        ("weight_loss", "Please see a doctor soon, before you exercise again."),
    ],
)
def test_the_paused_screen_matches_the_urgency(client, me, qid, wording):
    program_for(me)
    client.post(url("plans-symptoms", me), symptoms(qid))
    page = client.get(url("plans-program", me)).content.decode()
    assert wording in page
    assert ('class="emergency-call"' in page) == (qid != "weight_loss")
    assert 'href="tel:988"' in page  # help lines for the person's country, always


def test_new_symptoms_pause_the_player_too(client, me):
    program = program_for(me)
    client.post(url("plans-session-start", me))
    session = GuidedSession.objects.get()
    client.post(url("plans-symptoms", me), symptoms("fever"))
    page = client.get(url("plans-session", me, session_id=session.pk)).content.decode()
    assert "Your program is paused for now" in page
    client.post(url("plans-session-start", me))
    assert GuidedSession.objects.count() == 1
    assert program.items.exists()


def test_no_new_symptoms_leaves_the_program_open(client, me):
    program_for(me)
    response = client.post(url("plans-symptoms", me), no_symptoms(), follow=True)
    assert "Nothing you told us stops your program" in response.content.decode()
    assert not RedFlagAlert.objects.exists() and Screening.objects.count() == 1


def test_the_person_resumes_by_confirming_clearance_with_a_date(client, me):
    program_for(me)
    client.post(url("plans-symptoms", me), symptoms("night_pain"))
    response = client.post(url("plans-resume", me), {"seen_on": timezone.localdate()})
    assert response.status_code == 400  # the box must be ticked
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(url("plans-resume", me), {"cleared": "on", "seen_on": tomorrow})
    assert "cannot be in the future" in response.content.decode()
    client.post(url("plans-resume", me), {"cleared": "on", "seen_on": timezone.localdate()})
    alert = RedFlagAlert.objects.get()
    assert alert.cleared_at is not None and alert.cleared_by_clinician is False
    assert "This week" in client.get(url("plans-program", me)).content.decode()


def test_a_linked_clinician_sees_it_on_the_caseload_and_can_clear_it(client, cast):
    program_for(cast.record)
    client.force_login(cast.patient)
    client.post(url("plans-symptoms", cast.record), symptoms("fainting"))
    client.force_login(cast.sharing_clinician)
    caseload = client.get(reverse("caseload")).content.decode()
    assert "Program paused: needs a medical check" in caseload and "Pat" in caseload
    page = client.get(url("plans-program", cast.record)).content.decode()
    assert "Paused for a medical check" in page and "faint" in page
    client.post(
        url("plans-resume", cast.record), {"cleared": "on", "seen_on": timezone.localdate()}
    )
    alert = RedFlagAlert.objects.get()
    assert alert.cleared_by == cast.sharing_clinician and alert.cleared_by_clinician
    assert "Program paused" not in client.get(reverse("caseload")).content.decode()


def test_other_clinics_do_not_see_the_alert(client, cast):
    program_for(cast.record)
    client.force_login(cast.patient)
    client.post(url("plans-symptoms", cast.record), symptoms("fever"))
    client.force_login(cast.other_clinic_clinician)
    assert "Program paused" not in client.get(reverse("caseload")).content.decode()


def test_without_a_care_team_nobody_is_emailed(client, cast):
    cast.share.revoked_at = timezone.now()
    cast.share.save()
    client.force_login(cast.patient)
    client.post(url("plans-symptoms", cast.record), symptoms("fever"))
    assert mail.outbox == []
    page = client.get(url("plans-program", cast.record)).content.decode()
    assert "show this page to the doctor" in page
