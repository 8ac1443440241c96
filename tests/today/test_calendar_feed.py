"""The plan in the person's calendar: a private address shown once, one all-day item a day for
the coming week, titles with no health detail unless the person chooses it; a stopped or
renewed address answers 404. Parsed with the icalendar library, as calendar clients read it."""

import re
from datetime import timedelta

from django.urls import reverse
from icalendar import Calendar

from pacewise.diary.days import today_for


def make(client, me, **data):
    page = client.post(reverse("today-calendar", args=[me.pk]), {"action": "new", **data})
    return re.search(r'value="(http[^"]+\.ics)"', page.content.decode()).group(1)


def events(client, address):
    response = client.get(address)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]  # health data: never cached
    parsed = Calendar.from_ical(response.content)
    assert Calendar.from_ical(parsed.to_ical()) == parsed  # round-trips as clients rewrite it
    return list(parsed.walk("VEVENT"))


def test_the_week_is_seven_all_day_items_that_say_no_health_detail(client, me, history):
    client.force_login(me.user)
    address = make(client, me)
    client.logout()  # a calendar app has no session: the secret address is enough
    found = events(client, address)
    today = today_for(me)
    assert [e.decoded("dtstart") for e in found] == [today + timedelta(days=n) for n in range(7)]
    assert {str(e["summary"]) for e in found} == {"Movement plan"}
    assert all(str(e["transp"]) == "TRANSPARENT" for e in found)
    assert len({str(e["uid"]) for e in found}) == 7


def test_the_person_may_choose_amounts_in_the_titles(client, me, history):
    client.force_login(me.user)
    address = make(client, me, detail="on")
    [summary] = {str(e["summary"]) for e in events(client, address)}
    assert summary.startswith("Pacewise: ") and "minutes of walking" in summary


def test_a_stopped_or_renewed_address_answers_404_and_a_wrong_one_too(client, me, history):
    client.force_login(me.user)
    first = make(client, me)
    second = make(client, me)  # a new address ends the old one
    assert client.get(first).status_code == 404 and client.get(second).status_code == 200
    client.post(reverse("today-calendar", args=[me.pk]), {"action": "stop"})
    assert client.get(second).status_code == 404
    assert client.get(reverse("calendar-feed", args=["not-a-real-secret"])).status_code == 404


def test_the_address_is_shown_once_and_a_clinician_cannot_make_one(client, me, cast, history):
    client.force_login(me.user)
    address = make(client, me)
    again = client.get(reverse("today-calendar", args=[me.pk])).content.decode()
    assert address not in again and "A calendar address is on since" in again
    client.force_login(cast.sharing_clinician)
    response = client.post(reverse("today-calendar", args=[me.pk]), {"action": "new"})
    assert response.status_code == 403
