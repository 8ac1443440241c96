"""FHIR export of questionnaire results: structure (via fhir.resources R4B) and our code check."""

from __future__ import annotations

import copy
import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire

from pacewise.core.instruments import score
from pacewise.exchange.fhir import (
    LOINC,
    FhirPatientRef,
    ResponseRecord,
    known_loinc_codes,
    loinc_check_digit,
    questionnaire_bundle,
    validate_codes,
)
from pacewise.instruments import load_all

FIXTURES = Path(__file__).resolve().parents[3] / "shared/fixtures"
BASE = "https://clinic.example/pacewise"
PATIENT = FhirPatientRef(uuid.UUID("6f1c2a9e-58b4-4c1e-9a57-2f1f8f0f4d11"))
WHEN = datetime(2026, 3, 2, 9, 30, tzinfo=timezone(timedelta(hours=1)))
INSTRUMENTS = load_all()


def record(instrument_id: str, answers: dict, n: int) -> ResponseRecord:
    inst = INSTRUMENTS[instrument_id]
    return ResponseRecord(
        instrument=inst,
        answers=answers,
        score=score(inst, answers),
        authored=WHEN + timedelta(minutes=n),
        response_id=uuid.UUID(int=n + 1),
    )


PHQ9 = {f"phq9_{i}": v for i, v in enumerate([2, 2, 1, 3, 1, 1, 2, 0, 1], start=1)}
PHQ9["phq9_difficulty"] = 2
GAD7 = {f"gad7_{i}": v for i, v in enumerate([1, 2, 1, 1, 0, 2, 1], start=1)}
PEG = {"peg_1": 6, "peg_2": 5, "peg_3": 4}
RECORDS = [record("phq9", PHQ9, 0), record("gad7", GAD7, 1), record("peg", PEG, 2)]


@pytest.fixture(scope="module")
def bundle() -> dict:
    return questionnaire_bundle(PATIENT, RECORDS, base_url=BASE + "/")


def resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def observation(bundle: dict, loinc: str) -> dict:
    found = [
        o
        for o in resources(bundle, "Observation")
        if any(c["code"] == loinc for c in o["code"]["coding"])
    ]
    assert len(found) == 1, loinc
    return found[0]


def full_url(bundle: dict, resource: dict) -> str:
    return next(e["fullUrl"] for e in bundle["entry"] if e["resource"] is resource)


def test_bundle_reparses_as_a_fhir_collection(bundle):
    parsed = Bundle.model_validate(json.loads(json.dumps(bundle)))
    assert parsed.type == "collection"
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("Patient") == 1
    assert kinds.count("Questionnaire") == 3
    assert kinds.count("QuestionnaireResponse") == 3
    # totals for 3 forms, the PHQ-2 and PHQ-9 item 9
    assert kinds.count("Observation") == 5


def test_every_reference_resolves_inside_the_bundle(bundle):
    urls = {e["fullUrl"] for e in bundle["entry"]}
    assert len(urls) == len(bundle["entry"])
    refs = set(references(bundle))
    assert len(refs) == 4  # the patient and three responses
    assert refs <= urls


def references(node):
    if isinstance(node, dict):
        if "reference" in node:
            yield node["reference"]
        for value in node.values():
            yield from references(value)
    elif isinstance(node, list):
        for value in node:
            yield from references(value)


def test_patient_carries_our_identifier_and_no_name(bundle):
    (patient,) = resources(bundle, "Patient")
    assert patient["identifier"] == [{"system": f"{BASE}/patients", "value": str(PATIENT.id)}]
    assert "name" not in patient


def test_patient_name_only_when_given():
    named = FhirPatientRef(PATIENT.id, name="Sam Rivera")
    b = questionnaire_bundle(named, RECORDS[:1], base_url=BASE)
    assert resources(b, "Patient")[0]["name"] == [{"text": "Sam Rivera"}]


def test_response_is_completed_and_points_at_its_questionnaire(bundle):
    questionnaires = {q["url"]: q for q in resources(bundle, "Questionnaire")}
    for resp in resources(bundle, "QuestionnaireResponse"):
        assert resp["status"] == "completed"
        url, version = resp["questionnaire"].split("|")
        assert url in questionnaires and questionnaires[url]["version"] == version
        assert resp["authored"].endswith("+01:00")
        assert resp["identifier"]["system"] == f"{BASE}/questionnaire-responses"


def test_answers_use_loinc_answer_codes_else_integers(bundle):
    phq, _gad, peg = resources(bundle, "QuestionnaireResponse")
    items = {i["linkId"]: i["answer"][0] for i in phq["item"]}
    assert items["phq9_9"]["valueCoding"]["system"] == LOINC
    assert items["phq9_9"]["valueCoding"]["code"] == "LA6569-3"
    assert items["phq9_9"]["valueCoding"]["display"] == "Several days"
    assert items["phq9_4"]["valueCoding"]["code"] == "LA6571-9"
    assert items["phq9_difficulty"] == {"valueInteger": 2}
    assert [i["answer"][0] for i in peg["item"]] == [
        {"valueInteger": 6},
        {"valueInteger": 5},
        {"valueInteger": 4},
    ]


def test_totals_are_observations_with_their_loinc_codes(bundle):
    phq = observation(bundle, "44261-6")
    assert phq["valueInteger"] == 13
    assert phq["interpretation"][0]["text"].startswith("Moderate")
    gad = observation(bundle, "70274-6")
    assert gad["valueInteger"] == 8
    assert gad["interpretation"][0]["text"].startswith("Mild")
    peg = next(
        o for o in resources(bundle, "Observation") if o["code"]["text"] == "PEG total score"
    )
    assert peg["valueQuantity"]["value"] == 5.0
    assert peg["valueQuantity"]["unit"] == "{score}"
    assert peg["valueQuantity"]["system"] == "http://unitsofmeasure.org"


def test_phq9_item_9_is_its_own_observation_derived_from_the_response(bundle):
    item9 = observation(bundle, "44260-8")
    phq_response = resources(bundle, "QuestionnaireResponse")[0]
    assert item9["derivedFrom"] == [{"reference": full_url(bundle, phq_response)}]
    assert item9["valueCodeableConcept"]["coding"][0]["code"] == "LA6569-3"
    assert item9["interpretation"][0]["coding"][0]["code"] == "POS"


def test_every_observation_is_a_final_survey_about_the_patient(bundle):
    patient_url = full_url(bundle, resources(bundle, "Patient")[0])
    responses = {full_url(bundle, r) for r in resources(bundle, "QuestionnaireResponse")}
    for obs in resources(bundle, "Observation"):
        assert obs["status"] == "final"
        assert obs["category"][0]["coding"][0]["code"] == "survey"
        assert obs["subject"] == {"reference": patient_url}
        assert obs["effectiveDateTime"].startswith("2026-03-02T09:3")
        assert obs["derivedFrom"][0]["reference"] in responses


def test_same_data_gives_the_same_bundle():
    again = questionnaire_bundle(PATIENT, RECORDS, base_url=BASE)
    assert again == questionnaire_bundle(PATIENT, RECORDS, base_url=BASE + "/")


def test_naive_times_and_mismatched_scores_are_refused():
    naive = ResponseRecord(**{**RECORDS[0].__dict__, "authored": datetime(2026, 3, 2, 9)})
    with pytest.raises(ValueError, match="aware"):
        questionnaire_bundle(PATIENT, [naive], base_url=BASE)
    mixed = ResponseRecord(**{**RECORDS[0].__dict__, "score": RECORDS[1].score})
    with pytest.raises(ValueError, match="gad7 score"):
        questionnaire_bundle(PATIENT, [mixed], base_url=BASE)
    with pytest.raises(ValueError, match="base_url"):
        questionnaire_bundle(PATIENT, RECORDS, base_url="javascript:alert(1)")


def test_blank_items_are_left_out_and_noted_on_the_total():
    answers = {**PHQ9, "phq9_3": None, "phq9_9": None}
    rec = ResponseRecord(
        INSTRUMENTS["phq9"], answers, score(INSTRUMENTS["phq9"], answers), WHEN, uuid.uuid4()
    )
    b = questionnaire_bundle(PATIENT, [rec], base_url=BASE)
    linkids = [i["linkId"] for i in resources(b, "QuestionnaireResponse")[0]["item"]]
    assert "phq9_3" not in linkids and "phq9_9" not in linkids
    notes = " ".join(n["text"] for n in observation(b, "44261-6")["note"])
    assert "Prorated" in notes and "phq9_9" in notes
    assert all(
        c["code"] != "44260-8" for o in resources(b, "Observation") for c in o["code"]["coding"]
    )


# ---------------------------------------------------------------- against the official examples


def official(name: str) -> dict:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    return json.loads(path.read_text(encoding="utf-8"))


def test_our_phq9_questionnaire_matches_the_official_example(bundle):
    theirs = official("fhir-r4-core/Questionnaire-phq-9-questionnaire.json")
    ours = next(q for q in resources(bundle, "Questionnaire") if q["id"] == "phq9")
    Questionnaire.model_validate(theirs)
    assert [c["code"] for c in ours["code"]] == [c["code"] for c in theirs["code"]]
    their_items = {i["code"][0]["code"]: i for i in theirs["item"] if i["type"] == "choice"}
    our_items = {i["code"][0]["code"]: i for i in ours["item"]}
    # The official example leaves out item 9; every item it has, we have, with the same shape.
    assert set(their_items) <= set(our_items)
    assert set(our_items) - set(their_items) == {"44260-8"}
    for code, theirs_item in their_items.items():
        mine = our_items[code]
        assert mine["type"] == theirs_item["type"] == "choice"
        assert {"linkId", "code", "text", "type", "required"} <= set(mine) & set(theirs_item)
        assert mine["code"][0]["system"] == theirs_item["code"][0]["system"] == LOINC


def test_our_response_has_the_shape_of_the_sdc_phq9_example(bundle):
    theirs = official("fhir-sdc-phq9/questionnaireresponse-sdc-profile-example-PHQ9.json")
    ours = resources(bundle, "QuestionnaireResponse")[0]
    shared = {"resourceType", "questionnaire", "status", "subject", "authored", "author", "item"}
    assert shared <= set(theirs) & set(ours)
    their_answer = theirs["item"][0]["item"][0]["answer"][0]
    assert set(their_answer) == set(ours["item"][0]["answer"][0]) == {"valueCoding"}


# ---------------------------------------------------------------- our code check


def test_our_bundle_passes_the_code_check(bundle):
    assert validate_codes(bundle) == []


def test_every_shipped_loinc_term_code_has_a_valid_check_digit():
    codes = [c for c in known_loinc_codes(INSTRUMENTS.values()) if not c.startswith("LA")]
    assert "44261-6" in codes and len(codes) > 20
    for code in codes:
        number, digit = code.split("-")
        assert loinc_check_digit(number) == int(digit), code


def test_code_check_catches_a_wrong_check_digit(bundle):
    bad = copy.deepcopy(bundle)
    observation(bad, "44261-6")["code"]["coding"][0]["code"] = "44261-7"
    problems = validate_codes(bad)
    assert len(problems) == 1
    assert "44261-7 fails the check digit (did you mean 44261-6?)" in problems[0]


def test_code_check_catches_unknown_statuses(bundle):
    bad = copy.deepcopy(bundle)
    observation(bad, "70274-6")["status"] = "done"
    resources(bad, "QuestionnaireResponse")[1]["status"] = "final"
    problems = validate_codes(bad)
    assert len(problems) == 2
    joined = "\n".join(problems)
    assert "(Observation).status: 'done' is not an R4 Observation status" in joined
    assert "status: 'final' is not an R4 QuestionnaireResponse status" in joined


def test_code_check_catches_a_valid_but_unknown_loinc_code(bundle):
    bad = copy.deepcopy(bundle)
    # 2345-7 (glucose) is a real code with a correct check digit, but not one of ours.
    observation(bad, "70274-6")["code"]["coding"][0]["code"] = "2345-7"
    resources(bad, "QuestionnaireResponse")[0]["item"][0]["answer"][0]["valueCoding"]["code"] = (
        "LA9999-9"
    )
    problems = validate_codes(bad)
    assert len(problems) == 2
    assert all("is not used by any instrument we ship" in p for p in problems)
    assert validate_codes(bad, allowed_loinc={"2345-7", "LA9999-9"}) == []


def test_code_check_catches_bad_categories_and_malformed_codes(bundle):
    bad = copy.deepcopy(bundle)
    obs = observation(bad, "44260-8")
    obs["category"][0]["coding"][0]["code"] = "questionnaire"
    obs["code"]["coding"][0]["code"] = "44260"
    problems = validate_codes(bad)
    assert any("'questionnaire' is not an observation category" in p for p in problems)
    assert any("'44260' is not a LOINC code" in p for p in problems)


def test_code_check_reports_a_non_bundle():
    assert validate_codes({"resourceType": "Patient"}) == [
        "resourceType: expected 'Bundle', got 'Patient'"
    ]


def test_authored_in_utc_is_written_with_z():
    rec = ResponseRecord(**{**RECORDS[1].__dict__, "authored": datetime(2026, 1, 1, tzinfo=UTC)})
    b = questionnaire_bundle(PATIENT, [rec], base_url=BASE)
    assert resources(b, "QuestionnaireResponse")[0]["authored"] == "2026-01-01T00:00:00Z"
