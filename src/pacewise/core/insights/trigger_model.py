"""Regression machinery behind trigger detection (pure numpy/scipy, no I/O).

Today's pain regressed on yesterday's pain and on every factor today (lag 0) and yesterday
(lag 1); the same design, quasi-differenced, also serves the model of a steady pain level
with AR(1) noise (`static_design`). Each factor-lag coefficient is estimated by the
Frisch-Waugh-Lovell route with a control set picked by post-double selection
(Belloni, Chernozhukov & Hansen, Rev Econ Stud 2014;81:608-650): a control is kept when it
helps predict pain *or* helps predict the factor under test, so a companion of a real
trigger is always judged with that trigger in the model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import special, stats

# A control picked for predicting the *factor* enters when its partial |t| exceeds this.
# That choice never looks at pain, so it cannot flatter the test; but each control that enters
# by chance takes some of the factor's own variation with it. At 1.65 about one candidate in
# ten entered by chance and the detector's t-statistics were ~16% below an oracle's (median,
# benchmark generator A, 90 days); at 2.5 a real companion (r >= 0.5) still enters at
# 60+ days while chance entries become rare.
T_ENTER = 2.5
# A control picked for predicting *pain* must pass a Bonferroni-style bar across all
# candidates (in the spirit of the rlasso penalty), so that chance fits to pain do not shrink
# the residual variance and make every other test look stronger than it is.
OUTCOME_FAMILY_ALPHA = 0.1
# Below this share of its own variance left after the controls, a factor cannot be told
# apart from them (variance inflation above 20).
MIN_OWN_VARIANCE = 0.05
MIN_DF = 6
# A slowly changing pain level (a new treatment, a slow recovery, a season) is offered as
# candidate controls: tent functions of the calendar day with a knot every four weeks, the
# regression-spline control for long-term trends of time-series regression (Bhaskaran et al.,
# Int J Epidemiol 2013;42:1187-1195). A convention; docs/evidence/triggers.md, Method item 3.
LEVEL_KNOT_DAYS = 28
# A reported test needs at least this many residual degrees of freedom: in the first weeks a
# handful of odd days can otherwise carry a "pattern" (benchmark, 30-day diaries).
MIN_TEST_DF = 15


@dataclass(frozen=True)
class Design:
    """Usable days (pain known today and on the calendar day before) and their columns."""

    days: np.ndarray  # grid day index of each usable row
    y: np.ndarray  # pain today, scaled
    y_scale: float
    columns: np.ndarray  # (n, P): column 0 is yesterday's pain, then factor lags, scaled
    scales: np.ndarray  # natural units per scaled unit, per column
    observed: np.ndarray  # (n, P) bool: the cell was logged (not filled in)


@dataclass(frozen=True)
class Estimate:
    effect: float  # natural units of pain per natural unit of the factor
    se: float
    df: int
    p: float
    entangled_with: int | None = None  # column index the factor cannot be told apart from
    robust_se: float = 0.0  # heteroskedasticity-robust (HC2) standard error, for the interval
    # design columns the test was also run without, when that run decided it (triggers.py,
    # _without_related): entries that often come together with the factor
    left_out: tuple[int, ...] = ()


def grid(day_index: np.ndarray, values: np.ndarray, length: int) -> np.ndarray:
    """Place values on a calendar grid; days without a row stay NaN."""
    out = np.full(length, np.nan)
    out[day_index] = values
    return out


def usable_days(pain: np.ndarray) -> np.ndarray:
    """Grid indices of days with pain known on the day and on the calendar day before."""
    known = np.isfinite(pain)
    return np.flatnonzero(known & np.concatenate([[False], known[:-1]]))


def build_design(
    pain: np.ndarray, lagged: list[np.ndarray], level: list[np.ndarray] | None = None
) -> Design | None:
    """pain: calendar grid of pain; lagged: per column, a grid already shifted to its lag;
    level: calendar columns appended after them (`level_columns`), never blank.

    A blank factor cell does not throw away the day: it is filled with its prediction from
    the other factors that day (or the column mean), so that a companion logged on a day its
    trigger was left blank does not inherit the trigger's link. The count of logged cells is
    kept for each column.
    """
    prev = np.concatenate([[np.nan], pain[:-1]])
    days = usable_days(pain)
    if days.size == 0:
        return None
    raw = [prev[days]] + [col[days] for col in lagged]
    entries = len(raw)  # blanks are filled from these (the day's entries), not from the level
    raw += [col[days] for col in level or []]
    observed = np.column_stack([np.isfinite(c) for c in raw])
    columns = np.empty((days.size, len(raw)))
    scales = np.ones(len(raw))
    for j, col in enumerate(raw):
        filled, scales[j] = _standardise(col)
        columns[:, j] = filled
    _impute(columns[:, :entries], observed[:, :entries])
    y, y_scale = _standardise(pain[days], centre=False)
    return Design(days, y, y_scale, columns, scales, observed)


def _impute(columns: np.ndarray, observed: np.ndarray) -> None:
    """Replace mean-filled blanks of each factor column by a regression prediction, in place."""
    filled = columns.copy()
    n, width = columns.shape
    for j in range(1, width):
        seen = observed[:, j]
        if seen.all() or seen.sum() < MIN_DF + 4:
            continue
        others = [c for c in range(1, width) if c != j]
        ones = np.ones((int(seen.sum()), 1))
        basis = ones / np.sqrt(ones.size)
        rest = filled[np.ix_(seen, others)]  # type: ignore[arg-type]  # numpy stubs: lists work
        picked = forward_select(filled[seen, j], basis, rest)
        if not picked:
            continue
        use = [others[i] for i in picked]
        fit = np.column_stack([np.ones(n), filled[:, use]])
        beta, *_ = np.linalg.lstsq(fit[seen], filled[seen, j], rcond=None)
        columns[~seen, j] = fit[~seen] @ beta


def _standardise(col: np.ndarray, centre: bool = True) -> tuple[np.ndarray, float]:
    """Fill blanks with the mean, then centre and scale to unit spread (overflow-safe)."""
    finite = np.isfinite(col)
    if not finite.any():
        return np.zeros_like(col), 1.0
    big = float(np.max(np.abs(col[finite]))) or 1.0
    scaled = np.where(finite, col / big, np.nan)
    mean = float(np.mean(scaled[finite]))
    filled = np.where(finite, scaled, mean)
    if centre:
        filled = filled - mean
    spread = float(np.std(filled)) or 1.0
    return filled / spread, big * spread


def two_sided_p(t: float, df: float) -> float:
    """Two-sided p of Student's t (scipy.special directly: the hot path calls it ~100 times)."""
    return float(2 * special.stdtr(df, -abs(t)))


def t_quantile(level: float, df: float) -> float:
    return float(special.stdtrit(df, level))


def orthonormal(matrix: np.ndarray) -> np.ndarray:
    """An orthonormal basis of the column space (drops exactly collinear columns)."""
    if matrix.shape[1] == 0:
        return matrix
    u, s, _ = np.linalg.svd(matrix, full_matrices=False)
    keep = s > s[0] * 1e-9 if s.size and s[0] > 0 else np.zeros(s.size, bool)
    return u[:, keep]


def outcome_threshold(candidates: int) -> float:
    return float(stats.norm.isf(OUTCOME_FAMILY_ALPHA / (2 * max(candidates, 1))))


def forward_select(
    target: np.ndarray, basis: np.ndarray, candidates: np.ndarray, t_enter: float | None = None
) -> list[int]:
    """Greedily add candidate columns whose partial |t| for `target` exceeds t_enter."""
    t_enter = T_ENTER if t_enter is None else t_enter
    n = target.size
    q = basis
    r = target - q @ (q.T @ target)
    z = candidates - q @ (q.T @ candidates)
    chosen: list[int] = []
    active = np.ones(candidates.shape[1], bool)
    while active.any() and n - q.shape[1] - 2 >= MIN_DF:
        zz = np.einsum("ij,ij->j", z, z)
        ok = active & (zz > 1e-9 * n)
        rss = float(r @ r)
        if not ok.any() or rss <= 1e-12 * n:
            break
        zr = z.T @ r
        with np.errstate(divide="ignore", invalid="ignore"):
            rss_new = np.maximum(rss - zr**2 / zz, 1e-300)
            t = np.abs(zr) / np.sqrt(rss_new / (n - q.shape[1] - 2) * zz)
        t = np.where(ok & np.isfinite(t), t, -1.0)
        j = int(np.argmax(t))
        if t[j] < t_enter:
            break
        chosen.append(j)
        active[j] = False
        u = z[:, j] / np.sqrt(zz[j])
        q = np.column_stack([q, u])
        r = r - u * (u @ r)
        z = z - np.outer(u, u @ z)
    return chosen


def estimate(
    y: np.ndarray,
    x: np.ndarray,
    controls: np.ndarray,
    min_df: int = MIN_DF,
    max_test_df: int | None = None,
) -> Estimate | None:
    """Coefficient of x in y ~ x + controls (controls must already hold any intercept).

    `max_test_df` caps the degrees of freedom of the t test (see `runs_df`).
    """
    q = orthonormal(controls)
    xr = x - q @ (q.T @ x)
    yr = y - q @ (q.T @ y)
    df = y.size - q.shape[1] - 1
    sxx = float(xr @ xr)
    own = float(((x - x.mean()) ** 2).sum())
    if df < min_df or own <= 1e-12 * x.size:
        return None
    if sxx < MIN_OWN_VARIANCE * own:
        return Estimate(0.0, np.inf, df, 1.0, entangled_with=_closest(x, controls))
    b = float(xr @ yr) / sxx
    e = yr - b * xr
    se = float(np.sqrt(max(float(e @ e), 0.0) / df / sxx))
    if not np.isfinite(b) or not np.isfinite(se):
        return None
    p = 1.0 if se == 0.0 else two_sided_p(b / se, _test_df(df, max_test_df))
    robust = _hc2(q, xr[:, None], e, np.array([[1.0 / sxx]]))
    return Estimate(b, se, df, p, robust_se=float(np.sqrt(max(robust[0, 0], 0.0))))


def _hc2(q: np.ndarray, xr: np.ndarray, e: np.ndarray, inv: np.ndarray) -> np.ndarray:
    """HC2 covariance of the FWL coefficients (MacKinnon & White, J Econometrics
    1985;29:305-325): each day's residual is weighted by its leverage, so a few unusual days
    with a factor cannot look surer than they are (a tag on 20 of 2,000 days whose pain
    swings widely). xr: the tested columns after the controls; inv: the inverse of xr'xr."""
    leverage = np.einsum("ij,ij->i", q, q) + np.einsum("ij,jk,ik->i", xr, inv, xr)
    u = xr * (e / np.sqrt(np.clip(1.0 - leverage, 1e-3, None)))[:, None]
    return inv @ (u.T @ u) @ inv


def _test_df(df: int, cap: int | None) -> int:
    return df if cap is None else max(1, min(df, cap))


def level_columns(length: int, spacing: int = LEVEL_KNOT_DAYS) -> list[np.ndarray]:
    """Piecewise-linear level over `length` calendar days: evenly spaced knots about `spacing`
    days apart, first and last day included, and one tent per knot after the first (the
    intercept stands for the first), so together they follow a level that drifts or steps
    over a few weeks. Nothing for a diary shorter than `spacing`."""
    if length < spacing:
        return []
    knots = np.linspace(0.0, length - 1.0, max(2, round((length - 1) / spacing) + 1))
    t = np.arange(length, dtype=float)
    out = []
    for k in range(1, knots.size):
        tent = np.clip((t - knots[k - 1]) / (knots[k] - knots[k - 1]), 0.0, 1.0)
        if k + 1 < knots.size:
            tent = np.minimum(tent, np.clip((knots[k + 1] - t) / (knots[k + 1] - knots[k]), 0, 1))
        out.append(tent)
    return out


def runs_df(values: np.ndarray) -> int | None:
    """Test degrees of freedom for a clumped 0/1 column, or None when it is not clumped.

    A yes/no factor that comes in a few long runs (a cycle, a cold spell) holds fewer
    independent comparisons than it has days. Its degrees of freedom are scaled by the ratio
    of its runs to the runs expected if the days were independent (Wald & Wolfowitz, Ann Math
    Stat 1940;11:147-162): a scattered tag keeps them all, a cycle keeps a fraction.
    """
    n = values.size
    kinds, counts = np.unique(values, return_counts=True)
    if kinds.size != 2 or n < 3:
        return None
    runs = 1 + int(np.count_nonzero(values[1:] != values[:-1]))
    expected = 1 + 2 * counts[0] * counts[1] / n
    if runs >= expected:
        return None
    return max(1, math.floor((n - 2) * runs / expected))


def _closest(x: np.ndarray, controls: np.ndarray) -> int | None:
    """Index of the control column that best mimics x (for the plain-language note)."""
    xc = x - x.mean()
    cc = controls - controls.mean(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.abs(cc.T @ xc) / np.sqrt((cc**2).sum(axis=0) * (xc @ xc))
    r = np.where(np.isfinite(r), r, -1.0)
    return int(np.argmax(r)) if r.size and r.max() > 0 else None


def echo_check(
    design: Design, target: int, control_cols: list[int], max_test_df: int | None = None
) -> Estimate | None:
    """The next-day coefficient beyond the echo of the same-day one, in the lagged model.

    If a factor acts on the same day only and pain is a steady level plus AR(1) noise, the
    lagged-outcome model holds exactly with next-day coefficient b1 = -phi * b0 (the
    common-factor restriction; Hendry & Mizon, Econ J 1978;88:549-563). So b1 + phi * b0 is
    zero for a pure echo and equals the next-day effect when pain carries over from day to
    day, where the steady-level model (`static_design`) is the wrong one. Delta-method error; the
    effect is in scaled units of `target`. `control_cols` must hold column 0 (yesterday's
    pain) and the same factor's same-day column (target - 1).
    """
    same_day = target - 1
    if 0 not in control_cols or same_day not in control_cols:
        return None
    x = np.column_stack(
        [design.columns[:, target], np.ones(design.y.size), design.columns[:, control_cols]]
    )
    df = design.y.size - x.shape[1]
    xtx = x.T @ x
    if df < MIN_DF or np.linalg.cond(xtx) > 1e10:
        return None
    inv = np.linalg.inv(xtx)
    b = inv @ (x.T @ design.y)
    e = design.y - x @ b
    cov = inv * float(e @ e) / df
    i_phi, i_b0 = 2 + control_cols.index(0), 2 + control_cols.index(same_day)
    phi = b[i_phi] * design.y_scale / design.scales[0]  # natural units of pain per pain
    ratio = design.scales[target] / design.scales[same_day]  # the two lags' units
    beyond = b[0] + phi * b[i_b0] * ratio
    grad = np.zeros(x.shape[1])
    grad[0], grad[i_b0] = 1.0, phi * ratio
    grad[i_phi] = b[i_b0] * ratio * design.y_scale / design.scales[0]
    se = float(np.sqrt(max(float(grad @ cov @ grad), 0.0)))
    if not np.isfinite(beyond) or se == 0.0:
        return None
    p = two_sided_p(beyond / se, _test_df(df, max_test_df))
    return Estimate(float(beyond), se, df, p)


def _quasi(v: np.ndarray, rho: float, prev: np.ndarray, has_prev: np.ndarray) -> np.ndarray:
    out = v * np.sqrt(1 - rho**2)
    out[has_prev] = v[has_prev] - rho * v[prev[has_prev]]
    return out


@dataclass(frozen=True)
class Joint:
    """The joint test of a factor's two days, and the two days' effects added up."""

    p: float
    total: float = 0.0  # weights . coefficients (natural units when weights convert to them)
    total_se: float = math.inf  # the larger of its classical and robust (HC2) error
    df: int = 1


def joint_p(
    y: np.ndarray,
    xs: np.ndarray,
    controls: np.ndarray,
    min_df: int = MIN_DF,
    max_test_df: int | None = None,
    weights: np.ndarray | None = None,
) -> Joint:
    """Wald test that every column of xs is zero in y ~ xs + controls.

    Used to ask first "does this factor go with pain at all (on either day)?" before asking
    which day: when a factor comes in runs its two lags share most of their variation, and
    the joint test keeps the power that splitting it between two single tests loses. The
    larger p of the classical and a heteroskedasticity-robust (HC2-weighted, MacKinnon &
    White, J Econometrics 1985;29:305-325) covariance is kept, so a factor has to pass this
    robust gate before its single days are looked at with the classical error. `weights`
    (default all 1) give the combined effect reported when the days cannot be told apart.
    """
    q = orthonormal(controls)
    xr = xs - q @ (q.T @ xs)
    yr = y - q @ (q.T @ y)
    df = y.size - q.shape[1] - xs.shape[1]
    xtx = xr.T @ xr
    if df < min_df or np.linalg.cond(xtx) > 1e8:
        return Joint(1.0)
    inv = np.linalg.inv(xtx)
    b = inv @ (xr.T @ yr)
    e = yr - xr @ b
    classical = inv * float(e @ e) / df
    robust = _hc2(q, xr, e, inv)
    k = xs.shape[1]
    test_df = _test_df(df, max_test_df)
    p = 0.0
    for cov in (classical, robust):
        try:
            wald = float(b @ np.linalg.solve(cov, b))
        except np.linalg.LinAlgError:
            return Joint(1.0)
        p = max(p, float(special.fdtrc(k, test_df, wald / k)))
    w = np.ones(k) if weights is None else weights
    var = max(float(w @ classical @ w), float(w @ robust @ w), 0.0)
    return Joint(p, float(w @ b), float(np.sqrt(var)), test_df)


@dataclass(frozen=True)
class Static:
    """The design rewritten for pain as a steady level with AR(1) day-to-day noise."""

    y: np.ndarray
    intercept: np.ndarray
    columns: np.ndarray  # design.columns quasi-differenced; column 0 (yesterday's pain) unused
    rho: float


def static_design(design: Design, pain_cols: list[int]) -> Static:
    """Quasi-difference the whole design with one rho for the diary (Cochrane & Orcutt,
    JASA 1949;44:32-61; Prais-Winsten rows after a gap), rho from the pain-side model
    (`pain_cols`: factor columns that predict pain; never column 0, yesterday's pain)."""
    y = design.y
    prev = np.minimum(np.searchsorted(design.days, design.days - 1), design.days.size - 1)
    has_prev = design.days[prev] == design.days - 1
    ones = np.ones(y.size)
    fit = np.column_stack([ones, design.columns[:, pain_cols]])
    rho = 0.0
    for _ in range(2):
        beta, *_ = np.linalg.lstsq(
            _quasi(fit, rho, prev, has_prev), _quasi(y, rho, prev, has_prev), rcond=None
        )
        r = y - fit @ beta
        den = float(r[prev[has_prev]] @ r[prev[has_prev]])
        rho = float(np.clip((r[has_prev] @ r[prev[has_prev]]) / den, -0.9, 0.9)) if den > 0 else 0.0
    return Static(
        _quasi(y, rho, prev, has_prev),
        _quasi(ones, rho, prev, has_prev),
        _quasi(design.columns, rho, prev, has_prev),
        rho,
    )


def static_estimate(
    static: Static,
    target: int,
    control_cols: list[int],
    max_test_df: int | None = None,
    beyond_carry_of: int | None = None,
    ratio: float = 1.0,
) -> Estimate | None:
    """Coefficient of column `target` in the steady-level model with `control_cols` (column 0,
    yesterday's pain, is left out: this model has none).

    With `beyond_carry_of` (the same factor's same-day column, which must be a control), the
    next day is read beyond what the same day carries over, b1 - rho * b0 in natural units:
    that control is written as x0 + rho * ratio * x1 (ratio: the two columns' natural units per
    scaled unit, x1 over x0), so x1's coefficient is exactly that.
    """
    others = [c for c in control_cols if c not in (0, target)]
    controls = static.columns[:, others].copy()
    if beyond_carry_of in others:
        k = others.index(beyond_carry_of)
        controls[:, k] += static.rho * ratio * static.columns[:, target]
    est = estimate(
        static.y,
        static.columns[:, target],
        np.column_stack([static.intercept, controls]),
        MIN_TEST_DF,
        max_test_df,
    )
    return None if est is None or est.entangled_with is not None else est
