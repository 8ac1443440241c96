"""Everything out (GDPR Art. 15 and 20): one zip of the person's whole record, with a README.

Each part is written by the function that already owns it (the diary CSV, the FHIR Bundle,
the visit report); the rest is plain JSON or CSV, private entries decrypted for the person.
Built by the task worker (records.tasks); nothing here reads a clock but ``made_at``.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal

from django.db import models

from pacewise.accounts.models import AuditEvent, Share
from pacewise.care.models import ClinicalNote, Thread
from pacewise.diary.csv_exchange.export import export_diary
from pacewise.exchange.report import render_pdf
from pacewise.learn.models import FlareKit, Goal, JournalEntry, LessonRead, ThoughtRecord
from pacewise.outcomes.models import Response
from pacewise.outcomes.views import fhir_bundle
from pacewise.outcomes.visit_report import visit_report_data
from pacewise.plans.models import Onboarding, ProgramChange, ProgramItem

README = """Your Pacewise record
====================

Made on {made} for {name}. Everything Pacewise holds about you, in files any computer can
open. Keep it somewhere safe: it is health information.

diary.csv             Every check-in and every logged activity, oldest first (the same file
                      "Export my diary" gives; Pacewise can import it again).
questionnaires.csv    Every questionnaire you answered: when, which, your answers and score.
questionnaires.fhir.json
                      The same as a FHIR R4 Bundle, the format health records exchange.
visit-report.pdf      The one-to-two page summary of your last 12 weeks.
private/thought-records.json, private/practice-journal.json, private/flare-kit.json
                      Your private entries, decrypted for you (in Pacewise they are stored
                      encrypted; your care team saw one only if you shared it).
goals.json            Your goals and how they went.
lessons-read.json     Which lessons you read, and when.
program.json          Your exercise program, what you told us at setup, and every change to
                      it with who made it.
messages.json         Your conversations with the clinics you shared with.
notes-shared-with-me.json
                      Notes your clinicians chose to share with you. (Notes a clinic kept for
                      itself are the clinic's clinical record; ask them for a copy.)
sharing.json          Which clinics you shared with, and when sharing began and ended.
access-log.csv        Every time someone other than you opened or changed your record: who,
                      from which clinic, what and when.
"""


def build_zip(patient, made: datetime) -> tuple[bytes, list[str]]:
    """The zip's bytes and the names of the files in it."""
    buffer = io.BytesIO()
    names = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in _parts(patient, made):
            archive.writestr(name, content)
            names.append(name)
    return buffer.getvalue(), names


def _parts(patient, made: datetime):
    yield "README.txt", README.format(made=f"{made:%d %B %Y, %H:%M} UTC", name=patient.user.name)
    diary = io.StringIO(newline="")
    export_diary(patient, diary)
    yield "diary.csv", diary.getvalue()
    yield "questionnaires.csv", _questionnaires(patient)
    yield "questionnaires.fhir.json", _json(fhir_bundle(patient))
    yield "visit-report.pdf", render_pdf(visit_report_data(patient, []))
    yield "private/thought-records.json", _rows(ThoughtRecord.objects.filter(patient=patient))
    yield "private/practice-journal.json", _rows(JournalEntry.objects.filter(patient=patient))
    yield "private/flare-kit.json", _rows(FlareKit.objects.filter(patient=patient))
    yield "goals.json", _rows(Goal.objects.filter(patient=patient))
    yield "lessons-read.json", _rows(LessonRead.objects.filter(patient=patient))
    yield "program.json", _json({
        "setup": _values(Onboarding.objects.filter(patient=patient)),
        "exercises": _values(ProgramItem.objects.filter(patient=patient)),
        "changes": _values(ProgramChange.objects.filter(patient=patient)),
    })  # fmt: skip
    yield "messages.json", _json(_messages(patient))
    yield "notes-shared-with-me.json", _json([
        {"written": n.created_at, "by": n.signed, "text": n.text,
         "corrects_note_of": n.corrects.created_at if n.corrects else None}
        for n in ClinicalNote.objects.filter(patient=patient, shared=True)
        .select_related("corrects").order_by("created_at")
    ])  # fmt: skip
    yield "sharing.json", _json([
        {"clinic": s.clinic.name, "began": s.granted_at, "ended": s.ended_at,
         "care_ended_by": s.ended_by, "clinic_message": s.end_message}
        for s in Share.objects.filter(patient=patient).select_related("clinic")
        .order_by("granted_at")
    ])  # fmt: skip
    yield "access-log.csv", _access_log(patient)


def _questionnaires(patient) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["completed_at", "local_date", "questionnaire", "occasion", "score", "band",
                     "answers"])  # fmt: skip
    for r in Response.objects.filter(patient=patient).order_by("completed_at"):
        writer.writerow([r.completed_at.isoformat(), r.local_date, r.instrument_id, r.occasion,
                         "" if r.total is None else r.total, r.band,
                         json.dumps(r.answers, sort_keys=True)])  # fmt: skip
    return out.getvalue()


def _messages(patient) -> list[dict]:
    threads = Thread.objects.filter(patient=patient).select_related("clinic")
    return [
        {"clinic": t.clinic.name, "stopped_by_you": t.stopped_at,
         "messages": [{"at": m.created_at, "from": "you" if m.from_person else m.signed,
                       "text": m.text} for m in t.messages.all()]}
        for t in threads
    ]  # fmt: skip


def _access_log(patient) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["at", "who", "clinic", "action", "what", "via"])
    events = AuditEvent.objects.filter(patient=patient).select_related("clinic").order_by("at")
    for e in events.iterator(chunk_size=1000):
        writer.writerow([e.at.isoformat(), e.actor_label, e.clinic.name if e.clinic else "",
                         e.get_action_display(), e.what, e.via])  # fmt: skip
    return out.getvalue()


SKIPPED = {"patient", "program"}  # who it belongs to is the whole file's subject


def _values(rows) -> list[dict]:
    """Every stored field of each row (encrypted fields read back in the clear)."""
    out = []
    for row in rows:
        fields = [f for f in row._meta.concrete_fields if f.name not in SKIPPED]
        out.append({f.name: _plain(getattr(row, f.attname)) for f in fields})
    return out


def _rows(rows) -> str:
    return _json(_values(rows))


def _plain(value):
    if isinstance(value, models.Model):
        return str(value.pk)
    return value


def _json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=_default)


def _default(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return str(value)
