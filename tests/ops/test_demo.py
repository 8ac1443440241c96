"""`pacewise demo`: a clinic, staff with two-factor set up, and patients with weeks of diary."""

from __future__ import annotations

import time
from datetime import date

import pytest
from allauth.mfa.utils import is_mfa_enabled
from django.core.management import CommandError, call_command
from django.test import override_settings

from pacewise.accounts.models import Clinic, Share, User
from pacewise.diary.days import today_for
from pacewise.diary.models import ActivitySession, CheckIn
from pacewise.ops.demo import PATIENTS, create_demo, current_code


@pytest.fixture
def demo(db):
    return create_demo(date(2026, 11, 25))


def test_demo_makes_a_clinic_staff_and_three_patients(demo):
    assert demo.created
    assert Clinic.objects.get().name == "Riverside Physio (demo)"
    staff = User.objects.filter(memberships__isnull=False)
    assert {u.email for u in staff} == {"admin@demo.example", "clinician@demo.example"}
    assert all(is_mfa_enabled(u) for u in staff)
    story = User.objects.filter(patient__isnull=False, email__in=[p.email for p in PATIENTS])
    assert story.count() == 3
    assert Share.objects.active().filter(patient__user__in=story).count() == 2
    shares = Share.objects.filter(patient__user__in=story)
    assert all(s.granted_at.date() == date(2026, 7, 28) for s in shares)


def test_demo_histories_span_four_months_with_gaps_and_flares(demo):
    alex = User.objects.get(email="alex@demo.example").patient
    days = sorted(set(CheckIn.objects.filter(patient=alex).values_list("local_date", flat=True)))
    assert days[0] >= date(2026, 7, 28)
    assert days[-1] < date(2026, 11, 25)
    assert (days[-1] - days[0]).days >= 110
    assert 80 <= len(days) < 120  # most days, not every day, as in real life
    kinds = set(CheckIn.objects.filter(patient=alex).values_list("kind", flat=True))
    assert kinds == {"morning", "full"}  # several entries on a day
    walks = ActivitySession.objects.filter(patient=alex, activity="walk")
    assert walks.exists() and all(w.minutes and w.sets is None for w in walks)
    assert CheckIn.objects.filter(in_flare=True).exists()
    assert all(0 <= c.pain_avg <= 10 for c in CheckIn.objects.exclude(pain_avg=None))


def test_demo_is_idempotent(demo):
    again = create_demo(date(2026, 11, 25))
    assert not again.created
    assert Clinic.objects.count() == 1


def test_demo_code_is_a_valid_current_totp_code(demo):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    user = User.objects.get(email="clinician@demo.example")
    code = current_code(user)
    assert len(code) == 6 and code.isdigit()
    assert TOTP(Authenticator.objects.get(user=user, type="totp")).validate_code(code)


@override_settings(DEBUG=False, PACEWISE_DEMO=False)
def test_demo_command_refuses_on_a_production_server(db):
    with pytest.raises(CommandError, match="PACEWISE_DEMO=1"):
        call_command("demo")


@override_settings(PACEWISE_DEMO=True)
def test_demo_command_prints_the_logins(db, capsys):
    call_command("demo")
    out = capsys.readouterr().out
    assert "alex@demo.example" in out and "clinician@demo.example" in out
    assert "demo-pacewise-2026" in out
    assert "./dev code clinician@demo.example" in out and "pacewise demo-code EMAIL" in out


def test_demo_code_refuses_real_accounts(cast):
    with pytest.raises(CommandError, match="not a demo account"):
        call_command("demo_code", cast.sharing_clinician.email)


def test_a_code_from_the_step_before_still_works_but_not_two_steps_back(demo):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    user = User.objects.get(email="clinician@demo.example")
    authenticator = Authenticator.objects.get(user=user, type="totp")
    secret = decrypt(authenticator.data["secret"])
    if time.time() % 30 > 28:  # do not straddle a step change within the test
        time.sleep(2)
    step = int(time.time()) // 30
    previous = format_hotp_value(hotp_value(secret, step - 1))
    too_old = format_hotp_value(hotp_value(secret, step - 3))
    assert TOTP(authenticator).validate_code(previous)
    assert not TOTP(Authenticator.objects.get(pk=authenticator.pk)).validate_code(too_old)


def test_demo_insights_find_the_tags_that_matter_and_not_the_others(demo):
    from pacewise.insights.data import own_findings

    named = {}
    for email in ("alex@demo.example", "sam@demo.example", "jordan@demo.example"):
        found = own_findings(User.objects.get(email=email).patient, end=date(2026, 11, 24))
        assert all(f.status == "tested" for f in found)  # four months: every factor is tested
        named[email] = {(f.factor, f.lag, f.direction) for f in found if f.significant}
    assert {("gardening", 1, "raises"), ("warm bath", 0, "lowers")} <= named["alex@demo.example"]
    assert ("late night", 1, "raises") in named["sam@demo.example"]
    assert ("long drive", 1, "raises") in named["jordan@demo.example"]
    tags_without_effect = {"coffee with friends", "cold weather"}
    assert not any(f in tags_without_effect for names in named.values() for f, _, _ in names)


def test_demo_people_have_a_finished_and_a_running_self_experiment(db):
    from django.utils import timezone

    from pacewise.core.insights.experiments import phase_on
    from pacewise.insights import data

    create_demo(timezone.localdate())  # experiments are dated from the day the demo is made
    alex = User.objects.get(email="alex@demo.example").patient
    sam = User.objects.get(email="sam@demo.example").patient
    [finished] = data.Experiment.objects.filter(patient=alex)
    assert finished.factor == "warm bath" and data.active_experiment(alex) is None
    result = data.experiment_result(finished)
    assert result.status == "ok" and result.pairs_used >= 5
    assert result.ci_high < 0 and result.p <= 0.05  # the bath really helps the demo Alex
    assert result.adherence > 0.8
    running = data.active_experiment(sam)
    assert running is not None and running.factor == "late night"
    assert phase_on(running.to_core(), today_for(sam)).status == "running"


def test_demo_tells_the_same_story_whatever_day_it_is_made(db):
    from pacewise.diary.models import Tag
    from pacewise.insights.data import own_findings

    create_demo(date(2027, 3, 3))  # another weekday, another season
    alex = User.objects.get(email="alex@demo.example").patient
    assert Tag.objects.filter(patient=alex).count() == 3
    assert 15 <= CheckIn.objects.filter(patient=alex, tags__name="gardening").count() <= 30
    found = own_findings(alex, end=date(2027, 3, 2))
    named = {(f.factor, f.lag, f.direction) for f in found if f.significant}
    assert {("gardening", 1, "raises"), ("warm bath", 0, "lowers")} <= named
