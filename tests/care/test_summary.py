"""The summary a clinician sees on every page of a person's record, and the contact details
the person chooses to share for it."""

from django.urls import reverse


def home(client, cast):
    return client.get(reverse("patient-home", args=[cast.record.pk])).content.decode()


def test_contact_details_reach_the_clinic_only_when_the_person_shares_them(client, cast):
    client.force_login(cast.patient)
    url = reverse("patient-contact", args=[cast.record.pk])
    saved = client.post(url, {"contact_phone": "+44 20 7946 0000"}, follow=True)
    assert "kept from the clinics you share with" in saved.content.decode()
    client.force_login(cast.sharing_clinician)
    page = home(client, cast)
    assert "Summary of Pat" in page and "+44 20 7946 0000" not in page and "Not shared" in page
    client.force_login(cast.patient)
    client.post(url, {"contact_phone": "+44 20 7946 0000", "share_contact": "on"})
    client.force_login(cast.sharing_clinician)
    page = home(client, cast)
    assert 'href="tel:+44 20 7946 0000"' in page and cast.patient.email in page


def test_a_bad_phone_number_is_refused_with_the_rule_and_the_typing_is_kept(client, cast):
    client.force_login(cast.patient)
    url = reverse("patient-contact", args=[cast.record.pk])
    response = client.post(url, {"contact_phone": "call me maybe", "contact_email": "a@b.example"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "A phone number has 6 to 15 digits" in page and 'value="a@b.example"' in page
    cast.record.refresh_from_db()
    assert cast.record.contact_phone == ""


def test_the_person_does_not_see_the_clinicians_summary(client, cast):
    client.force_login(cast.patient)
    assert "Summary of" not in home(client, cast)


def test_the_summary_names_the_plan_red_flags_and_last_entry(client, cast):
    client.force_login(cast.sharing_clinician)
    page = home(client, cast)
    for words in ("Red flags", "None open", "Last entry", "Plan", "Program since"):
        assert words in page
