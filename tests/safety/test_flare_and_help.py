"""Safety matrix, the rest: a long flare prompts kindly on Today (web and API); crisis help
fits the person's country (chosen at sign-up, default from the browser, changeable), every
number a tel:/sms: link with a source; the pain-during limit wherever exercise is prescribed,
worded per group."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse

from cast import bearer
from pacewise.accounts.crisis import DATA, country_from_languages, crisis_help
from pacewise.accounts.models import User
from pacewise.core import thresholds as t
from pacewise.core.pacing.wording import flare_movement_advice, pain_during_advice
from pacewise.core.program.profile import ProgramProfile
from pacewise.core.program.reasons import program_notes
from pacewise.diary.days import today_for
from pacewise.diary.models import ActivitySession, CheckIn
from pacewise.today import actions
from program_helpers import build_program


def _diary(cast, calm_days: int, flare_days: int):
    actions.choose_activities(cast.record, [actions.Choice("walking", 12)])
    today = today_for(cast.record)
    for back in range(calm_days + flare_days, 0, -1):
        day = today - timedelta(days=back)
        in_flare = back <= flare_days
        CheckIn.objects.create(
            patient=cast.record,
            local_date=day,
            morning_pain=7 if in_flare else 3,
            pain_avg=7 if in_flare else 3,
            in_flare=in_flare,
        )
        ActivitySession.objects.create(
            patient=cast.record, local_date=day, activity="walking", minutes=10,
            planned_item="walking",
        )
    if flare_days:  # the flare goes on today
        CheckIn.objects.filter(pk=cast.checkin.pk).update(
            in_flare=True, pain_avg=7, local_date=today
        )


@pytest.mark.parametrize(("flare_days", "long"), [(5, False), (t.LONG_FLARE_DAYS, True)])
def test_a_long_flare_prompts_to_contact_the_clinician_and_recheck(client, cast, flare_days, long):
    _diary(cast, 21, flare_days)
    client.force_login(cast.patient)
    page = client.get(reverse("today", args=[cast.record.pk])).content.decode()
    assert "Your flare plan" in page
    assert "Report new symptoms" in page  # always on the flare card
    assert ("get in touch with them" in page) == long
    assert ("Check the symptoms that need a doctor" in page) == long
    body = client.get(f"/api/patients/{cast.record.pk}/today", **bearer(cast.patient)).json()
    assert body["phase"] == "flare" and body["long_flare"] is long
    assert body["flare_days"] == flare_days + 1  # today counts: the flare goes on


def test_a_flare_declared_by_mistake_is_one_day_not_a_long_flare(client, cast):
    _diary(cast, 28, 0)
    client.force_login(cast.patient)
    client.post(reverse("today-flare", args=[cast.record.pk]), {})
    body = client.get(f"/api/patients/{cast.record.pk}/today", **bearer(cast.patient)).json()
    assert body["phase"] == "flare" and body["flare_days"] == 1 and not body["long_flare"]


def test_crisis_lines_are_data_with_a_source_and_a_checked_date():
    data = json.loads(DATA.read_text())
    for code, country in data["countries"].items():
        for line in country["lines"] + [country["emergency"]]:
            assert line["source"].startswith("https://"), code
            assert line.get("checked", "").startswith("20"), code
    for code in ("US", "GB", "IE", "CA", "AU", "NZ"):
        help_ = crisis_help(code)
        assert help_.emergency_number and all(c.links for c in help_.contacts), code
        hrefs = [x.href for c in help_.contacts for x in c.links]
        assert all(h.startswith(("tel:", "sms:")) for h in hrefs)


def test_eu_countries_fall_back_to_112_and_elsewhere_to_the_local_number():
    assert crisis_help("DE").emergency_number == "112"
    assert crisis_help("DE").contacts[0].links[0].href == "tel:112"
    unknown = crisis_help("BR")
    assert unknown.emergency_number is None
    assert unknown.contacts[0].title == "Call your local emergency number"
    assert crisis_help("uk").country == "GB"


def test_country_from_the_browser_language():
    assert country_from_languages("en-GB,en;q=0.9") == "GB"
    assert country_from_languages("de-DE,de;q=0.9,en;q=0.8") == "DE"
    assert country_from_languages("en") == ""
    assert country_from_languages("") == ""


def test_signup_takes_the_country_from_the_browser_and_account_changes_it(client, db):
    client.post(
        reverse("account_signup"),
        {"email": "new@example.com", "password1": "quiet-river-stones",
         "password2": "quiet-river-stones"},
        HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9",
    )
    user = User.objects.get(email="new@example.com")
    assert user.country == "GB"
    page = client.get(reverse("crisis")).content.decode()
    assert 'href="tel:116123"' in page and "Help lines for United Kingdom" in page
    client.post(
        reverse("account-settings"),
        {"display_name": "", "time_zone": "Australia/Sydney", "country": "AU"},
    )
    user.refresh_from_db()
    assert user.country == "AU"
    assert 'href="tel:131114"' in client.get(reverse("crisis")).content.decode()


def test_a_chosen_country_at_signup_wins_over_the_browser(client, db):
    client.post(
        reverse("account_signup"),
        {"email": "new@example.com", "password1": "quiet-river-stones",
         "password2": "quiet-river-stones", "country": "IE"},
        HTTP_ACCEPT_LANGUAGE="en-US",
    )
    assert User.objects.get(email="new@example.com").country == "IE"


@pytest.mark.parametrize(
    ("conditions", "fatigue", "rest"),
    [
        (frozenset({"low_back"}), False, False),
        (frozenset({"fibromyalgia"}), True, True),
        (frozenset({"lupus_autoimmune"}), False, True),
    ],
)
def test_flare_and_pain_advice_is_worded_per_group(conditions, fatigue, rest):
    profile = ProgramProfile(conditions=conditions, fatigue_dominant=fatigue, in_flare=True)
    notes = " ".join(program_notes(profile, []))
    assert ("Rest alone does not help" in notes) == (not rest)
    assert ("rest is part of looking after yourself" in notes) == rest
    assert "5 out of 10" in notes
    assert ("a day or two later" in " ".join(pain_during_advice(rest))) == rest
    assert ("Rest alone" in flare_movement_advice(rest)) == (not rest)


def test_the_pain_limit_is_on_the_program_page_and_in_the_player(client, cast):
    build_program(cast)
    client.force_login(cast.patient)
    page = client.get(reverse("plans-program", args=[cast.record.pk])).content.decode()
    assert "How much pain is okay" in page and "5 out of 10" in page
    start = client.post(reverse("plans-session-start", args=[cast.record.pk]))
    player = client.get(start["Location"]).content.decode()
    assert "How much pain is okay" in player and "5 out of 10" in player


def test_somewhere_else_shows_the_local_emergency_number_not_another_countrys_lines(
    client, cast
):
    client.force_login(cast.patient)
    client.post(
        reverse("account-settings"), {"display_name": "Pat", "time_zone": "UTC", "country": "ZZ"}
    )
    page = client.get(reverse("crisis")).content.decode()
    assert "Call your local emergency number" in page and "tel:988" not in page


@pytest.mark.parametrize(("flare_days", "listed"), [(5, False), (t.LONG_FLARE_DAYS, True)])
def test_the_caseload_lists_a_long_flare_with_the_same_count_as_today(
    client, cast, flare_days, listed
):
    from pacewise.care.triage import triage
    from pacewise.today import state as plan_state

    _diary(cast, 21, flare_days)
    today_says = plan_state.load(cast.record).plan.flare_days
    [row] = triage(cast.sharing_clinician, [cast.record])
    reasons = [r.text for r in row.reasons if r.kind == "long_flare"]
    assert bool(reasons) == listed
    if listed:
        assert f"In a flare for {today_says} days" in reasons[0]
    client.force_login(cast.sharing_clinician)
    page = client.get(reverse("caseload")).content.decode()
    assert (f"In a flare for {flare_days + 1} days" in page) == listed
