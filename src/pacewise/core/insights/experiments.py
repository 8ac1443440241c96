"""N-of-1 self-experiments: test a suspected trigger or helper with a planned, randomised design.

Design: pairs of blocks of days. Within each pair one block is "with" and one "without" the
factor, in an order drawn at random (seeded, so the schedule can be stored and re-created).
The first day of each block is a wash-out and is not counted, so yesterday's phase does not
spill into today's pain. This is the classic n-of-1 trial with block randomisation (Kravitz &
Duan (eds), Design and Implementation of N-of-1 Trials: A User's Guide, AHRQ 2014).

Analysis respects the design: the effect is the mean, over pairs, of (pain in the "with" block
minus pain in the "without" block); its p-value comes from the exact randomisation test over
every order the coin could have chosen (2**pairs), and its 95% interval from the t distribution
of the pair differences. With few pairs the randomisation test cannot reach small p-values at
all (4 pairs: never below 0.125) — the result says so.

Pure: no Django, no I/O, no clock.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import mean, stdev

from scipy import stats

BLOCK_DAYS = 4
PAIRS = 6
WASHOUT_DAYS = 1
MIN_DAYS_PER_BLOCK = 2  # logged, counted days for a block to count
MIN_PAIRS = 3


@dataclass(frozen=True)
class Design:
    factor: str
    start: date
    block_days: int
    with_first: tuple[bool, ...]  # per pair: is the "with" block first?
    seed: int

    @property
    def pairs(self) -> int:
        return len(self.with_first)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=2 * self.pairs * self.block_days - 1)

    def blocks(self) -> list[tuple[date, date, bool]]:
        """(first day, last day, with?) for every block, in order."""
        out = []
        for i, first in enumerate(self.with_first):
            for j, is_with in enumerate((first, not first)):
                begin = self.start + timedelta(days=(2 * i + j) * self.block_days)
                out.append((begin, begin + timedelta(days=self.block_days - 1), is_with))
        return out


def design(
    factor: str, start: date, seed: int, pairs: int = PAIRS, block_days: int = BLOCK_DAYS
) -> Design:
    if pairs < 1 or block_days < 2:
        raise ValueError("an experiment needs at least one pair of blocks of 2+ days")
    rng = random.Random(f"{factor}/{seed}")
    return Design(factor, start, block_days, tuple(rng.random() < 0.5 for _ in range(pairs)), seed)


@dataclass(frozen=True)
class Phase:
    status: str  # "not_started" | "running" | "finished"
    with_factor: bool | None = None
    block: int = 0  # 1-based block number
    blocks: int = 0
    day_in_block: int = 0
    block_ends: date | None = None
    message: str = ""


def phase_on(d: Design, today: date) -> Phase:
    blocks = d.blocks()
    if today < d.start:
        message = f"Your experiment with '{d.factor}' starts on {d.start.day} {d.start:%b}."
        return Phase("not_started", blocks=len(blocks), message=message)
    if today > d.end:
        message = f"Your experiment with '{d.factor}' has finished: see the result."
        return Phase("finished", blocks=len(blocks), message=message)
    for i, (begin, last, is_with) in enumerate(blocks, start=1):
        if begin <= today <= last:
            what = f"with '{d.factor}'" if is_with else f"without '{d.factor}'"
            until = f"{last.day} {last:%b}"
            message = f"Self-experiment: block {i} of {len(blocks)}, days {what} until {until}."
            return Phase(
                "running", is_with, i, len(blocks), (today - begin).days + 1, last, message
            )
    raise AssertionError("unreachable: today lies within the design")


@dataclass(frozen=True)
class BlockSummary:
    """One block as it went: average pain over its counted days (after the wash-out day)."""

    counted_days: int  # days with pain logged, wash-out day excluded
    pain: float | None  # None below MIN_DAYS_PER_BLOCK counted days
    followed: float | None = None  # share of logged days that matched the plan (tags only)


def block_summaries(
    d: Design,
    pain: Mapping[date, float | None],
    followed: Mapping[date, bool | None] | None = None,
) -> list[BlockSummary]:
    out = []
    for begin, last, is_with in d.blocks():
        days = [begin + timedelta(days=k) for k in range(WASHOUT_DAYS, d.block_days)]
        values = [v for x in days if (v := pain.get(x)) is not None]
        marks = _kept(begin, last, is_with, followed or {})
        out.append(BlockSummary(
            len(values),
            mean(values) if len(values) >= MIN_DAYS_PER_BLOCK else None,
            sum(marks) / len(marks) if marks else None,
        ))  # fmt: skip
    return out


def _kept(
    begin: date, last: date, is_with: bool, followed: Mapping[date, bool | None]
) -> list[bool]:
    """For each day of a block with an entry: did it follow the plan?"""
    days = (followed.get(begin + timedelta(days=k)) for k in range((last - begin).days + 1))
    return [v == is_with for v in days if v is not None]


@dataclass(frozen=True)
class Result:
    status: str  # "ok" | "not_enough_data"
    pairs_used: int = 0
    effect: float | None = None  # mean pain "with" minus "without", in points
    ci_low: float | None = None
    ci_high: float | None = None
    p: float | None = None  # exact randomisation test, two-sided
    smallest_possible_p: float | None = None
    adherence: float | None = None  # share of logged days that followed the schedule
    message: str = ""
    limits: str = ""
    blocks: tuple[BlockSummary, ...] = ()


LIMITS = (
    "What it can show: whether your pain differed between the days with and without "
    "'{f}', in the order chance chose, which rules out most coincidences of timing. What it "
    "cannot show: why; whether it would hold in another season; or anything about effects "
    "that take longer than a block to appear. You knew which phase you were in, so "
    "expectations may play a part."
)


def analyse(
    d: Design,
    pain: Mapping[date, float | None],
    followed: Mapping[date, bool | None] | None = None,
) -> Result:
    """The result from daily pain (and, for a tag, whether it was logged on each day)."""
    summaries = tuple(block_summaries(d, pain, followed))
    rows = list(zip(d.blocks(), summaries, strict=True))
    diffs = []
    for i in range(d.pairs):
        means = {block[2]: s.pain for block, s in rows[2 * i : 2 * i + 2] if s.pain is not None}
        if len(means) == 2:
            diffs.append(means[True] - means[False])
    limits = LIMITS.format(f=d.factor)
    if len(diffs) < MIN_PAIRS:
        return Result("not_enough_data", len(diffs), limits=limits, blocks=summaries, message=(
            f"Not enough logged days to judge: {len(diffs)} of {d.pairs} pairs of blocks have "
            f"pain logged on at least {MIN_DAYS_PER_BLOCK} counted days in both blocks "
            f"({MIN_PAIRS} are needed)."
        ))  # fmt: skip
    effect = mean(diffs)
    p = randomisation_p(diffs)
    half = float(stats.t.ppf(0.975, len(diffs) - 1)) * stdev(diffs) / len(diffs) ** 0.5
    smallest = min(1.0, 2 / 2 ** len(diffs))
    adherence = _adherence(d, followed) if followed else None
    return Result(
        "ok", len(diffs), effect, effect - half, effect + half, p, smallest, adherence,
        _result_sentence(
            d.factor, effect, effect - half, effect + half, p, smallest, adherence, len(diffs)
        ),
        limits,
        summaries,
    )  # fmt: skip


def randomisation_p(diffs: Sequence[float]) -> float:
    """Exact two-sided p: the share of the 2**n possible orders whose mean difference is at
    least as far from zero as the one observed (swapping a pair's order flips its sign)."""
    observed = abs(mean(diffs))
    count = total = 0
    for signs in itertools.product((1, -1), repeat=len(diffs)):
        total += 1
        count += abs(mean(s * x for s, x in zip(signs, diffs, strict=True))) >= observed - 1e-12
    return count / total


def _adherence(d: Design, followed: Mapping[date, bool | None]) -> float | None:
    kept = [k for begin, last, is_with in d.blocks() for k in _kept(begin, last, is_with, followed)]
    return sum(kept) / len(kept) if kept else None


def _result_sentence(
    factor: str, effect: float, low: float, high: float, p: float, smallest: float,
    adherence: float | None, pairs: int,
) -> str:  # fmt: skip
    word = "higher" if effect > 0 else "lower"
    text = (
        f"On the days with '{factor}' your pain was on average {abs(effect):.1f} points {word} "
        f"than on the days without ({_interval_words(low, high, word)}), over {pairs} pairs "
        "of phases. "
    )
    if p <= 0.05:
        text += (
            f"A difference this large would rarely come from the random order alone (p = {p:.2f})."
        )
    elif smallest > 0.05:
        text += (
            f"With this few pairs even the clearest result could not rule out chance "
            f"(the smallest possible p is {smallest:.2f}); a longer experiment can."
        )
    else:
        text += f"This could well be chance (p = {p:.2f}): no clear difference."
    if adherence is not None and adherence < 0.8:
        text += (
            f" The schedule was followed on {round(100 * adherence)}% of logged days, which "
            "blurs the comparison."
        )
    return text


def _interval_words(low: float, high: float, word: str) -> str:
    """The interval in the sentence's own terms: "likely 0.5 to 4.2 points lower", or, when it
    spans no difference, "likely anywhere from 1.2 points lower to 0.8 points higher"."""
    if low < 0 < high:
        return f"likely anywhere from {-low:.1f} points lower to {high:.1f} points higher"
    near, far = sorted((abs(low), abs(high)))
    return f"likely {near:.1f} to {far:.1f} points {word}"
