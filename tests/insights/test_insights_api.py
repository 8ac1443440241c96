"""The insights API: findings, outlook and experiments."""

from cast import bearer
from pacewise.insights.models import Experiment


def url(cast, tail):
    return f"/api/patients/{cast.record.pk}/insights/{tail}"


def test_findings_carry_the_documented_fields(client, diary):
    rows = client.get(url(diary, "findings"), **bearer(diary.patient)).json()
    hit = next(r for r in rows if r["factor"] == "late coffee" and r["lag"] == 0)
    assert hit["significant"] and hit["direction"] == "raises"
    assert hit["ci_low"] <= 2.5 <= hit["ci_high"]
    assert set(hit) >= {"p", "q", "n", "message", "days_needed", "kind"}


def test_the_outlook_is_a_probability_with_reasons_once_earned_else_words(client, diary):
    from pacewise.insights import data

    body = client.get(url(diary, "outlook"), **bearer(diary.patient)).json()
    assert body["status"] in ("ok", "in_flare")
    if body["status"] == "ok":
        assert isinstance(body["reasons"], list)
        shown = data.flare_outlook(diary.record)
        assert body["earned"] == shown.earned and body["message"] == shown.message
        if body["earned"]:
            assert 0 < body["chance"] < 1 and "in 100" in body["message"]
        else:  # no number until it has beaten the person's usual rate on their own days
            assert body["chance"] is None and body["usual_chance"] is None
            assert "No number yet" in body["message"] and "in 100" not in body["message"]


def test_the_week_in_brief_matches_the_page(client, diary):
    from django.urls import reverse
    from django.utils.html import escape

    body = client.get(url(diary, "week"), **bearer(diary.patient)).json()
    assert body["logged_days"] >= 5 and 0 <= body["pain"] <= 10
    assert body["sentences"][0] == f"Logged on {body['logged_days']} of the last 7 days."
    client.force_login(diary.patient)
    page = client.get(reverse("insights-page", args=[diary.record.pk])).content.decode()
    assert all(escape(s) in page for s in body["sentences"])


def test_creating_an_experiment_returns_its_schedule_and_a_second_one_conflicts(client, cast):
    headers = bearer(cast.patient)
    first = client.post(url(cast, "experiments"), {"factor": "coffee", "pairs": 4},
                        content_type="application/json", **headers)  # fmt: skip
    assert first.status_code == 201
    body = first.json()
    assert len(body["blocks"]) == 8 and body["phase"] == "not_started"
    assert body["blocks"][0]["counted_days"] == 0 and body["blocks"][0]["pain"] is None
    assert body["result"]["status"] == "not_enough_data"
    second = client.post(url(cast, "experiments"), {"factor": "tea"},
                         content_type="application/json", **headers)  # fmt: skip
    assert second.status_code == 409 and set(second.json()) == {"detail", "errors"}
    assert Experiment.objects.count() == 1


def test_bad_input_names_the_field(client, cast):
    response = client.post(url(cast, "experiments"), {"factor": "", "block_days": 99},
                           content_type="application/json", **bearer(cast.patient))  # fmt: skip
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"factor", "block_days"}
