"""Reminders the person shapes, by email: at their own time of day wherever they are, once a
day, not once done, "not today" in one tap, and spacing out after unanswered ones."""

from datetime import UTC, datetime, timedelta

from django.core import mail
from django.urls import reverse

from pacewise.diary.models import CheckIn
from pacewise.today.models import ReminderSent
from pacewise.today.reminders import send_due

DAY = datetime(2027, 1, 15, tzinfo=UTC)  # a winter day: London is on UTC


def ask_for(client, me, **extra):
    data = {"morning_on": "on", "morning_at": "08:30", "evening_on": "on", "evening_at": "20:00",
            "bouts_at": "14:00", "weekly_review_at": "18:00", **extra}  # fmt: skip
    return client.post(reverse("today-reminders", args=[me.pk]), data)


def in_zone(me, zone):
    me.user.time_zone = zone
    me.user.save(update_fields=["time_zone"])


def test_the_page_saves_the_wishes_and_says_what_is_wrong(client, me):
    page = client.get(reverse("today-reminders", args=[me.pk])).content.decode()
    assert "Morning check-in" in page and 'type="time"' in page
    assert ask_for(client, me).status_code == 302
    wrong = ask_for(client, me, quiet_from="21:30", morning_at="07:15")
    assert wrong.status_code == 200
    text = wrong.content.decode()
    assert "Give both ends of the quiet hours" in text and 'value="07:15"' in text  # kept


def test_a_reminder_comes_at_their_time_once_and_not_when_already_done(client, me):
    in_zone(me, "Europe/London")
    ask_for(client, me)
    assert send_due(DAY + timedelta(hours=8, minutes=20)) == 0  # not yet 08:30
    assert send_due(DAY + timedelta(hours=8, minutes=40)) == 1
    email = mail.outbox[-1]
    assert email.subject == "[Pacewise] Good morning" and "/checkin/morning/" in email.body
    assert "Not today?" in email.body and "streak" not in email.body.lower()
    assert send_due(DAY + timedelta(hours=9)) == 0  # once a day
    CheckIn.objects.create(patient=me, local_date=DAY.date(), pain_avg=4, kind="full")
    assert send_due(DAY + timedelta(hours=20, minutes=5)) == 0  # the evening one is done


def test_not_today_in_one_tap_without_signing_in(client, me):
    in_zone(me, "Europe/London")
    ask_for(client, me)
    send_due(DAY + timedelta(hours=8, minutes=40))
    link = next(line for line in mail.outbox[-1].body.splitlines() if "not-today" in line)
    client.logout()
    path = link.split("testserver")[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    assert "One tap" in client.get(path).content.decode()
    assert "No more reminders today" in client.post(path).content.decode()
    assert send_due(DAY + timedelta(hours=20, minutes=5)) == 0  # evening quiet too
    assert client.get("/reminders/not-today/forged/").status_code == 404


def test_a_traveller_is_reminded_at_0830_where_they_are(client, me):
    in_zone(me, "Asia/Tokyo")
    ask_for(client, me)
    assert send_due(DAY - timedelta(minutes=25)) == 1  # 23:35 UTC is 08:35 in Tokyo
    assert ReminderSent.objects.get(patient=me).local_date == DAY.date()


def test_unanswered_reminders_space_out_and_say_so(client, me):
    in_zone(me, "UTC")
    ask_for(client, me, evening_on="")
    for n in range(3):
        assert send_due(DAY + timedelta(days=n, hours=8, minutes=40)) == 1
    assert send_due(DAY + timedelta(days=3, hours=8, minutes=40)) == 0  # every second day now
    assert send_due(DAY + timedelta(days=4, hours=8, minutes=40)) == 1
    assert "now come every 2 days" in mail.outbox[-1].body
