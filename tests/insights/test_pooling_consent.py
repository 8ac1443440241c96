"""Population pooling on the insights page and in the findings API: opt-in, who takes part."""

from django.urls import reverse
from django.utils import timezone

from cast import bearer, make_user
from pacewise.accounts.models import Share
from pacewise.insights.models import PoolingConsent

COFFEE = [["late coffee", 0, 2.0, 0.5]]


def peer(email, clinic, *, opted_in=True, revoked=False, estimates=None):
    patient = make_user(email, patient=True).patient
    Share.objects.create(patient=patient, clinic=clinic,
                         revoked_at=timezone.now() if revoked else None)  # fmt: skip
    PoolingConsent.objects.create(patient=patient, opted_in=opted_in,
                                  estimates=estimates or COFFEE)  # fmt: skip
    return patient


def opt(client, cast, on=True):
    client.force_login(cast.patient)
    return client.post(reverse("insights-pooling", args=[cast.record.pk]),
                       {"opted_in": "on"} if on else {})  # fmt: skip


def page(client, cast):
    return client.get(reverse("insights-page", args=[cast.record.pk])).content.decode()


def test_it_is_off_by_default_and_nothing_is_pooled(client, diary):
    peer("a@example.com", diary.clinic)
    peer("b@example.com", diary.clinic, estimates=[["late coffee", 0, 3.0, 0.5]])
    client.force_login(diary.patient)
    text = page(client, diary)
    assert 'id="id_opted_in" name="opted_in">' in text  # unticked
    assert "steadied with patterns" not in text
    assert not PoolingConsent.objects.filter(patient=diary.record).exists()


def five_peers(clinic):
    for i, effect in enumerate((2.0, 3.0, 2.5, 1.5, 2.0)):
        peer(f"p{i}@example.com", clinic, estimates=[["late coffee", 0, effect, 0.5]])


def test_opting_in_contributes_own_estimates_and_steadies_the_findings(client, diary):
    five_peers(diary.clinic)
    assert opt(client, diary).status_code == 302
    consent = PoolingConsent.objects.get(patient=diary.record)
    assert consent.opted_in and ["late coffee", 0] in [row[:2] for row in consent.estimates]
    text = page(client, diary)
    assert "Estimates steadied with patterns from 5 people at your clinic" in text
    assert "Estimate steadied with patterns from 5 people at your clinic: +" in text
    assert "p0@example.com" not in text  # never who, never their data
    rows = client.get(f"/api/patients/{diary.record.pk}/insights/findings",
                      **bearer(diary.patient)).json()  # fmt: skip
    coffee = next(r for r in rows if r["factor"] == "late coffee" and r["lag"] == 0)
    assert coffee["pooled_people"] == 5
    assert coffee["pooled_ci_low"] < coffee["pooled_effect"] < coffee["pooled_ci_high"]
    assert all(r["pooled_people"] == 0 for r in rows if r is not coffee)


def test_only_opted_in_people_sharing_with_the_same_clinic_now_take_part(client, diary):
    five_peers(diary.clinic)
    peer("c@example.com", diary.clinic, opted_in=False)
    peer("d@example.com", diary.other_clinic)
    peer("e@example.com", diary.clinic, revoked=True)
    peer("f@example.com", diary.revoked_clinic)  # shares with a clinic the person left
    opt(client, diary)
    assert "from 5 people at your clinic" in page(client, diary)


def test_with_fewer_than_five_others_nothing_changes(client, diary):
    for i in range(4):
        peer(f"q{i}@example.com", diary.clinic)
    opt(client, diary)
    assert "steadied with patterns" not in page(client, diary)


def test_opting_out_withdraws_the_estimates(client, diary):
    opt(client, diary)
    assert PoolingConsent.objects.get(patient=diary.record).estimates
    opt(client, diary, on=False)
    consent = PoolingConsent.objects.get(patient=diary.record)
    assert not consent.opted_in and consent.estimates == []


def test_a_person_who_stops_sharing_is_pooled_with_no_one(client, diary):
    five_peers(diary.clinic)
    opt(client, diary)
    diary.share.revoked_at = timezone.now()
    diary.share.save()
    text = page(client, diary)
    assert "steadied with patterns" not in text
    assert "You are not sharing with a clinic at the moment" in text


def test_a_sharing_clinician_sees_whether_pooling_is_on_but_no_toggle(client, diary):
    opt(client, diary)
    client.force_login(diary.sharing_clinician)
    text = page(client, diary)
    assert "has chosen to steady their results" in text and 'name="opted_in"' not in text
