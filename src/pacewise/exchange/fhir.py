"""Questionnaire results as a FHIR R4 Bundle, and our own check of its codes.

One `Bundle` of type "collection" holds the Patient (identifier only, a name
only when given), one Questionnaire per instrument used (so every linkId can be
read), and per completed form a QuestionnaireResponse plus Observations: the
total score, each subscale that has a LOINC code (PHQ-2), and each safety item
(PHQ-9 item 9) on its own, so that a receiving system can act on it without
parsing the form. Every Observation points back to its response (`derivedFrom`).

References inside the bundle are `urn:uuid:` full URLs; ids are derived from
our uuids (uuid5), so exporting the same data twice gives the same bundle.

fhir.resources has no R4 (4.0.1) module; its R4B models are structurally R4
for these resources, and we use them to validate the structure. They do not
check codes against value sets: `validate_codes` does that for what we emit.
The mapping table is in docs/exchange.md.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pacewise.core.instruments import Instrument, Item, Score
from pacewise.exchange.fhir_codes import (
    INTERPRETATION,
    LOINC,
    OBSERVATION_CATEGORY,
    ORDINAL_VALUE,
    UCUM,
    known_loinc_codes,
    loinc_check_digit,
    validate_codes,
)

__all__ = [
    "FhirPatientRef",
    "ResponseRecord",
    "known_loinc_codes",
    "loinc_check_digit",
    "questionnaire_bundle",
    "questionnaire_resource",
    "validate_codes",
]


@dataclass(frozen=True)
class FhirPatientRef:
    """Who the results are about: our patient uuid, and a name only if the person wants one sent."""

    id: uuid.UUID
    name: str | None = None


@dataclass(frozen=True)
class ResponseRecord:
    """One questionnaire: the answers as given and the score computed from them. ``score`` is
    None for a form that could not be scored but was kept for its safety answer: it goes out
    as a "stopped" response with the safety item's Observation and no total."""

    instrument: Instrument
    answers: Mapping[str, int | None]
    score: Score | None
    authored: datetime
    response_id: uuid.UUID


# ---------------------------------------------------------------- building


def questionnaire_bundle(
    patient: FhirPatientRef,
    responses: Sequence[ResponseRecord],
    *,
    base_url: str,
    include_questionnaires: bool = True,
) -> dict:
    """A FHIR R4 collection Bundle of these responses, validated, as a JSON-ready dict.

    Raises ValueError for a naive `authored`, a score of another instrument,
    answers that the instrument does not offer, or a `base_url` that is not http(s).
    """
    from fhir.resources.R4B.bundle import Bundle

    base = _base(base_url)
    patient_entry = _patient(patient, base)
    patient_ref = {"reference": patient_entry["fullUrl"]}
    entries = [patient_entry]
    if include_questionnaires:
        used = {r.instrument.id: r.instrument for r in responses}
        entries += [_entry(questionnaire_resource(i, base_url=base)) for i in used.values()]
        local = [i for i in used.values() if not i.loinc_total]
        if local:
            entries.append(_entry(scores_code_system(local, base)))
    for record in responses:
        _check(record)
        response = _response(record, base, patient_ref)
        entries.append(response)
        derived = {"reference": response["fullUrl"]}
        entries += [_entry(o) for o in _observations(record, base, patient_ref, derived)]
    bundle = Bundle.model_validate(
        {"resourceType": "Bundle", "type": "collection", "entry": entries}
    )
    return bundle.model_dump(mode="json", exclude_none=True)


def questionnaire_resource(instrument: Instrument, *, base_url: str) -> dict:
    """The instrument as a FHIR Questionnaire; `url|version` is what responses point to."""
    return {
        "resourceType": "Questionnaire",
        "id": instrument.id,
        "url": _questionnaire_url(instrument, _base(base_url)),
        "version": instrument.version,
        "name": re.sub(r"[^A-Za-z0-9_]", "", instrument.name) or instrument.id.upper(),
        "title": instrument.title,
        "status": "active",
        "subjectType": ["Patient"],
        "language": instrument.language,
        **({"code": [_loinc(instrument.loinc_panel)]} if instrument.loinc_panel else {}),
        "copyright": instrument.licence,
        "item": [_questionnaire_item(item, instrument) for item in instrument.items],
    }


def scores_code_system(instruments: Sequence[Instrument], base: str) -> dict:
    """Our own code system for totals without a verified LOINC code (e.g. the PEG's mean),
    sent in the bundle so that a receiver can read what each code means."""
    return {
        "resourceType": "CodeSystem",
        "id": "pacewise-scores",
        "url": f"{base}/fhir/CodeSystem/scores",
        "name": "PacewiseScores",
        "title": "Pacewise questionnaire total scores without a LOINC code",
        "status": "active",
        "content": "fragment",
        "caseSensitive": True,
        "description": (
            "Local codes for questionnaire totals that have no verified LOINC code. "
            "See docs/exchange.md in the Pacewise source."
        ),
        "concept": [
            {
                "code": f"{i.id}-total",
                "display": f"{i.name} total score",
                "definition": (
                    f"The {i.name} total: the {i.scoring} of its scored items, "
                    f"{_num(i.score_range[0])}-{_num(i.score_range[1])}. {i.citation}"
                ),
            }
            for i in instruments
        ],
    }


def _questionnaire_item(item: Item, instrument: Instrument) -> dict:
    # An item is required only if the instrument's own rule allows no blank: a form scored
    # with a prorated blank must still conform to the Questionnaire it points to.
    return {
        "linkId": item.id,
        **({"code": [_loinc(item.loinc)]} if item.loinc else {}),
        "text": item.text,
        "type": "choice",
        "required": item.scored and instrument.missing.max_missing == 0,
        "answerOption": [_answer_value(item, o.value) for o in item.options],
    }


def _patient(patient: FhirPatientRef, base: str) -> dict:
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "id": str(patient.id),
        "identifier": [{"system": f"{base}/patients", "value": str(patient.id)}],
    }
    if patient.name and patient.name.strip():
        resource["name"] = [{"text": patient.name.strip()}]
    return _entry(resource)


def _response(record: ResponseRecord, base: str, patient_ref: dict) -> dict:
    inst = record.instrument
    items = [
        {
            "linkId": item.id,
            "text": item.text,
            "answer": [_answer_value(item, record.answers[item.id])],
        }
        for item in inst.items
        if record.answers.get(item.id) is not None
    ]
    return _entry(
        {
            "resourceType": "QuestionnaireResponse",
            "id": str(record.response_id),
            "identifier": {
                "system": f"{base}/questionnaire-responses",
                "value": str(record.response_id),
            },
            "questionnaire": f"{_questionnaire_url(inst, base)}|{inst.version}",
            "status": "completed" if record.score is not None else "stopped",
            "subject": patient_ref,
            "authored": record.authored.isoformat(),
            "author": patient_ref,
            "source": patient_ref,
            "item": items,
        }
    )


def _answer_value(item: Item, value: int) -> dict:
    """valueCoding with the LOINC answer code when the option has one, else valueInteger."""
    option = next(o for o in item.options if o.value == value)
    if option.loinc is None:
        return {"valueInteger": value}
    coding = _loinc(option.loinc, display=option.text)
    # ordinalValue lets a receiver re-score the form without knowing LOINC answer lists.
    coding["extension"] = [{"url": ORDINAL_VALUE, "valueDecimal": value}]
    return {"valueCoding": coding}


def _observations(
    record: ResponseRecord, base: str, patient_ref: dict, derived: dict
) -> Iterator[dict]:
    inst, sc, rid = record.instrument, record.score, record.response_id

    def observation(key: str, code: dict, **fields: Any) -> dict:
        return {
            "resourceType": "Observation",
            "id": str(uuid.uuid5(rid, key)),
            "status": "final",
            "category": [_survey()],
            "code": code,
            "subject": patient_ref,
            "effectiveDateTime": record.authored.isoformat(),
            "performer": [patient_ref],
            "derivedFrom": [derived],
            **fields,
        }

    if sc is not None:
        yield observation("total", _total_code(inst, base), **_total_fields(inst, sc))
    for sub in sc.subscales if sc is not None else ():
        if sub.loinc_total:
            cut = inst.subscale(sub.id).positive_at
            verdict = "POS" if sub.positive_screen else "NEG"
            text = (
                f"{'Positive' if sub.positive_screen else 'Negative'} screen (positive at {cut}+)"
            )
            yield observation(
                f"subscale:{sub.id}",
                {"coding": [_loinc(sub.loinc_total)], "text": f"{sub.name} total score"},
                valueInteger=sub.total,
                interpretation=[_verdict(verdict, text)],
            )
    for item in inst.items:
        value = record.answers.get(item.id)
        if item.safety and item.loinc and value is not None:
            yield observation(f"item:{item.id}", _item_code(item), **_safety_fields(item, value))


def _total_code(inst: Instrument, base: str) -> dict:
    text = f"{inst.name} total score"
    if inst.loinc_total:
        return {"coding": [_loinc(inst.loinc_total)], "text": text}
    # No verified LOINC code (e.g. the PEG's mean score): our own code system, plainly named.
    return {
        "coding": [{"system": f"{base}/fhir/CodeSystem/scores", "code": f"{inst.id}-total"}],
        "text": text,
    }


def _total_fields(inst: Instrument, sc: Score) -> dict:
    fields: dict[str, Any]
    if inst.scoring == "sum" and float(sc.total).is_integer():
        fields = {"valueInteger": int(sc.total)}
    else:
        fields = {
            "valueQuantity": {
                "value": sc.total,
                "unit": "{score}",
                "system": UCUM,
                "code": "{score}",
            }
        }
    if sc.band:
        text = f"{sc.band.label} ({sc.band.min}-{sc.band.max} of 0-{_num(inst.score_range[1])})"
        fields["interpretation"] = [{"text": text}]
    notes = []
    if sc.prorated:
        notes.append(
            f"Prorated: {len(sc.missing_items)} item(s) left blank "
            f"({', '.join(sc.missing_items)}); {inst.missing.basis}"
        )
    if sc.safety_unanswered:
        notes.append(f"Safety item(s) left blank: {', '.join(sc.safety_unanswered)}.")
    if notes:
        fields["note"] = [{"text": n} for n in notes]
    return fields


def _item_code(item: Item) -> dict:
    return {"coding": [_loinc(item.loinc)], "text": item.short or item.text}


def _safety_fields(item: Item, value: int) -> dict:
    option = next(o for o in item.options if o.value == value)
    fields: dict[str, Any] = (
        {"valueCodeableConcept": {"coding": [_loinc(option.loinc, display=option.text)]}}
        if option.loinc
        else {"valueInteger": value}
    )
    if value > 0:
        kind = (item.safety or "safety").replace("_", "-")
        text = f"Positive {kind} item: answered '{option.text}'. Needs prompt follow-up."
        fields["interpretation"] = [_verdict("POS", text)]
    else:
        fields["interpretation"] = [_verdict("NEG", f"Answered '{option.text}'.")]
    return fields


def _verdict(code: str, text: str) -> dict:
    display = {"POS": "Positive", "NEG": "Negative"}[code]
    return {"coding": [{"system": INTERPRETATION, "code": code, "display": display}], "text": text}


def _survey() -> dict:
    return {"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}


def _loinc(code: str, display: str | None = None) -> dict:
    return {"system": LOINC, "code": code, **({"display": display} if display else {})}


def _entry(resource: dict) -> dict:
    rid = resource["id"]
    try:
        full_url = f"urn:uuid:{uuid.UUID(rid)}"
    except ValueError:
        full_url = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, resource.get('url', rid))}"
    return {"fullUrl": full_url, "resource": resource}


def _questionnaire_url(inst: Instrument, base: str) -> str:
    return f"{base}/fhir/Questionnaire/{inst.id}"


def _base(base_url: str) -> str:
    base = base_url.strip().rstrip("/")
    if not re.match(r"^https?://[^/\s]+", base):
        raise ValueError(f"base_url must be an http(s) URL, got {base_url!r}")
    return base


def _check(record: ResponseRecord) -> None:
    inst = record.instrument
    if record.authored.tzinfo is None or record.authored.utcoffset() is None:
        raise ValueError("authored must be an aware datetime (FHIR dateTime needs a zone)")
    if record.score is not None and record.score.instrument_id != inst.id:
        raise ValueError(f"a {record.score.instrument_id} score cannot go with a {inst.id} form")
    known = {i.id: i for i in inst.items}
    for item_id, value in record.answers.items():
        if item_id not in known:
            raise ValueError(f"{item_id!r} is not a question of the {inst.name}")
        if value is not None and value not in known[item_id].values:
            raise ValueError(f"{item_id}: {value!r} is not one of {known[item_id].values}")


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
