"""Safety matrix, self-harm rows: PHQ-9 item 9 = 1, 2, 3 on a complete and on an unscoreable
form, through every surface: the web form and the API, the crisis screen and the result page,
the care-team email and caseload, the visit report and the FHIR export.

An unscoreable form has three of the eight other items blank (the PHQ-9 allows two).
"""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.urls import reverse

from cast import bearer
from pacewise.exchange.fhir import validate_codes
from pacewise.exchange.report import render_html
from pacewise.outcomes.models import Response, SafetyAlert
from pacewise.outcomes.views import fhir_bundle
from pacewise.outcomes.visit_report import visit_report_data

ITEM9_WORDS = {1: "Several days", 2: "More than half the days", 3: "Nearly every day"}
FORMS = ["complete", "unscoreable"]


def answers(item9: int, form: str) -> dict:
    blank = {2, 3, 4} if form == "unscoreable" else set()
    out = {f"phq9_{i}": (None if i in blank else 1) for i in range(1, 9)}
    return out | {"phq9_9": item9}


def web_data(item9: int, form: str) -> dict:
    return {k: str(v) for k, v in answers(item9, form).items() if v is not None}


def url(name, cast, **kwargs):
    return reverse(name, kwargs={"patient_id": cast.record.pk, **kwargs})


def _the_answer_is_kept(cast, item9, form):
    saved = Response.objects.get(patient=cast.record)
    assert saved.answers["phq9_9"] == item9
    assert saved.scored == (form == "complete")
    alert = SafetyAlert.objects.get(patient=cast.record)
    assert (alert.item_id, alert.value, alert.response_id) == ("phq9_9", item9, saved.pk)
    assert "sharer@harbour.example" in alert.emailed_to
    assert "doc@hilltop.example" not in alert.emailed_to
    assert len(mail.outbox) == 1 and "Pat" not in mail.outbox[0].body
    return saved, alert


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("item9", [1, 2, 3])
def test_web_form_keeps_the_answer_and_shows_the_crisis_screen(client, cast, item9, form):
    client.force_login(cast.patient)
    reply = client.post(url("outcomes-take", cast, instrument_id="phq9"), web_data(item9, form))
    saved, alert = _the_answer_is_kept(cast, item9, form)
    assert reply["Location"] == url("outcomes-safety", cast, alert_id=alert.pk)
    # every other page leads to the crisis screen until it is read
    assert client.get(url("outcomes-list", cast))["Location"] == reply["Location"]
    screen = client.get(reply["Location"]).content.decode()
    assert 'href="tel:988"' in screen and 'href="sms:741741?&amp;body=HOME"' in screen
    assert "We have told your care team" in screen
    assert ("could not work out a score" in screen) == (form == "unscoreable")
    client.post(reply["Location"])
    result = client.get(url("outcomes-result", cast, response_id=saved.pk)).content.decode()
    assert 'href="tel:988"' in result and "Your care team was told" in result
    assert ITEM9_WORDS[item9] in result
    if form == "unscoreable":
        assert "not scored" in result and "Answer the PHQ-9 again" in result
        # an unscored form does not count as done: the baseline PHQ-9 is still open
        listing = client.get(url("outcomes-list", cast)).content.decode()
        assert "Answer the PHQ-9" in listing


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("item9", [1, 2, 3])
def test_api_keeps_the_answer_and_returns_the_safety_block(client, cast, item9, form):
    reply = client.post(
        f"/api/patients/{cast.record.pk}/questionnaires/phq9/responses",
        json.dumps({"answers": answers(item9, form)}),
        content_type="application/json",
        **bearer(cast.patient),
    )
    saved, _ = _the_answer_is_kept(cast, item9, form)
    body = reply.json()
    assert reply.status_code == (201 if form == "complete" else 422)
    assert body["safety"]["care_team_alerted"] is True and body["safety"]["country"] == "US"
    hrefs = {link["href"] for line in body["safety"]["crisis_lines"] for link in line["links"]}
    assert {"tel:988", "sms:988", "tel:911"} <= hrefs
    assert body["response"]["id"] == str(saved.pk)
    if form == "unscoreable":
        assert body["response"]["total"] is None
        assert body["errors"][0]["field"] == "answers"
        assert "3 left blank" in body["errors"][0]["message"]


def test_a_form_broken_elsewhere_still_keeps_the_self_harm_answer(client, cast):
    """A tampered value on another item makes the form invalid; item 9 is still kept."""
    client.force_login(cast.patient)
    data = web_data(2, "complete") | {"phq9_1": "7"}
    reply = client.post(url("outcomes-take", cast, instrument_id="phq9"), data)
    saved, alert = _the_answer_is_kept(cast, 2, "unscoreable")
    assert "phq9_1" not in saved.answers and saved.answers["phq9_2"] == 1
    assert reply["Location"] == url("outcomes-safety", cast, alert_id=alert.pk)


def test_an_unscoreable_form_without_a_safety_answer_is_refused_and_nothing_is_saved(
    client, cast
):
    client.force_login(cast.patient)
    page = client.post(url("outcomes-take", cast, instrument_id="phq9"), web_data(0, "unscoreable"))
    assert page.status_code == 200 and "3 left blank" in page.content.decode()
    assert 'value="1"' in page.content.decode()  # what they answered is still on the form
    assert not Response.objects.exists() and not mail.outbox


@pytest.mark.parametrize("form", FORMS)
def test_the_care_team_sees_the_answer_in_caseload_report_and_fhir(client, cast, form):
    client.force_login(cast.patient)
    client.post(url("outcomes-take", cast, instrument_id="phq9"), web_data(3, form))
    client.force_login(cast.sharing_clinician)
    caseload = client.get(reverse("caseload")).content.decode()
    assert "“Nearly every day (3)”" in caseload
    assert ("left incomplete" in caseload) == (form == "unscoreable")

    report = render_html(visit_report_data(cast.record, []))
    assert "Safety questions" in report and "Nearly every day (3)" in report
    assert "The care team was told" in report

    bundle = fhir_bundle(cast.record)
    assert validate_codes(bundle) == []
    resources = [e["resource"] for e in bundle["entry"]]
    item9 = [r for r in resources if r["resourceType"] == "Observation"
             and r["code"]["coding"][0]["code"] == "44260-8"]
    assert len(item9) == 1 and item9[0]["interpretation"][0]["coding"][0]["code"] == "POS"
    qr = next(r for r in resources if r["resourceType"] == "QuestionnaireResponse")
    assert qr["status"] == ("completed" if form == "complete" else "stopped")
    totals = [r for r in resources if r["resourceType"] == "Observation"
              and r["code"]["coding"][0]["code"] == "44261-6"]
    assert len(totals) == (1 if form == "complete" else 0)


def _conforms(bundle) -> list[str]:
    """Each completed QuestionnaireResponse answers every required item of the Questionnaire
    it points to; every code from our local score system is defined in the bundle."""
    resources = [e["resource"] for e in bundle["entry"]]
    forms = {
        f"{r['url']}|{r['version']}": r for r in resources if r["resourceType"] == "Questionnaire"
    }
    defined = {
        c["code"]
        for r in resources
        if r["resourceType"] == "CodeSystem"
        for c in r["concept"]
    }
    problems = []
    for r in resources:
        if r["resourceType"] == "QuestionnaireResponse" and r["status"] == "completed":
            answered = {i["linkId"] for i in r["item"]}
            required = {i["linkId"] for i in forms[r["questionnaire"]]["item"] if i["required"]}
            problems += [f"{r['id']}: {m} required" for m in sorted(required - answered)]
        if r["resourceType"] == "Observation":
            for coding in r["code"]["coding"]:
                local = coding["system"].endswith("/fhir/CodeSystem/scores")
                if local and coding["code"] not in defined:
                    problems.append(f"{coding['code']} is not defined")
    return problems


def test_a_prorated_phq9_and_a_peg_conform_to_what_they_point_to(client, cast):
    client.force_login(cast.patient)
    prorated = web_data(0, "complete")
    del prorated["phq9_4"]  # one blank: scored, prorated
    client.post(url("outcomes-take", cast, instrument_id="phq9"), prorated)
    client.post(
        url("outcomes-take", cast, instrument_id="peg"),
        {"peg_1": "5", "peg_2": "4", "peg_3": "6"},
    )
    assert Response.objects.filter(prorated=True).count() == 1
    bundle = fhir_bundle(cast.record)
    assert validate_codes(bundle) == []
    assert _conforms(bundle) == []


def test_an_out_of_range_self_harm_value_is_kept_and_the_export_still_works(client, cast):
    """A tampered '7' on item 9: the alert keeps what was sent, the stored form stays valid."""
    client.force_login(cast.patient)
    data = web_data(1, "unscoreable") | {"phq9_9": "7"}
    client.post(url("outcomes-take", cast, instrument_id="phq9"), data)
    alert = SafetyAlert.objects.get()
    assert alert.value == 7
    assert Response.objects.get().answers["phq9_9"] == 3
    bundle = fhir_bundle(cast.record)
    assert validate_codes(bundle) == []
