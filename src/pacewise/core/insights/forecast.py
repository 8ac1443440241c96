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
from pacewise.core.facts import DayRecord
from pacewise.core.pacing.flare import find_flares

HORIZON_DAYS = 2
WINDOW_DAYS = 28
FEATURES = ("spike", "overdid", "sleep_debt", "stress", "pain_trend")
# Fitted by `bench/flare_outlook.py --fit` on 360 simulated people (seeds "train-*").
POPULATION = (-2.6, 1.02, 0.45, 0.01, 0.03, -0.12)  # intercept, then FEATURES in order
# Used on people it was not fitted to, a prediction model's signals are too strong (a
# calibration slope below 1 on external data: Steyerberg, Clinical Prediction Models, 2nd ed.
# 2019, ch. 13; van Houwelingen, Stat Med 2001;20:2713-2722), so the signals are halved before
# use: on simulated people of two other models this brought the stated chances near the
# observed rate and barely changed the ranking (bench/flare_calibration.py).
SIGNAL_SHRINK = 0.5
PRIOR = (POPULATION[0], *(c * SIGNAL_SHRINK for c in POPULATION[1:]))
PRIOR_SD = 0.5  # how far a person's own coefficients may move from the population's
MIN_OWN_FLARES = 3  # flare starts in the person's diary before their own fit is used
MIN_OWN_DAYS = 90
# Calibration to the person: the model's level is moved so that, over the person's own past
# days, the average stated chance equals their own observed rate of flares starting, shrunk
# toward the model's own average as if it had been seen on PRIOR_DAYS days (a beta prior whose
# weight fades as the diary grows). The rate counts the flares the person declared (the pain
# rule of `flare_days` finds about twice as many as there are on simulated people; declared
# ones are close to the truth): a person who has never declared one is counted by the pain
# rule. Conventions and figures: docs/evidence/forecast.md.
PRIOR_DAYS = 30
RATE_DAYS = 120  # the rate is the person's over their last four months of diary
# Numbers are earned: scored day by day on the person's own past (each day predicted only from
# the days before it), the outlook must beat simply saying their usual rate (Brier skill above
# EARN_MIN_SKILL) over at least EARN_MIN_DAYS days holding EARN_MIN_FLARE_DAYS flare-ahead days.
EARN_MIN_DAYS = 60
EARN_MIN_FLARE_DAYS = 4
EARN_WINDOW_DAYS = 180  # the most recent scored days that count
EARN_MIN_SKILL = 0.02  # a gain smaller than 2% of the usual rate's Brier score is not shown

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
    earned: bool = False  # the number has beaten the person's usual rate on their own days
    skill: float | None = None  # that Brier skill (None: too few scored days yet)
    scored_days: int = 0
    own_rate: float | None = None  # the person's calibrated usual rate (flare-ahead days)

    @property
    def shown_chance(self) -> float | None:
        """The chance to show as a number: only once it is earned."""
        return self.chance if self.earned else None


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
    return _features({d.date: d for d in days}, today)


def _features(by_date: dict[date, OutlookDay], today: date) -> tuple[float, ...] | None:
    window = [by_date.get(today - timedelta(days=i)) for i in range(WINDOW_DAYS)]
    if sum(d is not None for d in window) < 10:
        return None

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


@dataclass(frozen=True)
class Rows:
    """The diary's scorable days: each not in a flare and with the next 48 hours logged."""

    dates: list[date]
    x: np.ndarray  # features, one row a day
    y: np.ndarray  # 1.0: a flare went on within the next 48 hours (declared or by pain)
    said: np.ndarray  # 1.0: a flare the person declared starts within the next 48 hours
    # (by the pain rule if they never declared one): what calibrates the level

    @property
    def empty(self) -> bool:
        return not self.dates


def diary_rows(days: Sequence[OutlookDay]) -> Rows:
    by_date = {d.date: d for d in days}
    in_flare = flare_days(days)
    declared = {d.date for d in days if d.flare} or in_flare
    said_flares = {d for d in declared if d - timedelta(days=1) not in declared}  # starts
    dates, xs, ys, said = [], [], [], []
    for d in sorted(days, key=lambda d: d.date):
        if d.date in in_flare:
            continue
        ahead = [d.date + timedelta(days=i) for i in range(1, HORIZON_DAYS + 1)]
        if any(a not in by_date for a in ahead):
            continue
        signals = _features(by_date, d.date)
        if signals is None:
            continue
        dates.append(d.date)
        xs.append(signals)
        ys.append(1.0 if any(a in in_flare for a in ahead) else 0.0)
        said.append(1.0 if any(a in said_flares for a in ahead) else 0.0)
    x = np.array(xs).reshape(-1, len(FEATURES))
    return Rows(dates, x, np.array(ys), np.array(said))


def training_rows(days: Sequence[OutlookDay]) -> tuple[np.ndarray, np.ndarray]:
    """(X, y) from a diary: each day not in a flare, y = a flare starts within 48 hours."""
    rows = diary_rows(days)
    return rows.x, rows.y


def _log_odds(coef: Sequence[float], x: np.ndarray) -> np.ndarray:
    return coef[0] + x @ np.asarray(coef[1:], dtype=float)


def own_rate(y: np.ndarray, model_mean: float) -> float:
    """The person's usual rate: their observed flare-ahead rate, shrunk toward the model's
    own average as if that had been seen on PRIOR_DAYS days."""
    return float((y.sum() + PRIOR_DAYS * model_mean) / (y.size + PRIOR_DAYS))


def level_shift(z: np.ndarray, target: float) -> float:
    """The shift of the log-odds that makes the mean chance over these days equal `target`
    (calibration in the large; Newton's method on a monotone function)."""
    if z.size == 0:
        return 0.0
    target = min(max(target, 1e-4), 1 - 1e-4)
    shift = 0.0
    for _ in range(30):
        p = _sigmoid(z + shift)
        gap, slope = p.mean() - target, (p * (1 - p)).mean()
        if abs(gap) < 1e-7 or slope <= 0:
            break
        shift -= max(-2.0, min(2.0, gap / slope))
    return float(shift)


@dataclass(frozen=True)
class Scored:
    """How the outlook would have done on the person's own past days, each day predicted only
    from the days whose 48 hours had passed before it (prequential scoring)."""

    dates: list[date]
    chance: np.ndarray  # the outlook's calibrated chance that day
    usual: np.ndarray  # the person's usual rate known that day (the comparison)
    y: np.ndarray

    @property
    def skill(self) -> float | None:
        ref = float(np.sum((self.usual - self.y) ** 2))
        if self.y.size == 0 or ref == 0:
            return None
        return 1.0 - float(np.sum((self.chance - self.y) ** 2)) / ref


def calibration(rows: Rows, z: np.ndarray, day: date) -> tuple[float, float]:
    """(level shift, the person's usual rate) for predicting on `day`, from the rows whose 48
    hours had passed by then, over the last RATE_DAYS days (so a rate that changes is
    followed)."""
    ordinals = np.array([d.toordinal() for d in rows.dates], dtype=int)
    return _calibration(rows, z, ordinals, day.toordinal())


def _calibration(rows: Rows, z: np.ndarray, ordinals: np.ndarray, day: int) -> tuple[float, float]:
    idx = np.flatnonzero((ordinals >= day - RATE_DAYS) & (ordinals + HORIZON_DAYS < day))
    if idx.size:
        model_mean = float(_sigmoid(z[idx]).mean())
    else:
        model_mean = float(_sigmoid(z).mean()) if z.size else float(_sigmoid(np.float64(0)))
    rate = own_rate(rows.said[idx], model_mean)
    return level_shift(z[idx], rate), rate


def score_own_days(rows: Rows, coef: Sequence[float]) -> Scored:
    """The last EARN_WINDOW_DAYS scorable days, each as it would have been stated that day."""
    z = _log_odds(coef, rows.x)
    ordinals = np.array([d.toordinal() for d in rows.dates], dtype=int)
    first = max(0, len(rows.dates) - EARN_WINDOW_DAYS)
    chance, usual = np.zeros(len(rows.dates) - first), np.zeros(len(rows.dates) - first)
    for k, j in enumerate(range(first, len(rows.dates))):
        shift, rate = _calibration(rows, z, ordinals, int(ordinals[j]))
        chance[k] = float(_sigmoid(z[j] + shift))
        usual[k] = rate
    return Scored(rows.dates[first:], chance, usual, rows.said[first:])


def earned(scored: Scored) -> tuple[bool, float | None, int]:
    """(earned, skill, days scored) over the most recent EARN_WINDOW_DAYS scored days."""
    keep = slice(max(0, len(scored.dates) - EARN_WINDOW_DAYS), None)
    recent = Scored(scored.dates[keep], scored.chance[keep], scored.usual[keep], scored.y[keep])
    n = recent.y.size
    if n < EARN_MIN_DAYS or recent.y.sum() < EARN_MIN_FLARE_DAYS:
        return False, None, n
    skill = recent.skill
    return skill is not None and skill > EARN_MIN_SKILL, skill, n


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
    days: Sequence[OutlookDay], prior: Sequence[float] = PRIOR, rows: Rows | None = None
) -> tuple[tuple[float, ...], np.ndarray] | None:
    """The person's own coefficients and their posterior covariance when they have enough
    flares, else None. `rows`: the diary's rows, when the caller has them already."""
    if len(days) < MIN_OWN_DAYS or _flare_starts(days) < MIN_OWN_FLARES:
        return None
    rows = rows or diary_rows(days)
    x, y = rows.x, rows.y
    if y.sum() < MIN_OWN_FLARES or len(y) < MIN_OWN_DAYS // 2:
        return None
    return posterior(x, y, prior)


def outlook(
    days: Sequence[OutlookDay],
    today: date,
    prior: Sequence[float] = PRIOR,
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
    rows = diary_rows(days)
    own = personal_coefficients(days, prior, rows) if personalise else None
    coef, cov = own or (tuple(prior), None)
    z = _log_odds(coef, rows.x)
    shift, rate = calibration(rows, z, today + timedelta(days=HORIZON_DAYS + 1))
    if not rows.dates:  # nothing scored yet: the model's own level for a usual day
        shift, rate = 0.0, chance(coef, (0.0,) * len(FEATURES))
    is_earned, skill, scored_days = earned(score_own_days(rows, coef))
    coef = (coef[0] + shift, *coef[1:])
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
    message = (
        _message(p, usual, level, reasons, own is not None)
        if is_earned
        else _words(level, reasons, scored_days)
    )
    return Outlook(
        "ok",
        p,
        usual,
        level,
        tuple(reasons),
        own is not None,
        message,
        earned=is_earned,
        skill=skill,
        scored_days=scored_days,
        own_rate=rate,
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


def _words(level: str, reasons: Sequence[Reason], scored_days: int) -> str:
    """The outlook without a number, and why there is none yet."""
    text = f"The chance of a flare in the next two days looks {level}"
    text += (": " + "; ".join(r.words for r in reasons) + ".") if reasons else "."
    if scored_days < EARN_MIN_DAYS:
        why = (
            "No number yet: a number is shown once the outlook has been checked against about "
            "two months of your own days, with a flare or two among them, and has done better "
            "than simply expecting your usual."
        )
    else:
        why = (
            "No number yet: on your own past days, a number would not yet have done better than "
            "simply expecting your usual chance, so it speaks in words until it does."
        )
    return f"{text} Even so, most days like this pass without a flare. {why}"


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
