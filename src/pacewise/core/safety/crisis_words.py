"""Words that should bring crisis help at once, wherever a person writes freely.

A safety net, not a screening test: anyone who writes one of these phrases in a message to
their care team (and, later, other free text) is shown the crisis lines for their country
straight away, and the message is marked for the care team to read today. Validated
screening stays with the PHQ-9's item 9 (docs/evidence/safety.md). The phrases are ours, plain
and first-person; a false alarm costs a kind panel, a miss costs more, so negations ("I don't
want to die") are not excluded. Pure: no Django, no I/O.
"""

from __future__ import annotations

import re

PHRASES = (
    r"kill(ing)? my ?self", r"end(ed|ing|s)? (it all|my life|things)", r"take my (own )?life",
    r"suicid\w*", r"(want|wish|wanting|going) to die", r"better off dead",
    r"(hurt(ing)?|harm(ing)?|cut(ting)?) my ?self", r"self[- ]harm\w*",
    r"no (reason|point) (in |to )?living",
    r"can'?t go on", r"don'?t want to (be here|live|wake up)", r"overdose",
)  # fmt: skip
# After such words, the crisis lines stay at the top of the page that shows them for a day (the
# thread, the journal): long enough to be seen on the next visit, not a banner for ever
# (convention).
SHOWN_HOURS = 24

_PATTERN = re.compile(r"\b(" + "|".join(PHRASES) + r")\b", re.IGNORECASE)


def mentions_self_harm(text: str) -> bool:
    """True when the text holds a phrase about ending one's life or self-harm."""
    normal = re.sub(r"[\u2018\u2019]", "'", text or "")
    return _PATTERN.search(normal) is not None
