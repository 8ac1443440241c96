"""Flare outlook: the chance of a flare starting in the next 48 hours, in calm plain words.

Inputs are the last four weeks of the diary. Five signals, each a known flare risk:
- a load spike: the 7-day average activity against the 28-day average (Gabbett, Br J Sports Med
  2016;50:273-280, used as a soft heuristic only: Impellizzeri et al. 2020);
- overdoing on the last two days (more than 1.3x the usual day);
- sleep debt over the last three nights against the person's usual (Finan, Goodin & Smith,
  J Pain 2013;14:1539-1552);
- stress over the last three days against the person's usual;
- the pain trend: the last three days against the usual of the four weeks before.

A logistic model joins them. Its population coefficients were fitted on simulated people
(`bench/flare_outlook.py`, which also prints the Brier score and a reliability table on people
it never saw). With enough of the person's own flares (declared, or two days running at pain
usual + 2: `flare_days`) the coefficients are refitted to them,
shrunk toward the population ones (a Gaussian prior, i.e. penalised logistic regression), so a
few flares cannot swing them far. Method and figures: docs/evidence/forecast.md.

Pure: no Django, no I/O, no clock.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from pacewise.core.diary import Diary
from pacewise.core.flare import find_flares
from pacewise.core.records import DayRecord

HORIZON_DAYS = 2
WINDOW_DAYS = 28
FEATURES = ("spike", "overdid", "sleep_debt", "stress", "pain_trend")
# Fitted by `bench/flare_outlook.py --fit` on 360 simulated people (seeds "train-*").
POPULATION = (-2.6, 1.02, 0.45, 0.01, 0.03, -0.12)  # intercept, then FEATURES in order
PRIOR_SD = 0.5  # how far a person's own coefficients may move from the population's
MIN_OWN_FLARES = 3  # flare starts in the person's diary before their own fit is used
MIN_OWN_DAYS = 90

WORDS = {
    "spike": "your activity this week is well above your 4-week average",
    "overdid": "you did a lot more than usual in the last two days",
    "sleep_debt": "you have slept less than usual the last few nights",
    "stress": "stress has been higher than usual",
    "pain_trend": "pain has been creeping up over the last few days",
}
HELPS = {
    "spike": "Keeping the next few days close to your usual amount lets your body catch up.",
    "overdid": "A lighter day or two, with gentle movement, usually settles this.",
    "sleep_debt": "A calm evening and an earlier night may help.",
    "stress": "A short breathing or relaxation exercise can take the edge off.",
    "pain_trend": "Your flare kit has your own plan for days like this.",
}


@dataclass(frozen=True)
class OutlookDay:
    """What the outlook reads from one diary day (None = not logged)."""

    date: date
    pain: float | None = None
    sleep_hours: float | None = None
    stress: float | None = None
    load: float | None = None  # minutes of movement (or any activity amount)
    flare: bool = False


@dataclass(frozen=True)
class Reason:
    feature: str
    words: str
    helps: str
    weight: float  # this signal's push on the log-odds


@dataclass(frozen=True)
class Outlook:
    status: str  # "ok" | "in_flare" | "not_enough_data"
    chance: float | None = None  # of a flare starting in the next 48 hours
    usual_chance: float | None = None  # the same model with every signal at its usual level
    level: str = ""  # "lower than usual" | "about usual" | "a little higher" | "higher"
    reasons: tuple[Reason, ...] = ()
    personal: bool = False  # the person's own flares shaped the coefficients
    message: str = ""


def _mean(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _median(values: Sequence[float | None]) -> float | None:
    known = sorted(v for v in values if v is not None)
    if not known:
        return None
    mid = len(known) // 2
    return known[mid] if len(known) % 2 else (known[mid - 1] + known[mid]) / 2


def features(days: Sequence[OutlookDay], today: date) -> tuple[float, ...] | None:
    """The five signals on `today` from the diary up to and including it; None if too sparse.

    An unknown signal counts as usual (0), so missing answers never raise the chance.
    """
    by_date = {d.date: d for d in days if today - timedelta(days=WINDOW_DAYS) < d.date <= today}
    if len(by_date) < 10:
        return None
    window = [by_date.get(today - timedelta(days=i)) for i in range(WINDOW_DAYS)]

    def values(attr: str, n: int, start: int = 0) -> list[float | None]:
        return [getattr(d, attr) if d else None for d in window[start : start + n]]

    loads28 = [v for v in values("load", WINDOW_DAYS) if v is not None]
    loads7 = [v for v in values("load", 7) if v is not None]
    usual_load = sum(loads28) / len(loads28) if len(loads28) >= 10 else None
    spike = overdid = 0.0
    if usual_load and len(loads7) >= 4:
        spike = max(-1.0, min(1.0, math.log(max(sum(loads7) / len(loads7), 1e-3) / usual_load)))
    if usual_load:
        recent = [v for v in values("load", 2) if v is not None]
        overdid = max([0.0] + [min(2.0, v / usual_load - 1.3) for v in recent])
    sleep_usual, sleep3 = (
        _median(values("sleep_hours", WINDOW_DAYS)),
        _mean(values("sleep_hours", 3)),
    )
    sleep_debt = 0.0
    if sleep_usual is not None and sleep3 is not None:
        sleep_debt = max(0.0, min(sleep_usual, 7.5) - sleep3)
    stress_usual, stress3 = _mean(values("stress", WINDOW_DAYS)), _mean(values("stress", 3))
    stress = 0.0 if stress_usual is None or stress3 is None else stress3 - stress_usual
    pain_usual = _median(values("pain", WINDOW_DAYS - 3, 3))
    pain3 = _mean(values("pain", 3))
    trend = 0.0 if pain_usual is None or pain3 is None else pain3 - pain_usual
    return (spike, overdid, sleep_debt, stress, trend)


def _sigmoid(z: float | np.ndarray):
    return 1.0 / (1.0 + np.exp(-z))


def chance(coef: Sequence[float], x: Sequence[float], cov: np.ndarray | None = None) -> float:
    """The chance for features x. With `cov`, the coefficients' posterior covariance, the
    answer is averaged over their uncertainty (MacKay's moderated output: the log-odds divided
    by sqrt(1 + pi * var / 8); MacKay, Neural Comput 1992;4:720-736), so a personal model fitted
    to a few flares does not speak with more confidence than its data give it."""
    z = coef[0] + float(np.dot(coef[1:], x))
    if cov is not None:
        v = np.concatenate([[1.0], np.asarray(x, dtype=float)])
        z /= math.sqrt(1.0 + math.pi * max(float(v @ cov @ v), 0.0) / 8.0)
    return float(_sigmoid(z))


def flare_days(days: Sequence[OutlookDay]) -> set[date]:
    """Days in a flare: declared, or two or more days running at usual pain + 2, as the pacing
    engine finds them (`flare.find_flares`). People do not declare every flare; learning only
    from declared ones would teach a personal model that flares are rarer than they are."""
    if not days:
        return set()
    records = [DayRecord(d.date, avg_pain=d.pain, flare=d.flare) for d in days]
    after_last = max(d.date for d in days) + timedelta(days=1)
    return set(find_flares(Diary(records, after_last)).flare_days)


def training_rows(days: Sequence[OutlookDay]) -> tuple[np.ndarray, np.ndarray]:
    """(X, y) from a diary: each day not in a flare, y = a flare starts within 48 hours."""
    by_date = {d.date: d for d in days}
    in_flare = flare_days(days)
    xs, ys = [], []
    for d in days:
        if d.date in in_flare:
            continue
        ahead = [d.date + timedelta(days=i) for i in range(1, HORIZON_DAYS + 1)]
        if any(a not in by_date for a in ahead):
            continue
        x = features(days, d.date)
        if x is None:
            continue
        xs.append(x)
        ys.append(1.0 if any(a in in_flare for a in ahead) else 0.0)
    return np.array(xs).reshape(-1, len(FEATURES)), np.array(ys)


def fit(
    x: np.ndarray,
    y: np.ndarray,
    prior: Sequence[float] = POPULATION,
    prior_sd: float | None = PRIOR_SD,
) -> tuple[float, ...]:
    """Penalised logistic regression (MAP with a Gaussian prior around `prior`) by Newton steps.

    prior_sd None fits without a prior (for the population fit on many simulated people).
    """
    return posterior(x, y, prior, prior_sd)[0]


def posterior(
    x: np.ndarray,
    y: np.ndarray,
    prior: Sequence[float] = POPULATION,
    prior_sd: float | None = PRIOR_SD,
) -> tuple[tuple[float, ...], np.ndarray]:
    """`fit`, with the Laplace approximation of the coefficients' posterior covariance."""
    design = np.column_stack([np.ones(len(y)), x])
    mean = np.asarray(prior, dtype=float)
    beta = mean.copy()
    penalty = np.zeros(design.shape[1]) if prior_sd is None else np.full(mean.size, prior_sd**-2)
    for _ in range(50):
        p = _sigmoid(design @ beta)
        grad = design.T @ (y - p) - penalty * (beta - mean)
        hess = design.T @ (design * (p * (1 - p))[:, None]) + np.diag(penalty + 1e-6)
        step = np.linalg.solve(hess, grad)
        beta = beta + step
        if np.max(np.abs(step)) < 1e-8:
            break
    p = _sigmoid(design @ beta)
    hess = design.T @ (design * (p * (1 - p))[:, None]) + np.diag(penalty + 1e-6)
    return tuple(float(b) for b in beta), np.linalg.inv(hess)


def _flare_starts(days: Sequence[OutlookDay]) -> int:
    in_flare = flare_days(days)
    starts, before = 0, False
    for d in sorted(days, key=lambda d: d.date):
        now = d.date in in_flare
        starts += now and not before
        before = now
    return starts


def personal_coefficients(
    days: Sequence[OutlookDay], prior: Sequence[float] = POPULATION
) -> tuple[tuple[float, ...], np.ndarray] | None:
    """The person's own coefficients and their posterior covariance when they have enough
    flares, else None."""
    if len(days) < MIN_OWN_DAYS or _flare_starts(days) < MIN_OWN_FLARES:
        return None
    x, y = training_rows(days)
    if y.sum() < MIN_OWN_FLARES or len(y) < MIN_OWN_DAYS // 2:
        return None
    return posterior(x, y, prior)


def outlook(
    days: Sequence[OutlookDay],
    today: date,
    prior: Sequence[float] = POPULATION,
    personalise: bool = True,
) -> Outlook:
    """The outlook for the 48 hours after `today` (the diary may include today)."""
    latest = max((d for d in days if d.date <= today), key=lambda d: d.date, default=None)
    if latest is not None and latest.flare and (today - latest.date).days <= 1:
        return Outlook(
            "in_flare",
            message=(
                "You noted a flare recently. The outlook pauses while it settles; your flare plan "
                "and a gentler pace are the focus for now."
            ),
        )
    x = features(days, today)
    if x is None:
        return Outlook(
            "not_enough_data",
            message=(
                "Not enough recent entries for an outlook yet: about 10 days with check-ins in the "
                "last four weeks are needed."
            ),
        )
    own = personal_coefficients(days, prior) if personalise else None
    coef, cov = own or (tuple(prior), None)
    p, usual = chance(coef, x, cov), chance(coef, (0.0,) * len(FEATURES), cov)
    reasons = sorted(
        (
            Reason(f, WORDS[f], HELPS[f], coef[i + 1] * x[i])
            for i, f in enumerate(FEATURES)
            if coef[i + 1] * x[i] >= 0.15
        ),
        key=lambda r: -r.weight,
    )[:3]
    level = _level(p, usual)
    return Outlook(
        "ok",
        p,
        usual,
        level,
        tuple(reasons),
        own is not None,
        _message(p, usual, level, reasons, own is not None),
    )


def _level(p: float, usual: float) -> str:
    ratio = p / usual if usual > 0 else 1.0
    if ratio < 0.8:
        return "lower than usual"
    if ratio <= 1.5:
        return "about usual"
    if ratio <= 3.0:
        return "a little higher than usual"
    return "higher than usual"


def percent(p: float) -> str:
    value = 100 * p
    if value < 1:
        return "less than 1 in 100"
    return f"about {round(value)} in 100"


def _message(p: float, usual: float, level: str, reasons: Sequence[Reason], own: bool) -> str:
    whose = "your own past flares" if own else "people with patterns like yours"
    text = (
        f"The chance of a flare in the next two days looks {level}: {percent(p)} "
        f"(on a usual day, {percent(usual)}). This estimate is based on {whose}; "
        "most days like this pass without a flare."
    )
    if reasons:
        text += " What stands out: " + "; ".join(r.words for r in reasons) + "."
    return text
