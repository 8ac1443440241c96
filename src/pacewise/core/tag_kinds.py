"""Tags that describe the pain itself ("flare", "bad day", "back pain") are outcomes, not
candidate triggers: testing whether "flare" days have more pain finds the obvious, and would
offer a self-experiment on the pain itself. Such tags are left out of trigger detection (as
factors and as controls: they follow pain, so adjusting for them would hide real effects).

The rule reads the tag's words: a tag is about the pain itself when it is one of a few plain
phrases, or any phrase whose words include "flare" (flare, flare-up, flaring) or end in
"pain"/"sore" without naming something else to do ("pain meds" and "pain clinic" are things
a person does, so they stay candidates).
"""

from __future__ import annotations

import re

_PHRASES = frozenset(
    {
        "bad day", "bad pain day", "pain day", "high pain", "bad pain", "pain", "painful",
        "sore", "very sore", "hurting", "hurts", "worse", "worse day", "rough day", "pain spike",
    }
)  # fmt: skip
_FLARE = re.compile(r"\bflar(e|es|ed|ing)\b|\bflare-?ups?\b")
_ENDS_IN_PAIN = re.compile(r"^[\w\s-]*\b(pain|sore|ache|aching|hurting)$")


def describes_pain(tag: str) -> bool:
    name = " ".join(re.sub(r"[^\w\s-]", " ", tag.lower()).split())
    return name in _PHRASES or bool(_FLARE.search(name)) or bool(_ENDS_IN_PAIN.match(name))


# A tag that says a menstrual period began that day (core.pacing.flare_rhythm reads cycles from it).
_CYCLE = frozenset(
    {
        "period", "period started", "period start", "my period", "period day 1", "menstruation",
        "menses", "cycle day 1", "cycle start", "day 1 of cycle", "first day of period",
    }
)  # fmt: skip


def marks_cycle_start(tag: str) -> bool:
    """Does this tag say a period (a new cycle) began that day?"""
    name = " ".join(re.sub(r"[^\w\s-]", " ", tag.lower()).split())
    return name in _CYCLE
