"""Secure messages between a person and the clinics they share with: one write path for the
web and the API.

- A thread is one person and one clinic. The person may write to any clinic they share with
  now; a clinician writes in the thread of the clinic through which they see the record.
- Text only, up to MAX_MESSAGE characters; nothing is edited or deleted (kept with the record).
- The other side is told by an email that says only "You have a new message in Pacewise": one
  email per unread batch, not one per message.
- The clinic may mark a thread answered (it leaves the caseload's list of unread threads); the
  person may stop the thread at any time (the clinic can no longer write in it) and start it
  again by writing.
- Messages are not for urgent help: every compose box says so with the crisis link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from pacewise.accounts.models import Clinic, Membership, Share, active_share
from pacewise.core.errors import RuleError
from pacewise.core.safety.crisis_words import SHOWN_HOURS, mentions_self_harm
from pacewise.core.text import text_problem

from .models import Message, Thread

MAX_MESSAGE = 2000


class MessageError(RuleError):
    """A message breaks a rule (``field``, ``message``)."""


@dataclass(frozen=True)
class Conversation:
    """One thread as its reader sees it."""

    clinic: Clinic
    thread: Thread | None  # None until the first message
    unread: int  # messages from the other side this reader has not read
    can_write: bool
    why_not: str  # why the reader cannot write, in words ("" when they can)

    @property
    def answered(self) -> bool:
        return bool(self.thread and self.thread.answered_at)

    @property
    def stopped(self) -> bool:
        return bool(self.thread and self.thread.stopped_at)


def _sharing(patient) -> set:
    return set(Share.objects.active().filter(patient=patient).values_list("clinic_id", flat=True))


def conversations(grant) -> list[Conversation]:
    """The person's threads (every clinic they share with, and earlier threads, read only), or
    the clinician's one thread with this person."""
    if not grant.is_owner:
        return [conversation(grant, grant.clinic.pk)]
    sharing = _sharing(grant.patient)
    threads = {
        t.clinic_id: t
        for t in Thread.objects.filter(patient=grant.patient)
        .select_related("clinic")
        .annotate(unread=Count("messages", filter=_unread_for(owner=True)))
    }
    clinics = {c.pk: c for c in Clinic.objects.filter(pk__in=sharing)}
    clinics.update({cid: t.clinic for cid, t in threads.items()})
    rows = [_conversation(grant, clinics[cid], threads.get(cid), cid in sharing) for cid in clinics]
    return sorted(rows, key=lambda c: (not c.can_write, c.clinic.name.lower()))


def conversation(grant, clinic_id) -> Conversation:
    """One thread for this reader; 404 when the clinic is not one they may talk with here."""
    if grant.is_owner:
        clinic = Clinic.objects.filter(pk=clinic_id).first()
        sharing = clinic is not None and clinic.pk in _sharing(grant.patient)
        thread = _thread(grant.patient, clinic) if clinic else None
        if clinic is None or not (sharing or thread):
            raise Http404("No such conversation.")
    else:
        clinic = _clinician_clinic(grant, clinic_id)
        thread, sharing = _thread(grant.patient, clinic), True
    if thread is not None:
        thread.unread = thread.messages.filter(_unread_for(grant.is_owner, prefix="")).count()
    return _conversation(grant, clinic, thread, sharing)


def _clinician_clinic(grant, clinic_id) -> Clinic:
    """A clinician talks for the clinic they see the record through, or for another clinic of
    theirs the person also shares with."""
    if str(clinic_id) == str(grant.clinic.pk):
        return grant.clinic
    clinic = Clinic.objects.filter(
        active_share("shares__"), pk=clinic_id, memberships__user=grant.user,
        shares__patient=grant.patient,
    ).first()  # fmt: skip
    if clinic is None:
        raise Http404("No such conversation.")
    return clinic


def _thread(patient, clinic) -> Thread | None:
    return Thread.objects.filter(patient=patient, clinic=clinic).first()


def _unread_for(owner: bool, prefix: str = "messages__") -> Q:
    """Messages from the other side that this side has not read."""
    return Q(**{f"{prefix}from_person": not owner, f"{prefix}read_at__isnull": True})


def _conversation(grant, clinic, thread, sharing: bool) -> Conversation:
    unread = getattr(thread, "unread", 0) if thread else 0
    if grant.is_owner:
        why = "" if sharing else f"You no longer share your record with {clinic.name}."
    elif thread and thread.stopped_at:
        why = f"{grant.patient.user.name} stopped this conversation; they can start it again."
    else:
        why = ""
    return Conversation(clinic, thread, unread, can_write=not why, why_not=why)


def messages_in(conv: Conversation) -> list[Message]:
    return list(conv.thread.messages.all()) if conv.thread else []


def mark_read(grant, conv: Conversation) -> int:
    """The reader has seen the other side's messages in this thread."""
    if conv.thread is None:
        return 0
    unread = conv.thread.messages.filter(_unread_for(grant.is_owner, prefix=""))
    return unread.update(read_at=timezone.now())


def send(grant, user, conv: Conversation, text: str) -> Message:
    """Write a message in the thread; the other side is told by email (once per unread batch)."""
    text = (text or "").strip()
    if not text:
        raise MessageError("text", "Write your message first.")
    if len(text) > MAX_MESSAGE:
        raise MessageError("text", f"Keep a message under {MAX_MESSAGE} characters "
                                   f"({len(text)} now); you can send a second one.")  # fmt: skip
    problem = text_problem(text)
    if problem:
        raise MessageError("text", f"The message {problem}.")
    if not conv.can_write:
        raise MessageError("text", conv.why_not)
    with transaction.atomic():
        thread = conv.thread or _get_or_create_thread(grant.patient, conv.clinic)
        waiting = thread.messages.filter(from_person=grant.is_owner, read_at__isnull=True).exists()
        message = thread.messages.create(
            from_person=grant.is_owner, author=user, signed=grant.signed, text=text,
            concern=grant.is_owner and mentions_self_harm(text),
        )  # fmt: skip
        if grant.is_owner:  # a new question: not answered, and no longer stopped
            thread.answered_at, thread.answered_by, thread.stopped_at = None, "", None
            thread.save(update_fields=["answered_at", "answered_by", "stopped_at"])
    if not waiting:
        _tell_other_side(grant, thread)
    return message


def _get_or_create_thread(patient, clinic) -> Thread:
    """The thread, created by whichever of two simultaneous first messages comes first."""
    try:
        with transaction.atomic():
            return Thread.objects.create(patient=patient, clinic=clinic)
    except IntegrityError:
        return Thread.objects.get(patient=patient, clinic=clinic)


def _tell_other_side(grant, thread: Thread) -> None:
    """An email that says only that there is a message: email is no place for health detail."""
    if grant.is_owner:
        emails = Membership.objects.filter(clinic=thread.clinic)
        recipients = sorted(set(emails.values_list("user__email", flat=True)))
        path = reverse("care-messages-thread", args=[thread.patient_id, thread.clinic_id])
    else:
        recipients = [thread.patient.user.email]
        path = reverse("care-messages", args=[thread.patient_id])
    if not recipients:
        return
    send_mail(
        subject="You have a new message in Pacewise",
        message=render_to_string("care/email/new_message.txt", {"url": settings.SITE_URL + path}),
        from_email=None,
        recipient_list=recipients,
    )


def mark_answered(grant, conv: Conversation) -> Thread:
    """The clinic has answered: the thread leaves the caseload's unread list."""
    thread = conv.thread
    if thread is None:
        raise MessageError("thread", "There is nothing to answer in this conversation yet.")
    mark_read(grant, conv)
    thread.answered_at, thread.answered_by = timezone.now(), grant.signed
    thread.save(update_fields=["answered_at", "answered_by"])
    return thread


def stop(conv: Conversation) -> Thread | None:
    """The person wants no more messages in this thread (writing again starts it again)."""
    thread = conv.thread
    if thread is not None and thread.stopped_at is None:
        thread.stopped_at = timezone.now()
        thread.save(update_fields=["stopped_at"])
    return thread


def unread_for_person(patient) -> int:
    """Messages from any clinic the person has not read: the count in their header."""
    return Message.objects.filter(
        thread__patient=patient, from_person=False, read_at__isnull=True
    ).count()


@dataclass(frozen=True)
class Waiting:
    """A thread where the person wrote last and the clinic has not marked it answered."""

    patient_id: object
    patient_name: str
    clinic: Clinic
    since: object  # when the person's latest message came
    unread: int  # of theirs, not yet opened by anyone in the clinic
    concern: bool = False  # a waiting message mentions ending their life or self-harm


def waiting_for_clinics(user) -> list[Waiting]:
    """Threads waiting for one of the user's clinics, oldest first (for the caseload): the
    person still shares with the clinic, wrote last, and nobody marked the thread answered."""
    threads = (
        Thread.objects.filter(
            active_share("clinic__shares__"),
            clinic__memberships__user=user,
            clinic__shares__patient=F("patient"),
            answered_at__isnull=True,
        )
        .select_related("clinic", "patient__user")
        .annotate(
            last_person=Max("messages__created_at", filter=Q(messages__from_person=True)),
            last_clinic=Max("messages__created_at", filter=Q(messages__from_person=False)),
            unread=Count("messages", filter=_unread_for(owner=False), distinct=True),
            concern=Count("messages", filter=Q(messages__from_person=True,
                                               messages__concern=True), distinct=True),
        )
        .distinct()
    )
    rows = [
        Waiting(t.patient_id, t.patient.user.name, t.clinic, t.last_person, t.unread,
                concern=bool(t.concern))  # fmt: skip
        for t in threads
        if t.last_person and (t.last_clinic is None or t.last_person > t.last_clinic)
    ]
    return sorted(rows, key=lambda w: (not w.concern, w.since))


def recent_concern(conv: Conversation) -> bool:
    """The person wrote about ending their life or self-harm in this thread in the last day:
    their thread page keeps the crisis lines at the top."""
    if conv.thread is None:
        return False
    since = timezone.now() - timedelta(hours=SHOWN_HOURS)
    return conv.thread.messages.filter(from_person=True, concern=True,
                                       created_at__gte=since).exists()  # fmt: skip
