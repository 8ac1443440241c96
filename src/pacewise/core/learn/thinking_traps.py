"""Common thinking traps, found in a person's own words, for gentle prompts in a thought record.

Pure and framework-free. This is a reading aid, never a diagnosis: each hit becomes an
invitation ("You might check whether...") that the person is free to ignore. The five traps are
the ones CBT for chronic pain works with most (Williams et al., Cochrane 2020, CD007407;
catastrophising: Sullivan et al. 1995).

Matching is plain and transparent on purpose: short phrase patterns, case-insensitive, with a
negation guard ("not the worst", "isn't always") so that a balanced sentence is not flagged.
A miss costs little (the person still writes the record); a false hit is phrased as a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Words that, just before a match, turn it into its opposite ("not always", "isn't awful").
NEGATIONS = frozenset({"not", "no", "isn't", "wasn't", "aren't", "won't", "don't", "doesn't"})
NEGATION_WINDOW = 2  # words before the match that are checked


@dataclass(frozen=True)
class Trap:
    key: str
    name: str
    explanation: str
    prompt: str
    patterns: tuple[str, ...]
    negatable: bool = True


@dataclass(frozen=True)
class TrapHit:
    key: str
    name: str
    explanation: str
    prompt: str
    phrase: str  # the words in the person's text that matched


_SUBJECT_OTHERS = (
    r"(?:they|he|she|people|everyone|everybody|others|my (?:\w+ ){0,2}?"
    r"(?:boss|doctor|physio|partner|husband|wife|family|friends?|mum|mom|dad|colleagues?|"
    r"kids|children|sister|brother|manager|nurse|therapist|team))"
)

TRAPS: tuple[Trap, ...] = (
    Trap(
        key="catastrophising",
        name="Expecting the worst",
        explanation=(
            "When we hurt, the mind can jump to the worst outcome and make it feel certain. "
            "It is a very human reaction, and it turns the alarm up."
        ),
        prompt=(
            "You might check whether this is the worst that could happen, or the most likely. "
            "What would you say to a friend who thought this?"
        ),
        patterns=(
            r"\b(?:worst|unbearable|disaster|disastrous|catastroph\w*|hopeless|terrible|"
            r"awful|horrible|ruined|ruin(?:s|ing)? everything|end of the world)\b",
            r"\bcan(?:'|’)?t (?:cope|stand (?:it|this)|take (?:it|this|any more|anymore))\b",
            r"\b(?:nothing|no one|nobody) (?:will |can |could )?(?:ever )?help\b",
            r"\bwheelchair\b",
        ),
    ),
    Trap(
        key="all-or-nothing",
        name="All-or-nothing thinking",
        explanation=(
            "Words like always, never or completely leave no room for the in-between days, "
            "and most days are in-between."
        ),
        prompt=(
            "You might check whether this is true every single time, or whether there have "
            "been exceptions, even small ones."
        ),
        patterns=(
            r"\b(?:always|never|every single time|every time|completely|totally|entirely|"
            r"useless|a (?:complete|total) (?:failure|waste|mess))\b",
            r"\b(?:can(?:'|’)?t|cannot) do anything\b",
            r"\b(?:nothing|everything) (?:works|is ruined|goes wrong|is wrong|hurts)\b",
        ),
    ),
    Trap(
        key="fortune-telling",
        name="Predicting the future",
        explanation=(
            "Our minds make forecasts to keep us safe, but a forecast made in pain is often "
            "gloomier than what really happens."
        ),
        prompt=(
            "You might check whether you know this will happen, or whether it is a guess. "
            "Has it always turned out the way you feared?"
        ),
        patterns=(
            r"\b(?:will|(?:i|it|this|that|they)(?:'|’)ll) (?:never|only get worse|get worse|"
            r"be stuck|end up|fail|ruin|be a disaster|go wrong)\b",
            r"\bgoing to (?:be (?:awful|terrible|a disaster|bad|worse|horrible)|get worse|"
            r"fail|go wrong|end up|ruin|never)\b",
            r"\bwon(?:'|’)t (?:ever|be able to)\b",
            r"\bi know (?:it|this|that|they|i) (?:will|won(?:'|’)t|(?:is|are) going to)\b",
        ),
        negatable=False,
    ),
    Trap(
        key="mind-reading",
        name="Mind-reading",
        explanation=(
            "It is easy to feel sure we know what others think of us, especially when pain is "
            "invisible. Often we are filling the gap with our own worries."
        ),
        prompt=(
            "You might check whether they have said this, or whether it is a guess about what "
            "they think. Is there another way to read it?"
        ),
        patterns=(
            _SUBJECT_OTHERS
            + r" (?:must |probably |all |just |secretly )?(?:think|thinks|believe|believes|"
            r"assume|assumes|see me as|sees me as|judge me|judges me)\b(?: that)? "
            r"(?:i(?:'|’)m|i am|i|me)\b",
            _SUBJECT_OTHERS + r" (?:do(?:n(?:'|’)t|esn(?:'|’)t| not|es not) believe me|"
            r"(?:is|are) judging me|(?:is|are) (?:sick|tired) of me)\b",
        ),
        negatable=False,
    ),
    Trap(
        key="should",
        name='"Should" statements',
        explanation=(
            "Rules like I should or I must can turn into a harsh inner voice, and pain "
            "does not follow rules."
        ),
        prompt=(
            "You might check whether this is a rule you would ask of someone you care about. "
            'Could "I would like to" or "it would help to" fit better?'
        ),
        patterns=(
            r"\bi (?:really )?(?:should|shouldn(?:'|’)t|should not|must|mustn(?:'|’)t|"
            r"ought to|ought not to)\b",
            r"\bi (?:have|need) to be (?:able|stronger|better|normal|tougher)\b",
        ),
        negatable=False,
    ),
)

_COMPILED = tuple(
    (trap, tuple(re.compile(p, re.IGNORECASE) for p in trap.patterns)) for trap in TRAPS
)
_WORD = re.compile(r"[\w'’]+")


def _negated(text: str, start: int) -> bool:
    before = _WORD.findall(text[:start].lower().replace("’", "'"))[-NEGATION_WINDOW:]
    return any(word in NEGATIONS or word.endswith("n't") for word in before)


def find_traps(text: str) -> tuple[TrapHit, ...]:
    """The thinking traps whose patterns appear in ``text``, in the order of ``TRAPS``.

    Each trap is reported at most once, with the first phrase that matched it.
    """
    hits: list[TrapHit] = []
    for trap, patterns in _COMPILED:
        phrase = _first_match(text or "", trap, patterns)
        if phrase is not None:
            hits.append(TrapHit(trap.key, trap.name, trap.explanation, trap.prompt, phrase))
    return tuple(hits)


def _first_match(text: str, trap: Trap, patterns) -> str | None:
    found: list[tuple[int, str]] = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            if trap.negatable and _negated(text, match.start()):
                continue
            found.append((match.start(), match.group(0)))
            break
    return min(found)[1] if found else None


def trap_by_key(key: str) -> Trap:
    return next(trap for trap in TRAPS if trap.key == key)
