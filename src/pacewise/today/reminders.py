"""Reminders the person shapes (core.reminders decides which are due): storing their wishes,
what counts as done today, and sending the due ones by email with a one-tap "not today".

Sent by ``pacewise send-reminders`` (cron every 10 minutes; README), which also sends the
questionnaire emails (outcomes.reminders).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from pacewise.core import reminders as rules
from pacewise.core.errors import RuleError
from pacewise.core.localtime import local_date_at
from pacewise.diary.models import ActivitySession, CheckIn

from . import push
from . import state as plan_state
from .models import (
    PushSubscription,
    ReminderSent,
    ReminderSkip,
    ReminderWishes,
    ReviewDecision,
)

HISTORY_DAYS = 21  # enough to count unanswered reminders before spacing out
SKIP_SALT = "pacewise.reminders.not-today"
SKIP_VALID = timedelta(days=2)


class ReminderError(RuleError):
    """A reminder setting breaks a rule (``field`` names it)."""


def wishes_for(patient) -> rules.Wishes:
    row = ReminderWishes.objects.filter(patient=patient).first()
    return rules.wishes_or_defaults(row.wishes if row else None)


def save_wishes(patient, kinds: dict[str, tuple[bool, time | None]], quiet) -> rules.Wishes:
    """Store which reminders are on and when (``kinds``: kind -> (on, at)), and quiet hours
    (``quiet``: (from, until), both or neither)."""
    start, end = quiet
    if (start is None) != (end is None):
        raise ReminderError("quiet_until" if end is None else "quiet_from",
                            "give both ends of the quiet hours, or neither")  # fmt: skip
    stored: dict = {"kinds": {}, "quiet": [t.isoformat("minutes") if t else None
                                           for t in (start, end)]}  # fmt: skip
    for kind in rules.KINDS:
        on, at = kinds.get(kind, (False, None))
        if on and at is None:
            raise ReminderError(f"{kind}_at", "give a time for this reminder")
        at = at or rules.DEFAULT_TIMES[kind]
        stored["kinds"][kind] = {"on": bool(on), "at": at.isoformat("minutes")}
    ReminderWishes.objects.update_or_create(patient=patient, defaults={"wishes": stored})
    return rules.wishes_or_defaults(stored)


def done_days(patient, first: date, last: date) -> dict[str, set[date]]:
    """The days from ``first`` to ``last`` on which the person did what each reminder is for
    (a morning check-in, an evening or flare-day one, any movement, a weekly review answer)."""
    checkins = CheckIn.objects.filter(patient=patient, local_date__range=(first, last),
                                      deleted_at__isnull=True)  # fmt: skip
    morning = checkins.filter(Q(kind="morning") | Q(morning_pain__isnull=False))
    moved = ActivitySession.objects.filter(patient=patient, local_date__range=(first, last),
                                           deleted_at__isnull=True)  # fmt: skip
    reviews = ReviewDecision.objects.filter(patient=patient, decided_at__date__range=(first, last))
    return {
        "morning": set(morning.values_list("local_date", flat=True)),
        "evening": set(checkins.filter(kind__in=("full", "flare"))
                       .values_list("local_date", flat=True)),
        "bouts": set(moved.values_list("local_date", flat=True)),
        "weekly_review": {d.date() for d in reviews.values_list("decided_at", flat=True)},
    }  # fmt: skip


def done_on(patient, kind: str, day: date) -> bool:
    return day in done_days(patient, day, day)[kind]


def needed(patient, kind: str, day: date) -> bool:
    """Is this reminder useful today: not done yet, and (bouts) a plan with movement asked
    for today, (weekly review) a review waiting for an answer?"""
    if done_on(patient, kind, day):
        return False
    if kind in ("bouts", "weekly_review"):
        state = plan_state.load(patient, day)
        if kind == "bouts":
            return state.set_up and any(x.asked_today and x.target > 0 for x in state.shown)
        offer = plan_state.offer_for(state)
        return offer is not None and plan_state.decision_for(patient, offer) is None
    return True


def history(patient, today: date) -> list[rules.Sent]:
    """The reminders sent in the last weeks, each answered or not (done that day, or "not
    today"), read in a fixed number of queries."""
    since = today - timedelta(days=HISTORY_DAYS)
    skipped = set(
        ReminderSkip.objects.filter(patient=patient, local_date__gte=since).values_list(
            "local_date", flat=True)
    )  # fmt: skip
    done = done_days(patient, since, today)
    return [
        rules.Sent(s.kind, s.local_date, s.local_date in skipped or s.local_date in done[s.kind])
        for s in ReminderSent.objects.filter(patient=patient, local_date__gte=since)
    ]


def due_for(patient, now: datetime) -> list[rules.Due]:
    wishes = wishes_for(patient)
    if not any(w.on for w in wishes.wishes):
        return []
    zone = patient.user.time_zone
    day = local_date_at(now, zone)  # the person's day where they are now
    skipped = ReminderSkip.objects.filter(patient=patient, local_date=day).exists()
    candidates = rules.due(wishes, zone, now, history(patient, day),
                           needed=set(rules.KINDS), skipped_today=skipped)  # fmt: skip
    return [d for d in candidates if needed(patient, d.kind, d.day)]


def not_today_token(patient, day: date) -> str:
    return signing.dumps({"p": str(patient.pk), "d": day.isoformat()}, salt=SKIP_SALT)


def read_not_today(token: str) -> tuple[str, date] | None:
    try:
        data = signing.loads(token, salt=SKIP_SALT, max_age=SKIP_VALID)
    except signing.BadSignature:
        return None
    return data["p"], date.fromisoformat(data["d"])


def skip_day(patient, day: date) -> None:
    ReminderSkip.objects.get_or_create(patient=patient, local_date=day)


WORDS = {
    "morning": ("Good morning", "A check-in takes under a minute, whenever suits you.",
                "diary-checkin", {"kind": "morning"}),
    "evening": ("How was today?", "A check-in takes under a minute, whenever suits you.",
                "diary-checkin", {"kind": "full"}),
    "bouts": ("Movement for today", "Today's plan has a few minutes of movement waiting, "
              "whenever suits you. A few minutes count.", "today", {}),
    "weekly_review": ("Your weekly review is ready", "A short look back at your week, and "
                      "the plan for the next one.", "today-review", {}),
}  # fmt: skip


def send_due(now: datetime | None = None) -> int:
    """Email every reminder due at ``now`` (default: this instant). Returns emails sent."""
    now = now or timezone.now()
    wanting = ReminderWishes.objects.select_related("patient__user").filter(
        patient__user__is_active=True)  # fmt: skip
    sent = 0
    for row in wanting:
        for reminder in due_for(row.patient, now):
            sent += _send(row.patient, reminder)
    return sent


def _send(patient, reminder: rules.Due) -> int:
    try:
        with transaction.atomic():  # at most one of a kind a day, however often cron runs
            ReminderSent.objects.create(patient=patient, kind=reminder.kind,
                                        local_date=reminder.day)  # fmt: skip
    except IntegrityError:
        return 0
    title, words, page, kwargs = WORDS[reminder.kind]
    site = settings.SITE_URL
    context = {
        "user": patient.user, "title": title, "words": words,
        "url": site + reverse(page, kwargs={"patient_id": patient.pk, **kwargs}),
        "not_today": site + reverse("reminders-not-today",
                                    args=[not_today_token(patient, reminder.day)]),
        "settings_url": site + reverse("today-reminders", args=[patient.pk]),
        "spacing": reminder.spacing_words,
    }  # fmt: skip
    if not _pushed(patient, reminder, context):  # email when no phone took it
        send_mail(
            subject=f"[Pacewise] {title}",
            message=render_to_string("today/email/reminder.txt", context),
            from_email=None,
            recipient_list=[patient.user.email],
        )
    return 1


def _pushed(patient, reminder: rules.Due, context: dict) -> bool:
    """Send as a notification to every phone the person turned notifications on for; True
    when at least one push service accepted it."""
    subscriptions = list(PushSubscription.objects.filter(patient=patient))
    if not subscriptions:
        return False
    token = not_today_token(patient, reminder.day)
    payload = {
        "title": context["title"],
        "body": " ".join(w for w in (context["words"], context["spacing"]) if w),
        "url": context["url"],
        "notToday": reverse("reminders-not-today-quiet", args=[token]),
        "tag": f"pacewise-{reminder.kind}",
    }
    return any([push.send(s, payload) for s in subscriptions])
