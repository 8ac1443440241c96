"""Ending care: the clinic writes a message, keeps access for a grace period the person sees,
then loses it as if the person had stopped sharing; the person keeps their record and may
share again."""

import json
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cast import bearer
from pacewise.accounts.access import can_view
from pacewise.accounts.consent import share_with
from pacewise.accounts.models import Share
from pacewise.care.discharge import GRACE_DAYS
from pacewise.care.models import Message


def end_care(client, cast, message="You've met your goals. Keep your two walks a day."):
    client.force_login(cast.sharing_clinician)
    return client.post(reverse("care-discharge", args=[cast.record.pk]), {"message": message})


def pass_days(cast, days):
    share = Share.objects.get(pk=cast.share.pk)
    Share.objects.filter(pk=share.pk).update(ends_at=share.ends_at - timedelta(days=days))


def test_the_person_sees_the_end_and_the_message_and_access_ends_after_the_grace(client, cast):
    assert end_care(client, cast).status_code == 302
    share = Share.objects.get(pk=cast.share.pk)
    assert share.ends_at.date() == (timezone.now() + timedelta(days=GRACE_DAYS)).date()
    assert Message.objects.get().text.startswith("You've met your goals")
    assert mail.outbox[-1].to == [cast.patient.email]
    assert can_view(cast.sharing_clinician, cast.record)  # the grace period

    client.force_login(cast.patient)
    page = client.get(reverse("patient-sharing", args=[cast.record.pk])).content.decode()
    assert "has ended your care" in page and "Keep your two walks a day." in page

    pass_days(cast, GRACE_DAYS + 1)
    assert not can_view(cast.sharing_clinician, cast.record)
    client.force_login(cast.sharing_clinician)
    assert client.get(reverse("patient-home", args=[cast.record.pk])).status_code == 404
    assert cast.patient.name not in client.get(reverse("caseload")).content.decode()
    client.force_login(cast.patient)
    page = client.get(reverse("patient-sharing", args=[cast.record.pk])).content.decode()
    assert "ended your care. Not shared now." in page
    # the thread stays, read only, and the person may share again later
    thread = client.get(reverse("care-messages-thread", args=[cast.record.pk, cast.clinic.pk]))
    assert "met your goals" in thread.content.decode()
    share_with(cast.record, cast.clinic)
    assert can_view(cast.sharing_clinician, cast.record)


def test_the_clinic_can_take_it_back_during_the_grace_period(client, cast):
    end_care(client, cast)
    client.post(reverse("care-discharge-take-back", args=[cast.record.pk]))
    assert Share.objects.get(pk=cast.share.pk).ends_at is None
    assert can_view(cast.sharing_clinician, cast.record)


def test_an_empty_message_is_refused_and_care_goes_on(client, cast):
    response = end_care(client, cast, message=" ")
    assert response.status_code == 400 and "Write a few words" in response.content.decode()
    assert Share.objects.get(pk=cast.share.pk).ends_at is None


def test_the_person_cannot_end_their_own_care_here_and_the_api_matches(client, cast):
    client.force_login(cast.patient)
    response = client.post(reverse("care-discharge", args=[cast.record.pk]), {"message": "x"})
    assert response.status_code == 403
    url = f"/api/patients/{cast.record.pk}/discharge"
    body = json.dumps({"message": "All the best."})
    done = client.post(url, body, content_type="application/json",
                       **bearer(cast.sharing_clinician))  # fmt: skip
    assert done.status_code == 201 and done.json()["end_message"] == "All the best."
    again = client.post(url, body, content_type="application/json",
                        **bearer(cast.sharing_clinician))  # fmt: skip
    assert again.status_code == 422 and "already ends" in again.json()["errors"][0]["message"]
    shares = client.get(f"/api/patients/{cast.record.pk}/shares", **bearer(cast.patient)).json()
    mine = [s for s in shares if s["clinic"]["name"] == cast.clinic.name and s["active"]]
    assert mine[0]["ends_at"] and mine[0]["end_message"] == "All the best."
