"""The insights page: trends with text alternatives, honest findings, outlook, boom-bust."""

import re

from django.urls import reverse

from pacewise.diary.days import today_for
from pacewise.insights import data
from pacewise.insights.charts import round_top
from pacewise.today import state as today_state
from pacewise.today.models import PacedActivity, PlanSetup


def page(client, cast, user=None):
    client.force_login(user or cast.patient)
    return client.get(reverse("insights-page", args=[cast.record.pk]))


def test_it_shows_the_planted_pattern_as_a_careful_sentence(client, diary):
    response = page(client, diary)
    text = response.content.decode()
    assert response.status_code == 200
    assert "On days you logged &#x27;late coffee&#x27;, your pain was on average" in text
    assert "This is a pattern, not proof of cause." in text
    assert "causes" not in text
    # the statistics stay in the details, for those who open them
    figures = r"<summary>The figures</summary>.*?tested: (q (?:&lt;|=) [0-9]+(?:\.[0-9]+)?)"
    q = re.search(figures, text, re.S).group(1)
    assert q == "q &lt; 0.001"  # not a rounded "q = 0.000", which would claim certainty


def test_every_chart_has_a_title_and_a_description_and_the_table_holds_the_figures(client, diary):
    text = page(client, diary).content.decode()
    charts = re.findall(r"<svg[^>]*aria-labelledby=\"([^\"]+)\"", text)
    assert len(charts) == 4
    for ids in charts:
        title, desc = ids.split()
        assert f'<title id="{title}">' in text and f'<desc id="{desc}">' in text
    assert "7-day average went from" in text
    assert '<th scope="col">Pain</th>' in text
    assert "Show the figures for each day" in text  # the table folds away on a phone


def test_the_movement_axis_ends_on_a_round_number_with_a_round_middle():
    assert [round_top(v) for v in (30, 33, 99, 264, 960)] == [40, 40, 120, 300, 1200]


def test_the_outlook_and_boom_bust_sections_speak_plainly(client, diary):
    text = page(client, diary).content.decode()
    assert "Flare outlook for the next two days" in text
    assert "chance of a flare in the next two days looks" in text
    assert "most days like this pass without a flare" in text
    assert "your usual amount" in text  # no plan stored: the person's usual is the reference


def test_the_last_7_days_are_summed_up_beside_the_week_before(client, diary):
    from django.utils.html import escape

    from pacewise.core.insights.week_brief import week_brief

    text = page(client, diary).content.decode()
    assert '<h2 id="week-brief-h">The last 7 days</h2>' in text
    today = today_for(diary.record)
    brief = week_brief(data.summaries(diary.record, 14), today, data.recent_plan(diary.record))
    assert brief.logged_days >= 5 and "the week before (" in brief.sentences[1]
    for sentence in brief.sentences:
        assert escape(sentence) in text


def test_a_new_person_sees_not_enough_data_instead_of_guesses(client, cast):
    text = page(client, cast).content.decode()
    assert "starts looking for patterns once the diary holds six weeks" in text
    assert "Logged on 1 of the last 7 days." in text  # the cast's one check-in
    assert "too few days logged in one of the two weeks to compare them" in text
    assert "about 42 more days" in text  # the cast has one check-in: no usable day yet
    assert "No clear patterns yet" not in text
    assert "Not enough recent entries for an outlook yet" in text
    assert "Not enough days yet to look for a boom-bust pattern" in text


def test_a_sharing_clinician_sees_the_page_without_the_start_form(client, diary):
    response = page(client, diary, diary.sharing_clinician)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Start a self-experiment" not in text
    name = diary.record.user.name
    assert f"The sentences below are written to {name}" in text


def test_a_sharing_clinician_finds_the_insights_from_the_record(client, diary):
    # the person has "Insights" in the menu; a clinician reaches it from the record
    client.force_login(diary.sharing_clinician)
    home = client.get(reverse("patient-home", args=[diary.record.pk])).content.decode()
    link = reverse("insights-page", args=[diary.record.pk])
    assert f'<a href="{link}">Insights: patterns, flare outlook and self-experiments</a>' in home


def test_with_a_plan_the_movement_chart_and_boom_bust_compare_with_the_plan(client, diary):
    patient = diary.record
    PlanSetup.objects.create(patient=patient)
    PacedActivity.objects.create(
        patient=patient, key="walking", label="Walking", starting_amount=20
    )
    today = today_state.load(patient)  # the plan the Today page shows
    quota = round(today.plan.target("walking").quota)
    text = page(client, diary).content.decode()
    assert '<polyline class="plan"' in text and 'class="usual"' not in text
    assert "The dashed line is the plan&#x27;s daily minutes" in text
    assert f"{quota} on the last day" in text
    assert '<th scope="col">Plan</th>' in text
    first_row = text.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert f"<td>{quota} min</td>" in first_row  # today's row, newest first
    pattern = data.boom_bust_pattern(patient)
    assert pattern.uses_plan and all(b.against_plan for b in pattern.booms)


def test_tags_that_describe_the_pain_itself_are_not_offered_as_triggers():
    """'flare' days have more pain by definition: an outcome, never a candidate trigger."""
    from datetime import date, timedelta

    import numpy as np

    from pacewise.core.insights.triggers import DailyTable, detect
    from pacewise.core.tag_kinds import describes_pain

    rng = np.random.default_rng(3)
    days = [date(2026, 1, 1) + timedelta(days=i) for i in range(120)]
    flare = rng.random(120) < 0.2
    pain = tuple(float(3 + 3 * f + rng.normal(0, 0.5)) for f in flare)
    marks = [float(f) for f in flare]
    table = DailyTable(tuple(days), pain, {"flare": marks, "Bad day": marks})
    assert detect(table) == []
    assert describes_pain("Flare-up") and not describes_pain("pain meds")
