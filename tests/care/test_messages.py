"""Secure messages between a person and their care team: text only, kept with the record,
told by an email that says nothing but that a message came, answered or stopped; the web and
the API write through the same function (care.conversations)."""

import json

from django.core import mail
from django.urls import reverse

from cast import bearer
from pacewise.care.models import Message, Thread


def thread_url(cast, clinic=None):
    return reverse("care-messages-thread", args=[cast.record.pk, (clinic or cast.clinic).pk])


def write(client, cast, text, clinic=None):
    return client.post(thread_url(cast, clinic), {"text": text})


def test_a_message_round_trips_and_each_side_is_told_without_detail(client, cast):
    client.force_login(cast.patient)
    page = client.get(thread_url(cast)).content.decode()
    assert "Not for urgent help" in page and reverse("crisis") in page
    assert write(client, cast, "My knee swelled after the walk. Should I rest?").status_code == 302
    assert write(client, cast, "It is a bit better tonight.").status_code == 302
    assert len(mail.outbox) == 1  # one email per unread batch, not per message
    email = mail.outbox[0]
    assert email.subject == "You have a new message in Pacewise"
    assert "knee" not in email.body and "Pat" not in email.body
    assert cast.sharing_clinician.email in email.to
    assert cast.other_clinic_clinician.email not in email.to

    client.force_login(cast.sharing_clinician)
    caseload = client.get(reverse("caseload")).content.decode()
    assert "Messages waiting for an answer" in caseload and "2 unread" in caseload
    page = client.get(thread_url(cast)).content.decode()
    assert "My knee swelled" in page and "It is a bit better tonight." in page
    assert Message.objects.filter(from_person=True, read_at__isnull=True).count() == 0
    write(client, cast, "Rest tomorrow, then half your walk on Thursday.")
    assert mail.outbox[-1].to == [cast.patient.email] and len(mail.outbox) == 2

    client.force_login(cast.patient)
    home = client.get(reverse("patient-home", args=[cast.record.pk])).content.decode()
    assert "1 new" in home
    page = client.get(thread_url(cast)).content.decode()
    assert "Rest tomorrow" in page and f"{cast.sharing_clinician.name}, Clinician" in page
    home = client.get(reverse("patient-home", args=[cast.record.pk])).content.decode()
    assert "1 new" not in home


def test_answered_leaves_the_waiting_list_until_the_person_writes_again(client, cast):
    client.force_login(cast.patient)
    write(client, cast, "Can we move Friday's session?")
    client.force_login(cast.sharing_clinician)
    client.post(reverse("care-messages-answered", args=[cast.record.pk, cast.clinic.pk]))
    assert "Messages waiting" not in client.get(reverse("caseload")).content.decode()
    assert "Marked answered by" in client.get(thread_url(cast)).content.decode()
    client.force_login(cast.patient)
    write(client, cast, "Thanks! One more question.")
    client.force_login(cast.sharing_clinician)
    assert "Messages waiting" in client.get(reverse("caseload")).content.decode()


def test_the_person_can_stop_a_thread_and_start_it_again(client, cast):
    client.force_login(cast.patient)
    write(client, cast, "Hello")
    client.post(reverse("care-messages-stop", args=[cast.record.pk, cast.clinic.pk]))
    client.force_login(cast.sharing_clinician)
    response = write(client, cast, "Just checking in about your week")
    body = response.content.decode()
    assert response.status_code == 400 and "stopped this conversation" in body
    assert "Just checking in about your week" in body  # nothing typed is lost
    client.force_login(cast.patient)
    write(client, cast, "Sorry, please do write again.")
    client.force_login(cast.sharing_clinician)
    assert write(client, cast, "Of course.").status_code == 302
    assert not Thread.objects.get().stopped_at


def test_a_clinic_no_longer_shared_with_is_read_only_and_others_do_not_exist(client, cast):
    thread = Thread.objects.create(patient=cast.record, clinic=cast.revoked_clinic)
    thread.messages.create(from_person=True, signed="Pat", text="Before I stopped sharing")
    client.force_login(cast.patient)
    page = client.get(thread_url(cast, cast.revoked_clinic)).content.decode()
    assert "Before I stopped sharing" in page and "no longer share your record" in page
    assert write(client, cast, "Hello again", cast.revoked_clinic).status_code == 400
    assert client.get(thread_url(cast, cast.other_clinic)).status_code == 404
    listing = client.get(reverse("care-messages", args=[cast.record.pk])).content.decode()
    assert cast.clinic.name in listing and cast.revoked_clinic.name in listing
    assert cast.other_clinic.name not in listing


def test_empty_long_and_reordering_text_get_a_specific_error(client, cast):
    client.force_login(cast.patient)
    assert "Write your message first." in write(client, cast, "  ").content.decode()
    long = "word " * 500
    response = write(client, cast, long)
    assert response.status_code == 400 and "under 2000 characters" in response.content.decode()
    assert long.strip() in response.content.decode()
    response = write(client, cast, "fine \u202e today")
    assert response.status_code == 400 and "direction override" in response.content.decode()
    assert not Message.objects.exists()


def test_the_api_writes_and_reads_through_the_same_rules(client, cast):
    url = f"/api/patients/{cast.record.pk}/messages/{cast.clinic.pk}"
    sent = client.post(url, json.dumps({"text": "Walk felt good"}),
                       content_type="application/json", **bearer(cast.patient))  # fmt: skip
    assert sent.status_code == 201 and sent.json()["from_person"] is True
    clinician = bearer(cast.sharing_clinician)
    listing = client.get(f"/api/patients/{cast.record.pk}/messages", **clinician)
    assert listing.json()[0]["unread"] == 1
    thread = client.get(url, **bearer(cast.sharing_clinician)).json()
    assert [m["text"] for m in thread["messages"]] == ["Walk felt good"]
    waiting = client.get("/api/caseload/messages", **bearer(cast.sharing_clinician)).json()
    assert waiting[0]["name"] == cast.patient.name and waiting[0]["unread"] == 0
    answered = client.post(f"{url}/answered", **bearer(cast.sharing_clinician)).json()
    assert answered["answered"] is True
    assert client.get("/api/caseload/messages", **bearer(cast.sharing_clinician)).json() == []
    empty = client.post(url, json.dumps({"text": ""}), content_type="application/json",
                        **bearer(cast.patient))  # fmt: skip
    assert empty.status_code == 422 and empty.json()["errors"][0]["field"].endswith("text")
    stopped = client.post(f"{url}/stop", **bearer(cast.patient)).json()
    assert stopped["stopped"] is True
    refused = client.post(url, json.dumps({"text": "Hi"}), content_type="application/json",
                          **bearer(cast.sharing_clinician))  # fmt: skip
    assert refused.status_code == 422 and "stopped" in refused.json()["errors"][0]["message"]


def test_the_demo_clinic_has_alexs_message_waiting(client, db):
    from django.utils import timezone

    from pacewise.accounts.models import User
    from pacewise.ops.demo import create_demo

    create_demo(timezone.localdate())
    client.force_login(User.objects.get(email="clinician@demo.example"))
    html = client.get(reverse("caseload")).content.decode()
    waiting = html.index("Messages waiting for an answer")
    assert html.index("Alex", waiting) < html.index("Who needs you today")


def test_a_message_about_ending_life_brings_crisis_lines_at_once_and_asks_the_clinic_today(
    client, cast
):
    client.force_login(cast.patient)
    write(client, cast, "Can we move Friday's session?")
    assert "have to wait for a reply" not in client.get(thread_url(cast)).content.decode()
    write(client, cast, "Honestly some days I want to die.")
    page = client.get(thread_url(cast)).content.decode()
    assert "have to wait for a reply" in page and "crisis-lines" in page
    assert "want to die" not in mail.outbox[-1].body  # the email still says nothing
    client.force_login(cast.sharing_clinician)
    caseload = client.get(reverse("caseload")).content.decode()
    assert "mentions ending their life or self-harm: please read it" in caseload
    assert "Please contact Pat today" in client.get(thread_url(cast)).content.decode()


def test_the_api_returns_the_crisis_lines_with_such_a_message(client, cast):
    url = f"/api/patients/{cast.record.pk}/messages/{cast.clinic.pk}"
    plain = client.post(url, json.dumps({"text": "Walk felt good"}),
                        content_type="application/json", **bearer(cast.patient))  # fmt: skip
    assert plain.json()["crisis_lines"] == [] and plain.json()["concern"] is False
    worried = client.post(url, json.dumps({"text": "I keep thinking about suicide"}),
                          content_type="application/json", **bearer(cast.patient))  # fmt: skip
    body = worried.json()
    assert worried.status_code == 201 and body["concern"] is True and body["crisis_lines"]
