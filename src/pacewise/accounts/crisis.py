"""Crisis lines shown on every page's help link. Defaults from CLINICAL.md §7; an operator
chooses the country with PACEWISE_CRISIS_COUNTRY."""

from __future__ import annotations

CRISIS_LINES: dict[str, list[tuple[str, str]]] = {
    "US": [
        ("Call or text 988", "988 Suicide & Crisis Lifeline, any time, day or night."),
        ("Text HOME to 741741", "Crisis Text Line, any time."),
        ("Call 911", "If you or someone else is in immediate danger."),
    ],
    "GB": [
        ("Call 116 123", "Samaritans, free, any time, day or night."),
        ("Call 999", "If you or someone else is in immediate danger."),
    ],
}
CRISIS_LINES["UK"] = CRISIS_LINES["GB"]
FALLBACK = [
    ("Call your local emergency number", "If you or someone else is in immediate danger."),
    ("Go to the nearest emergency department", "They can help you right away."),
]


def crisis_lines(country: str) -> list[tuple[str, str]]:
    return CRISIS_LINES.get(country.upper(), FALLBACK)
