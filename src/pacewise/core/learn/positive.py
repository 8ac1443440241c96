"""The 8-week positive-psychology sequence, in the order that was tested for chronic pain.

Peters et al., Clin J Pain 2017;33:962-975: self-compassion first, then three good things and
savouring, then strengths and kindness, and the hopeful future (best possible self) last.
Order matters: imagining a bright future before a person has some kindness for themselves
can feel out of reach, and can sting. So the last exercise opens only after each earlier one
has been practised at least ``MIN_PRACTICE`` times. The others open in their week, or earlier
once the one before has been practised, so nobody is held back who wants to go on.

Pure and framework-free; the instructions are our own words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

#: Entries in each earlier exercise before the hopeful-future exercise opens.
MIN_PRACTICE = 2
WEEKS = 8


@dataclass(frozen=True)
class Module:
    key: str
    title: str
    first_week: int
    last_week: int
    why: str
    instructions: tuple[str, ...]
    prompt: str  # the label of the writing box


MODULES: tuple[Module, ...] = (
    Module(
        key="self-compassion",
        title="Being kind to yourself",
        first_week=1,
        last_week=2,
        why="Pain is hard. Meeting it with kindness, not blame, eases stress and low mood.",
        instructions=(
            "Think of a moment today when pain or tiredness made things hard.",
            'Notice it: "This is a hard moment."',
            "Remember you are not alone: many people feel this way.",
            "Write a few kind words to yourself, the way you would talk to a good friend.",
        ),
        prompt="My kind words to myself",
    ),
    Module(
        key="gratitude",
        title="Three good things",
        first_week=3,
        last_week=3,
        why="Pain pulls attention to what is wrong. This gently widens the view.",
        instructions=(
            "Before bed, think back over the day.",
            "Write down three things that went well or that you were glad of. Small is fine: "
            "a warm drink, a kind message, a moment of sun.",
            "For each one, add why it happened or what part you played.",
        ),
        prompt="My three good things, and why they happened",
    ),
    Module(
        key="savouring",
        title="Savouring",
        first_week=4,
        last_week=4,
        why="Slowing down to enjoy a good moment makes it last a little longer.",
        instructions=(
            "Choose one pleasant thing today: a taste, a sound, a view, a song.",
            "Take your time with it. Notice the details with all your senses.",
            "Afterwards, write what you noticed and how it felt.",
        ),
        prompt="What I savoured, and what I noticed",
    ),
    Module(
        key="strengths",
        title="Your strengths",
        first_week=5,
        last_week=5,
        why="Living with pain takes strengths you may not give yourself credit for.",
        instructions=(
            "Think of a strength you have: for example patience, humour, care for others, "
            "curiosity or courage.",
            "Use it in a new way today, in a way that fits your energy.",
            "Write what you did and how it went.",
        ),
        prompt="The strength I used, and how",
    ),
    Module(
        key="kindness",
        title="Small kindnesses",
        first_week=6,
        last_week=6,
        why="Doing something kind connects us with others and lifts mood, for both sides.",
        instructions=(
            "Do one small kind thing for someone: a message, a thank-you, a listening ear.",
            "It does not need to cost energy or money.",
            "Write what you did and how it felt.",
        ),
        prompt="The kindness I did, and how it felt",
    ),
    Module(
        key="best-self",
        title="Your best possible self",
        first_week=7,
        last_week=8,
        why="Picturing a hopeful, realistic future helps you notice what matters and plan for it.",
        instructions=(
            "Imagine yourself a year from now, with things having gone as well as they "
            "realistically could. Pain may still be part of life.",
            "What are you doing? Who is around you? What matters most?",
            "Write about it for a few minutes. Then pick one small step toward it.",
        ),
        prompt="My best possible self, a year from now",
    ),
)

KEYS = tuple(m.key for m in MODULES)


def module(key: str) -> Module:
    for m in MODULES:
        if m.key == key:
            return m
    raise KeyError(key)


def module_for_week(week: int) -> Module:
    """The exercise suggested in ``week`` (1-based) of the sequence; after week 8, the last."""
    week = max(1, week)
    for m in MODULES:
        if m.first_week <= week <= m.last_week:
            return m
    return MODULES[-1]


def is_practised(key: str, counts: Mapping[str, int]) -> bool:
    return counts.get(key, 0) >= MIN_PRACTICE


def is_open(key: str, counts: Mapping[str, int], week: int) -> bool:
    """Whether an exercise is open, given entries so far per exercise and the current week.

    The first is always open. The hopeful future opens only when every earlier exercise has
    been practised. Any other opens in its own week, or earlier once the one before it has
    been practised.
    """
    index = KEYS.index(key)
    if index == 0:
        return True
    if index == len(KEYS) - 1:
        return all(is_practised(k, counts) for k in KEYS[:-1])
    return week >= MODULES[index].first_week or is_practised(KEYS[index - 1], counts)


def still_to_practise(key: str, counts: Mapping[str, int]) -> tuple[Module, ...]:
    """For a closed exercise, the earlier ones that still need practice (to say so kindly)."""
    index = KEYS.index(key)
    earlier = MODULES[:index] if index == len(KEYS) - 1 else MODULES[index - 1 : index]
    return tuple(m for m in earlier if not is_practised(m.key, counts))
