"""Red-flag screening before and during the self-guided exercise program.

Pure: no Django, no clock. ``QUESTIONS`` lists each question with an id, plain wording
(grade 6-8) and an urgency; ``assess(answers)`` turns yes/no answers into a
``ScreeningResult``. Any "yes" stops the self-guided program until a clinician has
cleared the person (DESIGN §6); the result says how urgently to get care.

Urgency levels (sources in docs/evidence/exercise.md, CLINICAL.md §7):

* ``emergency`` - possible cauda equina syndrome or cervical artery problem: get
  emergency care now (Finucane et al., JOSPT 2020; NICE NG59; IFOMPT 2023).
* ``stop_exercising`` - chest pain, unusual breathlessness, dizziness or fainting,
  palpitations with activity: stop exercising and get medical help (ACSM guidance).
* ``urgent`` - possible serious pathology (cancer history with new pain, weight loss,
  fever, recent infection, intravenous drug use, immunosuppression, long-term steroids,
  trauma or osteoporosis with new pain, unrelenting night pain) or cervical myelopathy
  (clumsy hands, a change in walking): see a doctor within a day or two, before exercising
  again (Finucane et al., 2020; NICE NG59; IFOMPT cervical framework, Rushton et al. 2023).

What a pause allows at each level is decided in ``pacewise.core.safety.pause``.

This is a screen, not a diagnosis: a "yes" means "get checked", never "you have X".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

EMERGENCY = "emergency"
STOP_EXERCISING = "stop_exercising"
URGENT = "urgent"
#: Most urgent first: a result takes the most urgent level among its "yes" answers.
LEVELS = (EMERGENCY, STOP_EXERCISING, URGENT)


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    urgency: str
    group: str  # cauda_equina | cervical_artery | serious_pathology | myelopathy | heart


QUESTIONS: tuple[Question, ...] = (
    Question(
        "bladder_bowel",
        "New trouble passing urine or controlling your bladder or bowels, "
        "or not feeling when you need to go?",
        EMERGENCY,
        "cauda_equina",
    ),
    Question(
        "saddle_numbness",
        "New numbness or tingling between your legs, around your bottom or genitals?",
        EMERGENCY,
        "cauda_equina",
    ),
    Question(
        "leg_weakness",
        "Weakness or numbness in one or both legs that is getting worse quickly?",
        EMERGENCY,
        "cauda_equina",
    ),
    Question(
        "sexual_function",
        "New loss of feeling or function in sex, together with back pain?",
        EMERGENCY,
        "cauda_equina",
    ),
    Question(
        "neck_dizziness",
        "Neck pain together with dizziness, double vision or sudden falls?",
        EMERGENCY,
        "cervical_artery",
    ),
    Question(
        "neck_speech",
        "Neck pain together with trouble speaking or swallowing, or a numb face?",
        EMERGENCY,
        "cervical_artery",
    ),
    Question(
        "sudden_headache",
        "A sudden, very bad headache, the worst you have ever had?",
        EMERGENCY,
        "cervical_artery",
    ),
    Question(
        "chest_pain",
        "Pain, pressure or tightness in your chest when you are active?",
        STOP_EXERCISING,
        "heart",
    ),
    Question(
        "breathless",
        "Much more out of breath than usual for what you are doing?",
        STOP_EXERCISING,
        "heart",
    ),
    Question(
        "fainting",
        "Feeling faint, dizzy or passing out when you are active?",
        STOP_EXERCISING,
        "heart",
    ),
    Question(
        "palpitations",
        "A racing, pounding or uneven heartbeat when you are active?",
        STOP_EXERCISING,
        "heart",
    ),
    Question(
        "cancer_history",
        "Have you had cancer, and now have pain that is new or different?",
        URGENT,
        "serious_pathology",
    ),
    Question(
        "weight_loss",
        "Have you lost weight lately without trying?",
        URGENT,
        "serious_pathology",
    ),
    Question(
        "fever",
        "A fever, chills or feeling unwell together with your back or neck pain?",
        URGENT,
        "serious_pathology",
    ),
    Question(
        "recent_infection",
        "An infection or an operation in the last few weeks, and now new back or neck pain?",
        URGENT,
        "serious_pathology",
    ),
    Question(
        "drug_injection",
        "Have you ever injected drugs, and now have new back or neck pain?",
        URGENT,
        "serious_pathology",
    ),
    Question(
        "immune_weak",
        "A weak immune system, or medicine that lowers it, and new back or neck pain?",
        URGENT,
        "serious_pathology",
    ),
    Question(
        "steroids",
        "Have you taken steroid tablets for three months or more, and now have new pain?",
        URGENT,
        "serious_pathology",
    ),
    Question(
        "trauma",
        "A bad fall, accident or injury in the last few weeks?",
        URGENT,
        "serious_pathology",
    ),
    Question(
        "thin_bones",
        "Thin bones (osteoporosis) and new pain after a small bump or strain?",
        URGENT,
        "serious_pathology",
    ),
    Question(
        "night_pain",
        "Pain at night that never eases, whatever position you try?",
        URGENT,
        "serious_pathology",
    ),
    Question(
        "clumsy_hands",
        "Hands that have become clumsy, so you drop things or struggle with buttons?",
        URGENT,
        "myelopathy",
    ),
    Question(
        "walking_change",
        "A change in how you walk, so you feel unsteady or your legs feel stiff?",
        URGENT,
        "myelopathy",
    ),
)
BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}

HEADLINES = {
    EMERGENCY: "Please get emergency care now.",
    STOP_EXERCISING: "Please stop exercising and get medical help.",
    URGENT: "Please see a doctor soon, before you exercise again.",
}
ADVICE = {
    EMERGENCY: (
        "What you told us can be a sign of a problem with the nerves at the base of your "
        "spine, or with a blood vessel in your neck or head. These are rare, but they need "
        "to be checked the same day. Call your emergency number or go to an emergency department "
        "now. Do not wait to see if it passes."
    ),
    STOP_EXERCISING: (
        "Chest pain, fainting, a racing heart or being very out of breath during activity "
        "need a doctor's check before you exercise again. If it is happening now, or it does "
        "not settle with rest, call your emergency number."
    ),
    URGENT: (
        "What you told us is usually not serious, but a doctor should check it first. "
        "Please contact your doctor within the next day or two and tell them what you "
        "noticed. Gentle everyday moving about is fine unless they tell you otherwise."
    ),
}


class InvalidAnswers(ValueError):
    """Answers name an unknown question or are not plain yes/no (True/False)."""


@dataclass(frozen=True)
class ScreeningResult:
    positive: tuple[Question, ...]
    unanswered: tuple[str, ...]  # question ids with no answer (counted as "no")

    @property
    def stops_program(self) -> bool:
        return bool(self.positive)

    @property
    def level(self) -> str | None:
        """The most urgent level among the "yes" answers, or None when all were "no"."""
        found = {q.urgency for q in self.positive}
        return next((level for level in LEVELS if level in found), None)

    @property
    def headline(self) -> str:
        return HEADLINES[self.level] if self.level else "Thank you. Nothing here stops you."

    @property
    def advice(self) -> tuple[str, ...]:
        """One paragraph per level found, most urgent first."""
        found = {q.urgency for q in self.positive}
        return tuple(ADVICE[level] for level in LEVELS if level in found)

    @property
    def positive_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.positive)


def assess(answers: Mapping[str, bool]) -> ScreeningResult:
    """Any "yes" stops the self-guided program. Unknown ids or non-bool values raise
    ``InvalidAnswers``; a missing answer counts as "no" and is listed in ``unanswered``."""
    unknown = sorted(set(answers) - set(BY_ID))
    if unknown:
        raise InvalidAnswers(f"unknown question {unknown[0]!r}")
    for qid, value in answers.items():
        if not isinstance(value, bool):
            raise InvalidAnswers(f"{qid}: the answer must be true or false")
    positive = tuple(q for q in QUESTIONS if answers.get(q.id) is True)
    unanswered = tuple(q.id for q in QUESTIONS if q.id not in answers)
    return ScreeningResult(positive, unanswered)


def questions_by_urgency() -> dict[str, tuple[Question, ...]]:
    """Questions grouped by urgency level, most urgent first (for forms and docs)."""
    return {level: tuple(q for q in QUESTIONS if q.urgency == level) for level in LEVELS}
