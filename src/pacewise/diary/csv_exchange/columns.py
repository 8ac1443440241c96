"""The Pacewise diary CSV columns, which belong to which row type, and their allowed values."""

from __future__ import annotations

from ..models import CheckIn

COLUMNS = (
    "record_type", "id", "local_date", "entered_at", "kind",
    "pain_now", "pain_avg", "morning_pain", "fatigue", "sleep_hours", "sleep_quality",
    "stress", "mood", "in_flare", "locations", "tags",
    "activity", "minutes", "sets", "reps", "exertion", "pain_before", "pain_peak", "pain_after",
    "planned_item", "note", "version",
)  # fmt: skip
CHECKIN_ONLY = COLUMNS[4:16]
ACTIVITY_ONLY = COLUMNS[16:25]
CHECKIN_SCALES = (
    "pain_now",
    "pain_avg",
    "morning_pain",
    "fatigue",
    "sleep_quality",
    "stress",
    "mood",
)
ACTIVITY_NUMBERS = {
    "minutes": (0, 1440), "sets": (1, 100), "reps": (1, 1000), "exertion": (0, 10),
    "pain_before": (0, 10), "pain_peak": (0, 10), "pain_after": (0, 10),
}  # fmt: skip
KINDS = {k.value for k in CheckIn.Kind}
RISKY_START = ("=", "+", "-", "@", "\t", "\r", "'")
