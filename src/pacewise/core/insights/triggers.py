"""Honest trigger and helper detection over a person's daily diary.

For every factor (check-in field, tag as 0/1, activity load, imported measure) and two lags
(the same day, the next day) we estimate how pain differs, in pain points, after allowing
for yesterday's pain and for the other factors; only patterns that survive a false-discovery
control (Benjamini & Hochberg, J R Stat Soc B 1995;57:289-300) are called significant.
Factors with too few days get an explicit "not enough data yet" entry instead of a guess.
Method and benchmark: docs/evidence/triggers.md.

Pure: no Django, no I/O, no clock, no randomness.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TypeVar

import numpy as np

from pacewise.core.day_summary import DaySummary
from pacewise.core.insights import trigger_model as model
from pacewise.core.insights import trigger_text as text
from pacewise.core.tag_kinds import describes_pain

ALPHA = 0.05  # false-discovery rate for `significant`
# ...and each flagged test must also pass p <= 0.001 on its own. BH alone is lenient when
# only a few factors can be tested, and most things people log do not matter: at p = 0.001
# the data can favour a real link by at most about 50 to 1 (Sellke, Bayarri & Berger, Am
# Stat 2001;55:62-71), which is what it takes for most named patterns to be real when only
# one factor in five or ten is. At 0.0025 the benchmark's weak-effect cells fell below 0.9
# precision on a generator written after the rules (docs/evidence/triggers.md).
P_MAX = 0.001
# In the first eight weeks of usable days a pattern must be stronger still: the controls are
# chosen from up to 40 candidates with few days to spare, so nominal p values are at their
# most optimistic (benchmark: false flags at 60 days, docs/evidence/triggers.md).
P_MAX_EARLY = 0.0005
EARLY_DAYS = 56
# No factor is tested before the diary holds six weeks of usable days (pain today and
# yesterday): before that a few odd days decide, and in the benchmark most false flags came
# from such short diaries, so we abstain rather than guess (docs/evidence/triggers.md,
# "Minimum data"). A convention, like the two below.
MIN_USABLE_DAYS = 42
MIN_DAYS_EACH = 4  # days with and days without a factor before it is tested (a convention)
# A 0/1 factor must also have come and gone at least twice: a tag seen in one run (a
# holiday, a cold spell) cannot be told apart from anything else that happened in those
# weeks. A tag in a few long runs is tested, but with fewer degrees of freedom
# (triggers_model.runs_df).
MIN_EPISODES = 2
# A 0/1 factor whose blanks fall on harder days (Welch's t, p below this, pain higher on the
# blank days) may have been left blank when it did not happen; a pattern in it is named only
# if it also holds when its blanks are read as 0 (docs/evidence/triggers.md, Method item 11).
BLANKS_P = 0.01
# A factor is adjusted for the other entries that go with it, so that a companion is not
# blamed for a real trigger; but a close companion then blurs the real trigger too. When the
# entries picked only for going with the factor widen its standard error by a fifth or more
# (they share about a third of its variation), the factor is also tested without them. That
# test counts only if leaving them out moves the estimate no more than chance would
# (Hausman's test, |z| at most 1.645, i.e. two-sided 10%), and the factor must still point
# the same way with p <= 0.05 when they are in. After the first eight weeks only
# (docs/evidence/triggers.md, Method item 12).
RELATED_SE_RATIO = 1.2
RELATED_HAUSMAN_Z = 1.645
RELATED_P = 0.05

TESTED = "tested"
INSUFFICIENT = "insufficient"
ENTANGLED = "entangled"


@dataclass(frozen=True)
class DailyTable:
    """One row per calendar day. Blanks are None or NaN; days may be missing."""

    dates: tuple[date, ...]
    pain: tuple[float | None, ...]
    factors: Mapping[str, Sequence[float | None]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "dates", tuple(self.dates))
        object.__setattr__(self, "pain", tuple(self.pain))
        object.__setattr__(self, "factors", {str(k): tuple(v) for k, v in self.factors.items()})
        if len(self.pain) != len(self.dates):
            raise ValueError("pain must have one value per date")
        for name, values in self.factors.items():
            if len(values) != len(self.dates):
                raise ValueError(f"factor {name!r} must have one value per date")
        if len(set(self.dates)) != len(self.dates):
            raise ValueError("dates must be unique (one row per day)")

    def last_days(self, days: int) -> DailyTable:
        """The table cut to its most recent ``days`` calendar days (itself when shorter)."""
        if not self.dates or (max(self.dates) - min(self.dates)).days < days:
            return self
        first = max(self.dates) - timedelta(days=days - 1)
        keep = [i for i, d in enumerate(self.dates) if d >= first]
        return DailyTable(
            tuple(self.dates[i] for i in keep),
            tuple(self.pain[i] for i in keep),
            {name: tuple(values[i] for i in keep) for name, values in self.factors.items()},
        )


def table_of_days(days: Sequence[DaySummary], tags: Mapping[date, set[str]]) -> DailyTable:
    """The table the detector reads, from the diary's day summaries and each logged day's
    tags: sleep, stress and movement minutes as numbers, each tag yes (1) or no (0) on a day
    with a check-in, blank on a day without one (not logged is not "no")."""
    factors: dict[str, list[float | None]] = {
        "sleep hours": [d.sleep_hours for d in days],
        "stress": [None if d.stress is None else float(d.stress) for d in days],
        "minutes of movement": [d.minutes for d in days],
    }
    for name in sorted(set().union(*tags.values())) if tags else []:
        factors[name] = [
            (1.0 if name in tags[d.date] else 0.0) if d.date in tags else None for d in days
        ]
    return DailyTable(
        dates=tuple(d.date for d in days), pain=tuple(d.avg_pain for d in days), factors=factors
    )


@dataclass(frozen=True)
class Finding:
    """One factor at one lag, or one factor without enough data (lag None)."""

    factor: str
    status: str  # "tested" | "insufficient" | "entangled"
    lag: int | None = None  # 0 = same day, 1 = next day; None: either (or not tested)
    direction: str | None = None  # "raises" | "lowers"
    effect: float | None = None  # pain points per unit of the factor ("when present" if 0/1)
    ci_low: float | None = None  # 95% interval of effect
    ci_high: float | None = None
    p: float | None = None
    q: float | None = None  # Benjamini-Hochberg, across all tests of this diary
    n: int = 0  # days behind the estimate (pain today and yesterday, factor logged)
    significant: bool = False
    days_needed: int | None = None  # for "insufficient"
    kind: str = "binary"  # "binary" (0/1) or "numeric"
    step: float = 1.0  # the change in the factor the sentence talks about
    message: str = ""
    # held back: a pattern in a tag left blank mostly on harder days that does not hold with
    # those blanks read as 0 (Method item 11)
    uneven_blanks: bool = False


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Step-up adjusted p-values (q-values), in the input order, each capped at 1."""
    m = len(p_values)
    if m == 0:
        return []
    p = np.asarray(p_values, dtype=float)
    order = np.argsort(p, kind="stable")
    scaled = p[order] * m / np.arange(1, m + 1)
    q_sorted = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    q = np.empty(m)
    q[order] = q_sorted
    return [float(v) for v in q]


@dataclass(frozen=True)
class _Profile:
    kind: str
    n: int
    days_needed: int


@dataclass(frozen=True)
class _Bar:
    """What a pattern must clear to be named: its false-discovery q at most ``alpha`` and its
    own p at most ``p_max`` (stricter in the first weeks of usable days)."""

    alpha: float
    p_max: float

    def cleared(self, q: float, p: float) -> bool:
        return q <= self.alpha and p <= self.p_max


@dataclass(frozen=True)
class _Column:
    """One tested column of the design: a factor on the same day (lag 0) or the day before."""

    name: str
    lag: int
    index: int
    n: int  # days with the factor observed


def detect(
    diary: DailyTable, *, alpha: float = ALPHA, min_days: int = MIN_DAYS_EACH
) -> list[Finding]:
    """All findings for the diary: significant first (by q), then the rest, then abstentions.
    Tags that describe the pain itself are outcomes and are left out (core.tag_kinds)."""
    names = [name for name in diary.factors if not describes_pain(name)]
    if not names:
        return []
    pain, grids = _calendar(diary)
    days = model.usable_days(pain)
    profiles = {name: _profile(grids[name], days, min_days) for name in names}
    if days.size < MIN_USABLE_DAYS:
        short = MIN_USABLE_DAYS - days.size
        return [
            _insufficient(
                name,
                _Profile(p.kind, p.n, max(p.days_needed, short)),
                text.too_early_sentence(name, short),
            )
            for name, p in profiles.items()
        ]
    tested = [name for name in names if profiles[name].days_needed == 0]
    findings = [_insufficient(name, profiles[name]) for name in names if name not in tested]
    if tested:
        # Factors too sparse to judge still serve as controls: a companion must not be blamed
        # just because the real trigger has a few days too few to be tested itself.
        extra = [n for n in names if n not in tested and _varies(grids[n][days])]

        def run(columns: dict[str, np.ndarray]) -> list[Finding]:
            return _test(pain, columns, tested, extra, profiles, alpha, min_days)

        findings += _check_blanks(run(grids), pain[days], grids, days, run)
    return sorted(findings, key=_rank)


def days_before_testing(diary: DailyTable) -> int:
    """How many more usable days the diary needs before any factor is tested (0: it is)."""
    pain, _ = _calendar(DailyTable(diary.dates, diary.pain))
    return max(0, MIN_USABLE_DAYS - model.usable_days(pain).size)


def days_without_yesterday(diary: DailyTable) -> int:
    """Days with pain logged whose calendar day before has none: they cannot be used (a
    pattern is read from one day to the next), so a diary kept on some days a week can wait
    for ever. Insights says so, instead of counting down days that will not come."""
    pain, _ = _calendar(DailyTable(diary.dates, diary.pain))
    return int(np.isfinite(pain).sum()) - model.usable_days(pain).size


def _calendar(diary: DailyTable) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    if not diary.dates:
        return np.empty(0), {name: np.empty(0) for name in diary.factors}
    first = min(diary.dates)
    index = np.array([(d - first).days for d in diary.dates], dtype=int)
    length = int(index.max()) + 1
    pain = model.grid(index, _floats(diary.pain), length)
    grids = {k: model.grid(index, _floats(v), length) for k, v in diary.factors.items()}
    return pain, grids


def _floats(values: Sequence[float | None]) -> np.ndarray:
    out = np.array([np.nan if v is None else v for v in values], dtype=float)
    out[~np.isfinite(out)] = np.nan
    return out


def _lagged(values: np.ndarray) -> np.ndarray:
    return np.concatenate([[np.nan], values[:-1]])


def _profile(values: np.ndarray, days: np.ndarray, min_days: int) -> _Profile:
    """Is there enough variety on usable days, at both lags, to test this factor?"""
    counts = [values[days], _lagged(values)[days] if values.size else values[days]]
    needed, n, kind = 0, values.size, "binary"
    for cells in counts:
        logged = cells[np.isfinite(cells)]
        n = min(n, logged.size)
        if logged.size and not np.isin(logged, (0.0, 1.0)).all():
            kind = "numeric"
        needed = max(needed, _shortfall(logged, min_days))
    if kind == "numeric":
        needed = max(needed, *(_shortfall_numeric(c[np.isfinite(c)], min_days) for c in counts))
    else:
        needed = max(needed, _shortfall_episodes(values))
    return _Profile(kind, n, needed)


def _shortfall_episodes(values: np.ndarray) -> int:
    """Days still needed, at the pace so far, for MIN_EPISODES separate runs with the factor."""
    known = np.flatnonzero(np.isfinite(values))
    if known.size == 0:
        return 3 * MIN_EPISODES
    present = values[known] == 1.0  # a blank or missing day neither ends nor starts a run
    starts = int(present[0]) + int((present[1:] & ~present[:-1]).sum()) if values.size else 0
    if starts >= MIN_EPISODES:
        return 0
    pace = values.size / max(starts, 1)
    return max(1, math.ceil((MIN_EPISODES - starts) * pace))


def _varies(cells: np.ndarray) -> bool:
    logged = cells[np.isfinite(cells)]
    if logged.size == 0:
        return False
    _, counts = np.unique(logged, return_counts=True)
    return logged.size - int(counts.max()) >= 2


def _shortfall(logged: np.ndarray, min_days: int) -> int:
    present = int((logged == 1.0).sum())
    absent = int((logged == 0.0).sum())
    if present + absent < logged.size:
        return 0  # numeric: judged by _shortfall_numeric
    return max(0, min_days - present) + max(0, min_days - absent)


def _shortfall_numeric(logged: np.ndarray, min_days: int) -> int:
    if logged.size == 0:
        return 3 * min_days
    _, counts = np.unique(logged, return_counts=True)
    varied = logged.size - int(counts.max())
    # A measured factor is read as a straight line, which takes more days to trust than a
    # yes/no split: ask for three times the yes/no minimum, with min_days away from its mode.
    return max(0, 3 * min_days - logged.size, min_days - varied)


def _insufficient(name: str, profile: _Profile, message: str | None = None) -> Finding:
    days = max(1, profile.days_needed)
    return Finding(
        factor=name,
        status=INSUFFICIENT,
        n=profile.n,
        days_needed=days,
        kind=profile.kind,
        message=message or text.insufficient_sentence(name, profile.kind, days),
    )


def _test(
    pain: np.ndarray,
    grids: dict[str, np.ndarray],
    tested: list[str],
    extra: list[str],
    profiles: dict[str, _Profile],
    alpha: float,
    min_days: int,
) -> list[Finding]:
    everyone = tested + extra
    lagged = [g for name in everyone for g in (grids[name], _lagged(grids[name]))]
    # after the factors: the slowly changing level, offered as controls and never tested
    design = model.build_design(pain, lagged, model.level_columns(pain.size))
    assert design is not None  # tested factors have usable days by construction
    estimates = _fit(design, range(1, 2 * len(tested) + 1))
    # the bar a single p must pass: stricter in the first eight weeks of usable days
    bar = _Bar(alpha, P_MAX_EARLY if design.days.size < EARLY_DAYS else P_MAX)
    q_values = _hierarchical_q(estimates, alpha)
    labels = [(name, lag) for name in everyone for lag in (0, 1)]
    out: list[Finding] = []
    for col, (name, lag) in enumerate(labels[: 2 * len(tested)], start=1):
        profile = profiles[name]
        est = estimates.get(col)
        n = int(design.observed[:, col].sum())
        if est is None:
            # too few days to separate it from the entries it has to be adjusted for
            need = max(1, 3 * min_days - design.days.size)
            out.append(_insufficient(name, _Profile(profile.kind, n, need)))
        elif est.entangled_with is not None:
            partner = _partner(est.entangled_with, labels)
            out.append(
                Finding(
                    factor=name,
                    status=ENTANGLED,
                    lag=lag,
                    n=n,
                    kind=profile.kind,
                    message=text.entangled_sentence(name, lag, partner),
                )
            )
        else:
            found = _tested(_Column(name, lag, col, n), profile, design, est, q_values[col], bar)
            out.append(_mention_left_out(found, est.left_out, labels))
    for col, name in enumerate(tested):
        joint = estimates.get(-(2 * col + 1))
        if joint is not None and joint.df:
            q = q_values[-(2 * col + 1)]
            out = _either_day(out, name, joint, q, bar)
    return _dedupe_insufficient(out)


def _check_blanks(
    findings: list[Finding],
    pain_on_days: np.ndarray,
    grids: dict[str, np.ndarray],
    days: np.ndarray,
    run: Callable[[dict[str, np.ndarray]], list[Finding]],
) -> list[Finding]:
    """Hold back a named pattern in a 0/1 factor that was left blank mostly on harder days
    unless it also holds with those blanks read as 0 (a sensitivity analysis).

    People often tick only what happened and, on a bad day, leave the rest blank; the days
    kept as 0 are then the better ones, and the factor looks as if it goes with more pain.
    Which reading is right cannot be told from the diary, so a pattern must hold under both.
    """
    out = list(findings)
    reruns: dict[str, list[Finding]] = {}  # one re-run per factor, with its blanks as 0
    for i, f in enumerate(findings):
        if not (f.significant and f.kind == "binary"):
            continue
        if not _blanks_on_harder_days(pain_on_days, grids[f.factor][days]):
            continue
        if f.factor not in reruns:  # the same test, with this factor's blanks read as 0
            reruns[f.factor] = run({**grids, f.factor: np.nan_to_num(grids[f.factor], nan=0.0)})
        if not any(_same_pattern(f, g) for g in reruns[f.factor]):
            out[i] = replace(
                f,
                significant=False,
                uneven_blanks=True,
                message=text.uneven_blanks_sentence(f.factor),
            )
    return out


def _blanks_on_harder_days(pain: np.ndarray, cells: np.ndarray) -> bool:
    """Welch's t: was pain clearly higher on the days this factor was left blank?"""
    blank = ~np.isfinite(cells)
    groups = [pain[blank], pain[~blank]]
    if min(g.size for g in groups) < 2:
        return False
    shares = [g.var(ddof=1) / g.size for g in groups]
    se2 = sum(shares)
    gap = groups[0].mean() - groups[1].mean()
    if se2 <= 0 or gap <= 0:
        return False
    df = se2**2 / sum(v**2 / (g.size - 1) for v, g in zip(shares, groups, strict=True))
    return model.two_sided_p(gap / math.sqrt(se2), df) < BLANKS_P


def _same_pattern(original: Finding, other: Finding) -> bool:
    """Does `other` name the same factor going the same way, on the same day (either-day
    findings match either single day and vice versa)?"""
    same_lag = original.lag is None or other.lag is None or original.lag == other.lag
    return (
        other.significant
        and other.factor == original.factor
        and other.direction == original.direction
        and same_lag
    )


def _either_day(
    findings: list[Finding],
    name: str,
    joint: model.Estimate,
    q: float,
    bar: _Bar,
) -> list[Finding]:
    """One finding for "the day or the day after" when the factor clearly goes with pain but
    neither day can be named alone.

    A factor that comes several days in a row is nearly the same column at both lags, so each
    single-day test has little power while the joint test (either day) has it all. When the
    joint test passes the same bars as a single day would (its factor-level q <= alpha and
    p <= the p bar), the two days point the same way, and the two effects added up (a day with
    the factor that follows another, against a day without after a day without) clear zero
    on their interval, the two unclear single-day entries are replaced by that one finding.
    """
    pair = [f for f in findings if f.factor == name and f.status == TESTED]
    if len(pair) != 2 or any(f.significant for f in pair):
        return findings
    effect, se = joint.effect, joint.se
    half = model.t_quantile(0.975, joint.df) * se
    same_way = all((f.effect or 0.0) * effect > 0 for f in pair)
    if not (bar.cleared(q, joint.p) and same_way and abs(effect) > half):
        return findings
    first = pair[0]  # factor, status, kind and step carry over
    either = replace(
        first,
        lag=None,
        direction="raises" if effect > 0 else "lowers",
        effect=effect,
        ci_low=effect - half,
        ci_high=effect + half,
        p=joint.p,
        q=q,
        n=min(f.n for f in pair),
        significant=True,
        message=text.either_day_sentence(
            name, first.kind, first.step, effect, effect - half, effect + half
        ),
    )
    return [either if f is pair[0] else f for f in findings if f is not pair[1]]


def _hierarchical_q(estimates: dict[int, model.Estimate], alpha: float) -> dict[int, float]:
    """q-values from a two-level false-discovery control.

    Level 1, factors: Benjamini-Hochberg over each factor's joint test (either day).
    Level 2, days within a selected factor: Benjamini-Hochberg within the pair at the level
    alpha * R / m (R of m factors selected), which keeps the false-discovery rate of the
    reported factor-day pairs near alpha (Benjamini & Bogomolov, J R Stat Soc B
    2014;76:297-318). The q of a factor-day is the larger of its factor's q and its adjusted
    within-pair p scaled by m / R, so `q <= alpha` is exactly the two-level rule. The factor's
    own q is kept under the negative of its lag-0 column.
    """
    families = sorted(-j for j in estimates if j < 0)
    if not families:
        return {}
    q_family = dict(
        zip(families, benjamini_hochberg([estimates[-j].p for j in families]), strict=True)
    )
    m = len(families)
    selected = sum(q <= alpha for q in q_family.values())
    scale = m / max(selected, 1)
    out: dict[int, float] = {-j: q for j, q in q_family.items()}  # the factor's own q
    for j in families:
        pair = [c for c in (j, j + 1) if c in estimates and estimates[c].entangled_with is None]
        within = benjamini_hochberg([estimates[c].p for c in pair])
        for c, adj in zip(pair, within, strict=True):
            out[c] = min(1.0, max(q_family[j], adj * scale))
    return out


def _partner(column: int, labels: list[tuple[str, int]]) -> str | None:
    """Name behind a control column (column 0 of the controls is the intercept)."""
    design_col = column - 1  # controls = [intercept, design columns...]
    if design_col <= 0 or design_col > len(labels):
        return None
    return labels[design_col - 1][0]


def _mention_left_out(
    finding: Finding, columns: tuple[int, ...], labels: list[tuple[str, int]]
) -> Finding:
    """A pattern named on the strength of a test without the entries that often come with
    it says so, with their names (the slowly changing level is not an entry)."""
    if not (finding.significant and columns):
        return finding
    names = [labels[c - 1][0] for c in columns if c <= len(labels)]
    names = [n for n in dict.fromkeys(names) if n != finding.factor]
    if not names:
        return finding
    return replace(finding, message=f"{finding.message} {text.left_out_sentence(names)}")


def _tested(
    column: _Column,
    profile: _Profile,
    design: model.Design,
    est: model.Estimate,
    q: float,
    bar: _Bar,
) -> Finding:
    name, lag, col = column.name, column.lag, column.index
    unit = float(design.y_scale / design.scales[col])
    # The interval shown uses the larger of the classical and the robust error, and a named
    # pattern must also clear it: a person never sees "likely between" narrower than it is.
    effect, se = float(est.effect * unit), float(max(est.se, est.robust_se) * unit)
    half = model.t_quantile(0.975, est.df) * se
    significant = bar.cleared(q, est.p) and abs(effect) > half
    step = 1.0
    if profile.kind == "numeric":
        step = text.nice_step(float(design.scales[col]))
    return Finding(
        factor=name,
        status=TESTED,
        lag=lag,
        direction="raises" if effect > 0 else "lowers",
        effect=effect,
        ci_low=effect - half,
        ci_high=effect + half,
        p=est.p,
        q=q,
        n=column.n,
        significant=significant,
        kind=profile.kind,
        step=step,
        message=text.tested_sentence(
            name, lag, profile.kind, step, effect, effect - half, effect + half, significant
        ),
    )


def _dedupe_insufficient(findings: list[Finding]) -> list[Finding]:
    """Keep one "not enough data" entry per factor."""
    seen: set[str] = set()
    out = []
    for f in findings:
        if f.status == INSUFFICIENT:
            if f.factor in seen:
                continue
            seen.add(f.factor)
        out.append(f)
    return out


_Fit = TypeVar("_Fit", model.Estimate, model.Joint)


def _fit(design: model.Design, targets: range) -> dict[int, model.Estimate]:
    """Estimate every factor-lag column with post-double-selected controls.

    Every test is run in two models of how pain persists, with the same controls: pain that
    carries over from day to day (yesterday's pain among the controls) and a steady level
    with AR(1) noise (`model.static_design`); the smaller p is kept, doubled. Each pair of
    columns (a factor at lag 0 and lag 1) also gets a joint test, stored under the negative
    of its lag-0 column: does the factor go with pain on either day? After the first eight
    weeks, a test blurred by related entries is also run without them (`_without_related`).
    """
    cols = design.columns
    n, width = cols.shape
    ones = np.ones((n, 1))
    base = model.orthonormal(np.column_stack([ones, cols[:, :1]]))
    bar = model.outcome_threshold(width - 1)
    for_pain = {c + 1 for c in model.forward_select(design.y, base, cols[:, 1:], bar)}
    static = model.static_design(design, sorted(for_pain))
    out: dict[int, model.Estimate] = {}
    used: dict[int, list[int]] = {}  # every control of a column
    pain_side: dict[int, list[int]] = {}  # ...without the entries picked for the factor
    caps = {j: model.runs_df(cols[design.observed[:, j], j]) for j in targets}
    late = design.days.size >= EARLY_DAYS

    def column(j: int, controls: list[int]) -> tuple[model.Estimate | None, ...]:
        """The lagged model's own estimate, and the one the tests use."""
        raw = model.estimate(
            design.y,
            cols[:, j],
            np.column_stack([ones, cols[:, controls]]),
            model.MIN_TEST_DF,
            caps[j],
        )
        if raw is None:
            return None, None
        if raw.entangled_with is not None:
            entangled = _control_column(raw, controls)
            return raw, model.Estimate(0.0, math.inf, raw.df, 1.0, entangled)
        beyond = j - 1 if j % 2 == 0 else None  # the next day beyond the same day's carry
        ratio = float(design.scales[j] / design.scales[j - 1]) if beyond is not None else 1.0
        est = _smaller_p(raw, model.static_estimate(static, j, controls, caps[j], beyond, ratio))
        if j % 2 == 0 and est.entangled_with is None:
            est = _next_day(design, static, j, controls, est, out.get(j - 1), caps[j])
        return raw, est

    for j in targets:
        sibling = j + 1 if j % 2 else j - 1
        forced = [0, sibling]
        candidates = [c for c in range(1, width) if c not in (j, sibling)]
        basis = model.orthonormal(np.column_stack([ones, cols[:, forced]]))
        picked = model.forward_select(cols[:, j], basis, cols[:, candidates])
        used[j] = sorted((set(forced) | for_pain | {candidates[i] for i in picked}) - {j})
        pain_side[j] = sorted((set(forced) | for_pain) - {j})
        raw, est = column(j, used[j])
        if est is not None and late and pain_side[j] != used[j]:
            both = _without_related(est, raw, *column(j, pain_side[j]))
            if both.p < est.p:
                left_out = tuple(sorted(set(used[j]) - set(pain_side[j])))
                both = replace(both, left_out=left_out)
            est = both
        if est is not None:
            out[j] = est
    _joint_tests(design, static, targets, out, used, pain_side, caps, late)
    return out


def _joint_tests(design, static, targets, out, used, pain_side, caps, late) -> None:
    """Each factor's two days together (stored under the negative of its lag-0 column): does
    it go with pain on either day? Same controls as its columns, and, after the first eight
    weeks, also without the related entries (`_without_related`)."""
    for j in targets:
        if j % 2 == 0:
            continue
        pair = [c for c in (j, j + 1) if c in out and out[c].entangled_with is None]
        if len(pair) == 2:
            controls = sorted((set(used[j]) | set(used[j + 1])) - {j, j + 1})
            cap = min((caps[c] for c in pair if caps[c] is not None), default=None)
            weights = design.y_scale / design.scales[pair]
            raw, joint = _joint(design, static, pair, controls, cap, weights)
            lean = sorted((set(pain_side[j]) | set(pain_side[j + 1])) - {j, j + 1})
            if late and lean != controls:
                joint = _without_related(
                    joint, raw, *_joint(design, static, pair, lean, cap, weights)
                )
            # in natural units: the two days' effects added up (see _either_day)
            out[-j] = model.Estimate(joint.total, joint.total_se, joint.df, joint.p)
        elif pair:
            out[-j] = model.Estimate(0.0, math.inf, 0, out[pair[0]].p)


def _joint(
    design: model.Design,
    static: model.Static,
    pair: list[int],
    controls: list[int],
    cap: int | None,
    weights: np.ndarray,
) -> tuple[model.Joint, model.Joint]:
    """The joint test of a factor's two days: the lagged model's own, and the smaller p of
    the two models of how pain persists, doubled."""
    ones = np.ones((design.y.size, 1))
    lagged = model.joint_p(
        design.y,
        design.columns[:, pair],
        np.column_stack([ones, design.columns[:, controls]]),
        model.MIN_TEST_DF,
        cap,
        weights=weights,
    )
    steady = [c for c in controls if c != 0]
    level = model.joint_p(
        static.y,
        static.columns[:, pair],
        np.column_stack([static.intercept, static.columns[:, steady]]),
        model.MIN_TEST_DF,
        cap,
        weights=weights,
    )
    return lagged, _smaller_p(lagged, level)


def _without_related(
    full: _Fit, full_raw: _Fit | None, lean_raw: _Fit | None, lean: _Fit | None
) -> _Fit:
    """The test of a factor when the entries related to it blur it: it may also pass without
    them (docs/evidence/triggers.md, Method item 12).

    `full` is the usual test, adjusted for every entry that goes with the factor; `lean` the
    same test without the entries picked only for going with the factor (those picked for
    going with pain stay). The `_raw` pair are the lagged model's own estimates of each.
    The lean test counts only when those entries blur the factor (standard error at least
    RELATED_SE_RATIO times larger with them), leaving them out moves the estimate no more
    than chance would (Hausman's test), and both point the same way; it must then pass the
    usual bars while the full test holds at RELATED_P: p = max(p_lean, p_full * P_MAX /
    RELATED_P), or the full test's own p when that is smaller (an intersection-union test,
    Berger, Technometrics 1982;24:295-300).
    """
    if full_raw is None or lean_raw is None or lean is None:
        return full
    if _entangled(full) or _entangled(lean):
        return full
    full_effect, full_se = _effect_se(full_raw)
    lean_effect, lean_se = _effect_se(lean_raw)
    if not full_se >= RELATED_SE_RATIO * lean_se:
        return full  # the related entries barely blur it
    shift_sd = math.sqrt(full_se**2 - lean_se**2)  # Hausman, Econometrica 1978;46:1251-1271
    if abs(full_effect - lean_effect) > RELATED_HAUSMAN_Z * shift_sd:
        return full  # leaving them out changes the answer: they may be confounders
    if (_effect_se(lean)[0] > 0) != (_effect_se(full)[0] > 0):
        return full
    return replace(full, p=min(full.p, max(lean.p, full.p * P_MAX / RELATED_P)))


def _entangled(fit: _Fit) -> bool:
    return getattr(fit, "entangled_with", None) is not None


def _effect_se(fit: _Fit) -> tuple[float, float]:
    if isinstance(fit, model.Estimate):
        return fit.effect, fit.se
    return fit.total, fit.total_se


def _smaller_p(lagged: _Fit, static: _Fit | None) -> _Fit:
    """The test from the model of the two that gives the smaller p, with that p doubled
    (Bonferroni over the two models of how pain persists)."""
    if static is None:
        return lagged
    best = min(lagged, static, key=lambda e: e.p)
    return replace(best, p=min(1.0, 2 * best.p))


def _control_column(est: model.Estimate, controls: list[int]) -> int:
    """Map the entangled index (into [intercept, controls...]) to 1 + design column."""
    k = est.entangled_with or 0
    return 0 if k == 0 else controls[k - 1] + 1


def _next_day(
    design: model.Design,
    static: model.Static,
    j: int,
    controls: list[int],
    est: model.Estimate,
    same_day: model.Estimate | None,
    max_test_df: int | None = None,
) -> model.Estimate:
    """Guard the next-day estimate against the echo of a same-day link.

    When pain is a steady level plus autocorrelated noise, a factor that acts on the same day
    leaves an opposite-signed "next-day" coefficient of about -phi times its effect once
    yesterday's pain is in the model. So when the next-day estimate points against the
    same-day one, it must also hold beyond that echo in one of two models of how pain
    persists: pain that carries over from day to day (the lagged model itself, testing
    b1 + phi * b0; `model.echo_check`), or a steady level with AR(1) noise, where the plain
    next-day coefficient has no echo (`model.static_estimate`). In each, p is the larger of
    the two tests (an intersection-union test); the smaller of the two models' p is kept.
    """
    agrees = same_day is not None and (same_day.effect > 0) == (est.effect > 0)
    if agrees and same_day is not None and same_day.entangled_with is None:
        return est
    checks = (
        model.echo_check(design, j, controls, max_test_df),
        model.static_estimate(static, j, controls, max_test_df),
    )
    return replace(est, p=min(_beyond_echo(est, check) for check in checks))


def _beyond_echo(est: model.Estimate, check: model.Estimate | None) -> float:
    """p of the next-day link when it must hold in the check's model too, in the same way."""
    if check is None or check.entangled_with is not None:
        return 1.0
    if (check.effect > 0) != (est.effect > 0):
        return 1.0
    return max(est.p, check.p)


_STATUS_ORDER = {TESTED: 0, ENTANGLED: 1, INSUFFICIENT: 2}


def _rank(f: Finding) -> tuple[int, int, float, str, int]:
    return (
        _STATUS_ORDER[f.status],
        0 if f.significant else 1,
        f.q if f.q is not None else 2.0,
        f.factor,
        -1 if f.lag is None else f.lag,
    )
