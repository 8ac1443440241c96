"""Plain-language sentences for trigger findings.

Every sentence describes a pattern in the person's own diary and never claims a cause:
a false "trigger" teaches needless avoidance, which is itself harmful in chronic pain
(DESIGN.md §2, principle 5).
"""

from __future__ import annotations

import math

PATTERN_NOT_PROOF = "This is a pattern, not proof of cause."
ADJUSTED = "after allowing for yesterday's pain and your other entries"
# a same-day pattern can run the other way round (less walking on a bad day): say so
BOTH_WAYS = "On the same day it can also run the other way: pain can change what you do."


def nice_step(spread: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) near a numeric factor's usual spread."""
    if not math.isfinite(spread) or spread <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(spread))
    return min((power * m for m in (1, 2, 5, 10)), key=lambda s: abs(math.log(s / spread)))


def _num(value: float) -> str:
    text = f"{value:.1f}" if abs(value) < 100 else f"{value:.0f}"
    return "0.0" if text == "-0.0" else text


def _step(step: float) -> str:
    return f"{step:g}"


def _when(factor: str, lag: int, kind: str, step: float) -> str:
    if kind == "binary":
        return f"On days after you logged '{factor}'" if lag else f"On days you logged '{factor}'"
    change = f"'{factor}' was {_step(step)} higher"
    return f"On days after {change}" if lag else f"On days when {change}"


def tested_sentence(
    factor: str,
    lag: int,
    kind: str,
    step: float,
    effect: float,
    low: float,
    high: float,
    significant: bool,
) -> str:
    """Sentence for a factor-lag that was estimated (effect and interval per step)."""
    e, lo, hi = effect * step, low * step, high * step
    if significant:
        word = "higher" if e > 0 else "lower"
        near, far = sorted((abs(lo), abs(hi)))
        return (
            f"{_when(factor, lag, kind, step)}, your pain was on average {_num(abs(e))} points "
            f"{word} (likely between {_num(near)} and {_num(far)}), {ADJUSTED}. "
            f"{PATTERN_NOT_PROOF}{'' if lag else ' ' + BOTH_WAYS}"
        )
    when = "the next day" if lag else "on the same day"
    return (
        f"No clear link yet between '{factor}' and your pain {when}: the estimate "
        f"({_signed(e)} points, likely between {_num(lo)} and {_num(hi)}) could well be chance."
    )


def left_out_sentence(names: list[str]) -> str:
    """Said of a named pattern in a factor that often comes together with other entries,
    when leaving them out is what let the pattern be told apart (Method item 12)."""
    quoted = [f"'{n}'" for n in names]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
    pronoun = "it" if len(names) == 1 else "them"
    return (
        f"It tends to come together with {listed}; the pattern was checked both with and "
        f"without {pronoun}."
    )


def either_day_sentence(
    factor: str, kind: str, step: float, effect: float, low: float, high: float
) -> str:
    """Sentence for a factor that goes with pain on the day or the day after (which of the two
    cannot be told yet); the size is for two days running against two days without."""
    e, lo, hi = effect * step, low * step, high * step
    more, word = ("more", "higher") if e > 0 else ("less", "lower")
    near, far = sorted((abs(lo), abs(hi)))
    running = (
        "When you logged it two days running"
        if kind == "binary"
        else f"When it was {_step(step)} higher two days running"
    )
    against = "after two days without it" if kind == "binary" else "otherwise"
    return (
        f"'{factor}' goes with {more} pain on the day or the day after; the diary cannot yet "
        f"tell which. {running}, your pain was on average {_num(abs(e))} points {word} than "
        f"{against} (likely between {_num(near)} and {_num(far)}), {ADJUSTED}. "
        f"{PATTERN_NOT_PROOF}"
    )


def _signed(value: float) -> str:
    text = _num(value)
    return text if text.startswith("-") else "+" + text


def _days(n: int) -> str:
    return f"{n} more {'day' if n == 1 else 'days'}"


def insufficient_sentence(factor: str, kind: str, days_needed: int) -> str:
    if kind == "binary":
        need = f"about {_days(days_needed)} with and without it"
    else:
        need = f"about {_days(days_needed)} with it logged"
    return (
        f"Not enough data yet for '{factor}' — {need}. Until then Pacewise will not guess "
        f"whether it goes with your pain."
    )


def too_early_sentence(factor: str, days_short: int) -> str:
    return (
        f"Not enough data yet for '{factor}' — Pacewise starts looking for patterns after six "
        f"weeks of daily pain entries, about {_days(days_short)} from now. Until then it will "
        f"not guess whether '{factor}' goes with your pain."
    )


def uneven_blanks_sentence(factor: str) -> str:
    """A pattern held back because the factor was left blank mostly on harder days."""
    return (
        f"'{factor}' was often left blank on harder days, so Pacewise cannot tell yet whether "
        f"it goes with your pain: the pattern goes away if those blanks mean 'no'. If a blank "
        f"means you did not have it, enter 0 there so it can be read fairly."
    )


def entangled_sentence(factor: str, lag: int, partner: str | None) -> str:
    when = "the next day" if lag else "the same day"
    if partner is None:
        other = "your other entries"
    elif partner == factor:
        other = "itself on neighbouring days (it tends to come several days in a row)"
    else:
        other = f"'{partner}'"
    return (
        f"'{factor}' almost always came together with {other}, so its link with your pain "
        f"{when} cannot be told apart yet. More varied days will help."
    )


def pooled_people(people: int) -> str:
    who = "person" if people == 1 else "people"
    return f"steadied with patterns from {people} {who} at your clinic"


def pooled_sentence(kind: str, step: float, effect: float, low: float, high: float,
                    people: int) -> str:  # fmt: skip
    """The finding's estimate after pooling (per `step` for a measured factor)."""
    unit = "" if kind == "binary" else f" per {_step(step)}"
    return (
        f"Estimate {pooled_people(people)}: {_signed(effect * step)} points{unit} "
        f"(likely between {_num(low * step)} and {_num(high * step)})."
    )
