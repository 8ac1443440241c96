"""Every number the pacing engine uses, in one place, each with its source.

Sources are the ones listed in ``/shared/CLINICAL.md`` and ``docs/evidence/pacing.md``.
Where a figure is a convention rather than a trial result it says "convention": such numbers are
configurable defaults, not clinical constants. Pain, fatigue and stress are 0-10 scales.
"""

from __future__ import annotations

# --- Baseline -------------------------------------------------------------------------------
# Graded activity starts from a logged baseline (Lindström 1992; Veenhof 2006).
BASELINE_MIN_DAYS = 5  # at least 5 logged days per activity (DESIGN §5)
BASELINE_MIN_CALENDAR_DAYS = 7  # and one full week, so weekday patterns are seen (convention)
BASELINE_MAX_DAYS = 14  # the baseline never runs longer than 14 calendar days (DESIGN §5)
# Start below what the person tolerates now: quota ~ 70-80% of the tolerated average
# (Lindström 1992; Veenhof 2006). Fatigue-dominant conditions start lower, ~60-70% (DESIGN §5,
# NICE NG206: stay inside the energy envelope).
START_FRACTION = 0.80
START_FRACTION_FATIGUE = 0.65
# Used only when nothing is known yet about an activity: this many smallest bouts (convention).
UNKNOWN_START_BOUTS = 2

# --- Weekly progression (pain-monitoring model) ---------------------------------------------
# Time-contingent increments of ~5-10% a week are a convention, not a trial constant
# (Lindström 1992; Macedo 2010).
GREEN_STEP = 0.10
GREEN_STEP_FATIGUE = 0.05
# Fatigue-dominant: raise only after a stable period inside the envelope (NICE NG206).
# Two green weeks in a row is our convention for "stable".
STABLE_GREEN_WEEKS_FATIGUE = 2
# Red week: step back ~10-20% (DESIGN §5; convention).
RED_STEP_BACK = 0.10
RED_STEP_BACK_SEVERE = 0.20
# Learning the person's tolerance (core.pacing.tolerance): the last 4 weeks of their own diary show
# an amount that went well on a full day and, sometimes, the load their symptoms answered. A green
# week's step is doubled while the plan, even after a doubled step, stays at or below what went well
# (it repeats what the person has already done, so it adds no new load: the pain-monitoring model
# judges a load by the response to it, Silbernagel 2007; the 7-day load stays inside the 1.3x spike
# guard, Gabbett 2016), and halved once the next step would come within 10% of a load their symptoms
# answered. A fatigue-dominant person may take the doubled step after one green week instead of two:
# the step repeats a load already shown to settle 48 h later (NICE NG206: symptom-led, not
# time-led). The window, the minimum of good days behind an estimate, the factors and the 10% are
# conventions.
TOLERANCE_WINDOW_DAYS = 28
TOLERANCE_MIN_DAYS = 4
# A load counts as answered when at least two bigger-than-ordinary days were followed by a
# response and such days answered at least this much more often than ordinary ones did: one
# rating carries about a point of noise (Farrar 2001), so some unsettled mornings come with
# any load (convention).
ANSWER_MARGIN = 0.25
FAST_STEP_FACTOR = 2.0
SLOW_STEP_FACTOR = 0.5
NEAR_ANSWERED = 0.90
# Flares on a rhythm (core.pacing.flare_rhythm): at least 3 onsets in the last 6 months, 2-8 weeks
# apart (a menstrual cycle is 21-35 days), every interval within 15% of their median; the
# expected onset is taken give or take 3 days, and a green week whose next week meets it holds
# (conventions; Suri 2012 for flares as common and short).
RHYTHM_MIN_FLARES = 3
RHYTHM_WINDOW_DAYS = 183
RHYTHM_MIN_DAYS = 14
RHYTHM_MAX_DAYS = 56
RHYTHM_TOLERANCE = 0.15
RHYTHM_SLACK_DAYS = 3
# By the menstrual cycle (days tagged as a period's first day): flares in at least 2 cycles,
# each starting within 3 days of the same point in the cycle (convention).
RHYTHM_MIN_CYCLE_FLARES = 2
# Weekly review confidence ruler (0-10): below 7 a smaller step is offered and the person
# chooses (Miller & Rollnick 2013; 7 is a working threshold in MI practice, not a trial
# cut-off: the same figure as Learn's goal setting, ``goals.CONFIDENT_ENOUGH``).
# The smaller step applies half of the proposed raise (convention).
SMALLER_STEP = 0.5
# Progress only when the plan was mostly done on the days it was done: a raise on top of a plan
# that was not reached adds nothing but pressure (convention).
COMPLETION_FOR_PROGRESS = 0.80
# Fewer logged days than this in a week: not enough to judge, so hold (convention).
MIN_LOGGED_DAYS_FOR_REVIEW = 3

# Pain during activity up to 5/10 is acceptable (Thomeé 1997; Silbernagel 2007) ...
PAIN_DURING_LIMIT = 5.0
# ... or up to ~2 points above usual when usual pain is already high (DESIGN §5).
HIGH_USUAL_MARGIN = 2.0
# Pain after must settle by the next morning (Thomeé 1997). A morning counts as "not settled"
# when it is 2+ points above usual (FLARE_PAIN_MARGIN, the meaningful change) and at least this
# much above the morning before the activity (convention for "settled").
SETTLE_MARGIN = 1.0
# Mornings looked at after an activity day: next morning (Thomeé 1997); fatigue-dominant
# conditions worsen a day or two later, so look back 48 h (NICE NG206).
LOOKAHEAD_MORNINGS = 1
LOOKAHEAD_MORNINGS_FATIGUE = 2
# Self-reported pain varies by about a point from day to day with no real change (NRS
# test-retest; a 2-point change is the smallest meaningful one, Farrar 2001), so one noisy
# morning is not a signal: amber from 2 unsettled mornings in a week, red from 4 (convention).
# A high morning is confirmed when a second report (the day's average pain, or the next
# morning in the same week) is at least this far above usual; when every second report is
# back within a point of usual, the high rating was noise (convention; Farrar 2001).
CONFIRM_MARGIN = 1.0
UNSETTLED_AMBER_COUNT = 2
UNSETTLED_RED_COUNT = 4
# Sessions above the pain-during limit in a week: amber from 2, red from 4 (convention).
OVER_LIMIT_AMBER_COUNT = 2
OVER_LIMIT_RED_COUNT = 4
# Pain must not trend up week to week (Thomeé 1997; Silbernagel 2007): a rise of the weekly mean
# pain over usual by this much is amber / red (convention, in line with the 2-point flare rise).
WEEKLY_TREND_AMBER = 1.0
WEEKLY_TREND_RED = 2.0

# --- Usual pain -----------------------------------------------------------------------------
USUAL_WINDOW_DAYS = 28  # "usual" = median of the last 4 weeks outside flares (convention)
USUAL_MIN_VALUES = 3  # fewer pain values than this: usual is unknown (convention)

# --- Flares ---------------------------------------------------------------------------------
# Pain-defined flare: a rise of >= 2 points over usual (Costa 2019/2021) on 2+ days (DESIGN §5).
FLARE_PAIN_MARGIN = 2.0
FLARE_MIN_DAYS = 2
# Calm days with data needed before a flare counts as settled (convention; fatigue-dominant
# waits a day longer because worsening can lag, NICE NG206).
FLARE_SETTLE_DAYS = 1
FLARE_SETTLE_DAYS_FATIGUE = 2
# Deload to ~50% of the pre-flare quota, keeping gentle movement (NICE NG59: no bed rest).
# Convention (CLINICAL §2).
FLARE_DELOAD = 0.50
# Today says "well paced" up to this much over the day's plan; beyond it, that it was more than
# the plan and a rest now is part of pacing (convention; a gentle word, not a boom-bust rule).
WELL_PACED_UP_TO = 1.2
# A flare lasting this many days or more brings a kind prompt to contact a clinician and to
# re-check red flags: most flares settle within days to a couple of weeks (Suri et al., Clin J
# Pain 2012;28:573-580), and "about two weeks" is common guidance (CLINICAL.md §2). Convention.
LONG_FLARE_DAYS = 14
# Staged return to the pre-flare level over 1-2 weeks (Suri 2012: most flares last days;
# the stages are a convention, CLINICAL §2): fraction of quota at each stage.
RETURN_STAGES = (0.625, 0.75, 0.875)
# Once a flare has settled (a calm day with data), most people are back to their usual within
# days (Suri 2012), so the return takes one week, the short end of "1-2 weeks": 1 settle day +
# 3 stages x 2 days. Fatigue-dominant conditions, whose worsening lags, take about two weeks
# (NICE NG206). Conventions.
RETURN_STAGE_DAYS = 2
RETURN_STAGE_DAYS_FATIGUE = 4

# --- Daily readiness ------------------------------------------------------------------------
# Today's dose = quota x factor, never above 1 (DESIGN §5: never above quota on a good day,
# that is how boom-bust starts). Factors are conventions.
# Pain above usual: points above usual -> factor. A 1-point change is within day-to-day noise;
# 2 points is the smallest meaningful change (Farrar 2001), so the dose only drops from there.
READINESS_PAIN_STEPS = ((3.0, 0.60), (2.0, 0.75))
# Fatigue above the person's usual: points above usual -> factor. When usual fatigue is not
# known yet, an absolute level is used instead.
READINESS_FATIGUE_STEPS = ((3.0, 0.70), (2.0, 0.85))
READINESS_FATIGUE_ABSOLUTE = ((9.0, 0.70), (8.0, 0.85))
# Sleep: short (< 6 h) and long (> 9 h) sleep relate to more next-day pain
# (Finan 2013; Edwards 2008). Hours -> factor.
# Sleep is a *predictor* of today's pain: when today's pain is reported it already shows what
# the night did, so counting a short night again would lower the dose twice for one cause.
# With pain reported, only a very short night (< 4.5 h) still counts (convention).
READINESS_SHORT_SLEEP = ((4.5, 0.80), (6.0, 0.90))  # used when today's pain is not given
READINESS_SLEEP_WITH_PAIN = ((4.5, 0.90),)
LONG_SLEEP_HOURS = 9.0
READINESS_LONG_SLEEP = 0.95
READINESS_FLOOR = 0.50  # keep gentle movement: never below half the plan (NICE NG59)

# --- Load guards ----------------------------------------------------------------------------
# Keep the 7-day load within ~1.3x the 28-day average (Gabbett 2016); a soft heuristic only
# (Impellizzeri 2020), so it caps today's dose and never drives progression.
SPIKE_RATIO = 1.3
SPIKE_MIN_LOGGED_DAYS = 10  # logged days in the 28-day window before the guard applies
# Boom-bust: a day above 1.5x the plan followed within 2 days by a crash (Andrews 2012;
# Nielson 2013). Ratio and window are conventions.
BOOM_RATIO = 1.5
BOOM_CRASH_DAYS = 2
BOOM_LOOKBACK_DAYS = 14
CRASH_FRACTION = 0.5  # a "crash" day: under half the plan, or a flare, or pain >= usual + 2

# --- Gaps -----------------------------------------------------------------------------------
# No diary data for a week or more: re-enter gently, in the same stages as after a flare
# (convention; deconditioning after a break is expected).
LONG_GAP_DAYS = 7
VERY_LONG_GAP_DAYS = 21
REENTRY_START = 0.70
REENTRY_START_LONG = 0.50

# --- Shape of the day -----------------------------------------------------------------------
# "Easier today": a smaller choice is always offered (principle 3: a few minutes count).
EASIER_FACTOR = 0.5
# Split into bouts no longer than this (exercise is cumulative; micro-sessions; convention).
MAX_BOUT_MINUTES = 10.0
MAX_BOUT_MINUTES_FATIGUE = 6.0
MAX_SET_REPS = 10.0

# --- Days of the week -----------------------------------------------------------------------
# An exercise done on some days a week (strength 2, aerobic and balance 3, mobility 5: see
# docs/evidence/exercise.md) is asked for on a day only while the calendar week (Monday to
# Sunday) still needs it. Up to this many days a week, the day after a session is a rest day
# unless every remaining day is needed: at least 48 hours between resistance sessions for the
# same muscles (ACSM, Garber et al., Med Sci Sports Exerc 2011;43:1334-1359).
REST_DAY_UP_TO_DAYS_PER_WEEK = 3

# --- Care-team triage (core.care.triage; docs/evidence/triage.md) -----------------------------
# What the rules read: the last 5 weeks of diary.
TRIAGE_LOOKBACK_DAYS = 35
# Pain rising: the last 7 days' mean at least 2 points, or 30% (and at least a point), above the
# 28 days before: the smallest meaningful change in a 0-10 pain rating is about 2 points or
# about 30% (Farrar 2001); at least 4 and 10 ratings; the 1-point floor keeps low pain's small
# swings (1 -> 1.4) out (convention).
TRIAGE_PAIN_RISE = 2.0
TRIAGE_PAIN_RISE_SHARE = 0.30
TRIAGE_PAIN_RISE_MIN = 1.0
TRIAGE_MIN_WEEK_PAINS = 4
TRIAGE_MIN_MONTH_PAINS = 10
# A flare longer than usual for them: 1.5x the median of at least 3 earlier flares, and at least
# 5 days; any flare of LONG_FLARE_DAYS or more counts anyway (CLINICAL.md §2). Conventions.
TRIAGE_FLARE_LONGER = 1.5
TRIAGE_MIN_PAST_FLARES = 3
TRIAGE_FLARE_MIN_DAYS = 5
# Stopped logging: 8+ logged days in the 4 weeks before, then nothing for 7 days (convention:
# early drop-off is the commonest failure of digital self-management, and a week is the
# shortest silence that is not an ordinary gap).
TRIAGE_ACTIVE_DAYS = 8
TRIAGE_SILENT_DAYS = 7
# A scheduled questionnaire counts as overdue a week after its due day (its window; convention).
TRIAGE_OVERDUE_DAYS = 7
# Far from the plan for two weeks: over the last 14 days, on at least 6 days with both a plan and
# movement logged, at least half were over 1.5x the plan (the boom-bust "boom" factor,
# core.insights.boom_bust.FACTOR) or under half of it. Days with no movement logged are not read as
# no movement: a morning-only or check-in-only diary never gives this reason. Conventions.
TRIAGE_PLAN_DAYS = 14
TRIAGE_PLAN_MIN_DAYS = 6
TRIAGE_PLAN_OVER = 1.5
TRIAGE_PLAN_UNDER = 0.5
TRIAGE_PLAN_SHARE = 0.5
TRIAGE_PLAN_RUN_GAP = 7  # far days at most this far apart belong to one episode
