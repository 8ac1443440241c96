"""Clinical notes: one write path for the web and the API.

A note is written by a clinician of a clinic the person shares with, signed with their name,
role and clinic, and never changed: a correction is an addendum that points at the note it
corrects. A clinic reads its own notes; the person reads the notes a clinician shared.
"""

from __future__ import annotations

from pacewise.core.errors import RuleError

from .models import ClinicalNote

MAX_NOTE = 5000


class NoteError(RuleError):
    """A note breaks a rule (``field``, ``message``)."""


def visible_notes(grant):
    """The notes this reader may see, newest first, each with its addenda."""
    notes = ClinicalNote.objects.filter(patient=grant.patient).select_related("corrects")
    if grant.is_owner:
        return notes.filter(shared=True)
    return notes.filter(clinic=grant.clinic)


def add_note(grant, user, text: str, *, shared: bool, corrects_id=None) -> ClinicalNote:
    text = (text or "").strip()
    if not text:
        raise NoteError("text", "Write the note first.")
    if len(text) > MAX_NOTE:
        raise NoteError("text", f"Keep a note under {MAX_NOTE} characters ({len(text)} now).")
    corrects = None
    if corrects_id is not None:
        corrects = ClinicalNote.objects.filter(
            pk=corrects_id, patient=grant.patient, clinic=grant.clinic
        ).first()
        if corrects is None:
            raise NoteError("corrects", "That note is not on this record.")
    return ClinicalNote.objects.create(
        patient=grant.patient, clinic=grant.clinic, author=user,
        signed=grant.signed, text=text, shared=shared, corrects=corrects,
    )  # fmt: skip


def report_lines(grant, start) -> list[str]:
    """The clinic's notes since ``start``, oldest first, for the clinic's visit report:
    "7 Dec 2026 · Name, Role, Clinic: text" (a correction says so)."""
    rows = visible_notes(grant).filter(created_at__date__gte=start).order_by("created_at")
    out = []
    for n in rows:
        fix = " (correction)" if n.corrects_id else ""
        out.append(f"{n.created_at:%d %b %Y} · {n.signed}{fix}: {n.text}")
    return out
