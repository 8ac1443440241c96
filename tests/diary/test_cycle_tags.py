"""A check-in tagged "period" marks the day a cycle began, for the plan's flare rhythm."""

from pacewise.diary import entries
from pacewise.diary.days import today_for
from pacewise.diary.models import CheckIn
from pacewise.today.state import history_for


def test_a_period_tag_marks_a_cycle_start_and_other_tags_do_not(cast):
    today = today_for(cast.record)
    entries.create(CheckIn, cast.record, cast.patient, values={"pain_avg": 4},
                   local_date=today, tags=["Period started"])  # fmt: skip
    [day] = [r for r in history_for(cast.record, today) if r.date == today]
    assert day.cycle_start
    CheckIn.objects.filter(patient=cast.record).delete()
    entries.create(CheckIn, cast.record, cast.patient, values={"pain_avg": 4},
                   local_date=today, tags=["gardening", "period pain"])  # fmt: skip
    [day] = [r for r in history_for(cast.record, today) if r.date == today]
    assert not day.cycle_start
