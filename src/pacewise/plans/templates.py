"""Program templates a clinic saves and starts people from: one path for the web and the API.

- **Save**: a sharing clinician saves the person's current exercises and doses under a name
  for their clinic; nothing about the person goes with it.
- **Apply**: every exercise of the template that fits the person (their limits, equipment and
  what they avoid: ``programs.check_fits``) is added with the template's dose, or has its
  dose set if already there; one that does not fit is skipped and named with the reason.
  With ``replace``, exercises not in the template are removed. Every change is recorded with
  who made it, as any clinician change is, so the person sees it and can read why.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from pacewise.core.text import text_problem

from . import programs
from .models import ProgramItem, ProgramTemplate
from .programs import Actor, Dose, ProgramError

MAX_NAME = 80


@dataclass(frozen=True)
class Applied:
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...]  # (exercise name, why)

    def summary(self) -> str:
        """"Added: Sit to stand. Skipped: … (why)." — names joined by semicolons, since an
        exercise's name may hold a comma ("Knee rocks, lying down")."""
        parts = [
            f"{label}: {'; '.join(names)}."
            for label, names in (("Added", self.added), ("Dose set", self.changed),
                                 ("Removed", self.removed))  # fmt: skip
            if names
        ]
        if self.skipped:
            parts.append("Skipped: " + "; ".join(f"{n} ({why})" for n, why in self.skipped) + ".")
        return " ".join(parts) or "Nothing to change."


def for_clinic(clinic):
    return ProgramTemplate.objects.filter(clinic=clinic)


def save(grant, name: str) -> ProgramTemplate:
    name = " ".join((name or "").split())
    if not name:
        raise ProgramError("name", "Give the template a name, e.g. “Knee OA start”.")
    if len(name) > MAX_NAME or text_problem(name):
        raise ProgramError("name", f"Use a plain name under {MAX_NAME} characters.")
    program = programs.program_for(grant.patient)
    items = list(programs.active_items(program)) if program else []
    if not items:
        raise ProgramError("name", "There are no exercises in this program to save.")
    rows = [
        {"exercise_id": i.exercise_id, "sessions_per_week": i.sessions_per_week,
         "sets": i.sets, "reps": i.reps, "minutes": i.minutes}
        for i in items
    ]  # fmt: skip
    try:
        with transaction.atomic():
            return ProgramTemplate.objects.create(
                clinic=grant.clinic, name=name, items=rows, created_by=grant.signed
            )
    except IntegrityError as exc:
        raise ProgramError("name", f"{grant.clinic.name} already has a template "
                                   f"called “{name}”.") from exc  # fmt: skip


def template_for(grant, template_id) -> ProgramTemplate:
    found = ProgramTemplate.objects.filter(pk=template_id, clinic=grant.clinic).first()
    if found is None:
        raise ProgramError("template", "Choose one of your clinic's templates.")
    return found


@transaction.atomic
def apply(grant, template: ProgramTemplate, actor: Actor, *, replace: bool) -> Applied:
    program = programs.program_for(grant.patient)
    if program is None:
        raise ProgramError("template", "The person has not set up a program yet; a template "
                                       "starts from their answers at setup.")  # fmt: skip
    current = {i.exercise_id: i for i in programs.active_items(program)}
    added, changed, skipped = [], [], []
    for row in template.items:
        exercise_id = row["exercise_id"]
        name = programs.exercise_name(exercise_id)
        dose = Dose(row["sessions_per_week"], row.get("sets"), row.get("reps"),
                    row.get("minutes"))  # fmt: skip
        if exercise_id in current:
            programs.set_dose(current[exercise_id], dose, actor)
            changed.append(name)
            continue
        try:
            programs.add(program, exercise_id, dose, actor)
        except ProgramError as exc:
            skipped.append((name, exc.message.removeprefix("This exercise does not fit: ")
                            .rstrip(".")))  # fmt: skip
        else:
            added.append(name)
    removed = []
    if replace:
        keep = {row["exercise_id"] for row in template.items}
        for exercise_id, item in current.items():
            if exercise_id not in keep:
                programs.remove(item, actor)
                removed.append(programs.exercise_name(exercise_id))
    return Applied(tuple(added), tuple(changed), tuple(removed), tuple(skipped))


def describe(template: ProgramTemplate) -> list[str]:
    """Each exercise with its dose in words, for the lists of templates."""
    out = []
    library = programs.library()
    for row in template.items:
        known = row["exercise_id"] in library
        each_side = library.get(row["exercise_id"]).dose.each_side if known else False
        item = ProgramItem(
            exercise_id=row["exercise_id"], category="", sessions_per_week=row["sessions_per_week"],
            sets=row.get("sets"), reps=row.get("reps"), minutes=row.get("minutes"), bouts=1,
            each_side=each_side, for_conditions=[],
        )  # fmt: skip
        out.append(f"{programs.exercise_name(row['exercise_id'])}: {programs.dose_text(item)}, "
                   f"{programs.days_text(row['sessions_per_week'])}")  # fmt: skip
    return out
