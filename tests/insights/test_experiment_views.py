"""Starting, following and stopping a self-experiment on the web."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from pacewise.diary.models import CheckIn
from pacewise.insights.models import Experiment


def start(client, cast, factor="late coffee", block_days=4):
    client.force_login(cast.patient)
    return client.post(reverse("insights-experiment-start", args=[cast.record.pk]),
                       {"factor": factor, "block_days": block_days})  # fmt: skip


def test_starting_stores_a_seeded_balanced_schedule_from_tomorrow(client, cast):
    response = start(client, cast)
    exp = Experiment.objects.get(patient=cast.record)
    assert response.status_code == 302 and str(exp.pk) in response["Location"]
    assert exp.start == timezone.localdate() + timedelta(days=1)
    assert len(exp.with_first) == 6 and exp.block_days == 4
    assert exp.to_core().blocks()[0][2] is exp.with_first[0]


def test_the_schedule_page_lists_every_phase_and_what_it_can_show(client, cast):
    start(client, cast)
    exp = Experiment.objects.get(patient=cast.record)
    text = client.get(reverse("insights-experiment", args=[cast.record.pk, exp.pk])).content
    text = text.decode()
    assert "<th scope=\"col\">'late coffee'</th>" in text
    assert text.count("<td>With</td>") == 6 and text.count("<td>Without</td>") == 6
    assert "What it can show" in text and "cannot show" in text
    end = exp.start + timedelta(days=47)
    assert f"The result comes when the experiment ends on {end:%-d %b}." in text
    assert "So far 0 of 6 pairs of phases have enough days logged to compare." in text


def test_one_experiment_at_a_time(client, cast):
    start(client, cast)
    response = start(client, cast, factor="gardening")
    assert response.status_code == 302
    assert Experiment.objects.filter(patient=cast.record).count() == 1


def test_the_home_today_and_insights_pages_show_the_phase(client, cast):
    exp = Experiment.objects.create(patient=cast.record, factor="late coffee",
                                    start=timezone.localdate(), seed=1,
                                    with_first=[True] * 6)  # fmt: skip
    client.force_login(cast.patient)
    home = client.get(reverse("patient-home", args=[cast.record.pk])).content.decode()
    assert "Self-experiment: block 1 of 12, days with &#x27;late coffee&#x27;" in home
    insights = client.get(reverse("insights-page", args=[cast.record.pk])).content.decode()
    assert "block 1 of 12" in insights and str(exp.pk) in insights
    today = client.get(reverse("today", args=[cast.record.pk])).content.decode()
    assert "Self-experiment: block 1 of 12, days with &#x27;late coffee&#x27;" in today


def test_stopping_keeps_the_record_and_frees_the_slot(client, cast):
    start(client, cast)
    exp = Experiment.objects.get(patient=cast.record)
    client.post(reverse("insights-experiment-stop", args=[cast.record.pk, exp.pk]))
    exp.refresh_from_db()
    assert exp.stopped_on == timezone.localdate()
    start(client, cast, factor="gardening")
    assert Experiment.objects.filter(patient=cast.record).count() == 2


def test_a_blank_factor_is_refused(client, cast):
    start(client, cast, factor="   ")
    assert not Experiment.objects.exists()


def test_earlier_experiments_are_listed_with_their_dates_and_a_link_to_the_result(client, cast):
    today = timezone.localdate()
    done = Experiment.objects.create(patient=cast.record, factor="warm bath",
                                     start=today - timedelta(days=60), seed=1,
                                     with_first=[True] * 6)  # fmt: skip
    stopped = Experiment.objects.create(patient=cast.record, factor="late coffee",
                                        start=today - timedelta(days=9), seed=2,
                                        with_first=[False] * 6,
                                        stopped_on=today - timedelta(days=2))  # fmt: skip
    client.force_login(cast.patient)
    text = client.get(reverse("insights-page", args=[cast.record.pk])).content.decode()
    assert "Earlier experiments" in text
    end = done.start + timedelta(days=47)
    assert f"'warm bath', {done.start:%-d %b} to {end:%-d %b %Y}: the result" in text
    assert f"to {stopped.stopped_on:%-d %b %Y} (stopped early): the result" in text
    assert reverse("insights-experiment", args=[cast.record.pk, done.pk]) in text


def test_a_named_pattern_links_to_an_experiment_form_filled_in_with_it(client, diary):
    client.force_login(diary.patient)
    page_url = reverse("insights-page", args=[diary.record.pk])
    text = client.get(page_url).content.decode()
    assert '<a href="?test=late%20coffee#experiment-h">Test \'late coffee\' with' in text
    filled = client.get(page_url, {"test": "late coffee"}).content.decode()
    assert 'maxlength="60" required value="late coffee">' in filled
    client.force_login(diary.sharing_clinician)  # a clinician reads, but starts nothing
    assert "with a self-experiment</a>" not in client.get(page_url).content.decode()



def test_the_schedule_shows_each_phase_s_average_pain_once_it_has_enough_days(client, cast):
    today = timezone.localdate()
    exp = Experiment.objects.create(patient=cast.record, factor="warm bath",
                                    start=today - timedelta(days=10), seed=1,
                                    with_first=[True, False, True])  # fmt: skip
    blocks = exp.to_core().blocks()
    for k in range(4):  # phase 1: pain 3 on its counted days (the first day is not counted)
        CheckIn.objects.create(patient=cast.record, local_date=blocks[0][0] + timedelta(days=k),
                               pain_avg=9 if k == 0 else 3)  # fmt: skip
    CheckIn.objects.create(patient=cast.record, local_date=blocks[1][0] + timedelta(days=1),
                           pain_avg=6)  # fmt: skip
    client.force_login(cast.patient)
    text = client.get(reverse("insights-experiment", args=[cast.record.pk, exp.pk])).content
    text = text.decode()
    assert '<th scope="col">Pain</th>' in text and "your average over a phase" in text
    assert '<td>3.0 <span class="hint">(3 days)</span></td>' in text
    assert "1 of 3 days logged: too few to count" in text  # phase 2 is over
    assert "of 3 days logged so far" in text  # phase 3 is running (today)
    assert text.count("not yet") == 3


def test_phase_dates_are_short_enough_for_a_phone(client, cast):
    exp = Experiment.objects.create(patient=cast.record, factor="tea", start=date(2026, 10, 30),
                                    seed=1, with_first=[True, False])  # fmt: skip
    client.force_login(cast.patient)
    text = client.get(reverse("insights-experiment", args=[cast.record.pk, exp.pk])).content
    assert "30 Oct – 2 Nov</td>" in text.decode() and ">3–6 Nov</td>" in text.decode()


def test_phases_after_a_stop_say_so_instead_of_waiting(client, cast):
    today = timezone.localdate()
    exp = Experiment.objects.create(patient=cast.record, factor="tea",
                                    start=today - timedelta(days=10), seed=1,
                                    with_first=[True, False, True],
                                    stopped_on=today - timedelta(days=5))  # fmt: skip
    client.force_login(cast.patient)
    text = client.get(reverse("insights-experiment", args=[cast.record.pk, exp.pk])).content
    text = text.decode()
    assert text.count("stopped before this phase") == 4  # phases 3-6 began after the stop
    assert "not yet" not in text and "(now)" not in text
