"""Validated questionnaires: definitions are data, scoring is a pure function.

A definition is a plain mapping (parsed JSON); `parse_definition` checks it
thoroughly and returns an `Instrument`. `score` turns answers into a `Score`,
`change` compares two scores against the minimal clinically important
difference, and `safety_flags` reports self-harm answers. No file, clock or
framework is touched here: `pacewise.instruments.load_all` reads the files.

Errors are `ValueError` subclasses: `DefinitionError` (a broken definition),
`InvalidAnswers` (answers that do not fit the form), `CannotScore` (the form is
too incomplete to score under its own rules), `CannotCompare` (no MCID).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

FORMAT = 1
SCORING_RULES = ("sum", "mean")
SAFETY_KINDS = ("self_harm",)
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_LOINC = re.compile(r"^\d{1,8}-\d$")
_LOINC_ANSWER = re.compile(r"^LA\d{1,8}-\d$")
_EPSILON = 1e-9


class InstrumentError(ValueError):
    """Base class for every questionnaire error."""


class DefinitionError(InstrumentError):
    """A definition breaks one or more rules; `problems` lists each as 'field: problem'."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems = tuple(problems)
        if len(self.problems) == 1:
            message = f"{source}: {self.problems[0]}"
        else:
            lines = "".join(f"\n  - {p}" for p in self.problems)
            message = f"{source}: {len(self.problems)} problems:{lines}"
        super().__init__(message)


class InvalidAnswers(InstrumentError):
    """Answers name an unknown question or give a value the question does not offer."""


class CannotScore(InstrumentError):
    """Too many questions are unanswered to score under the instrument's own rule."""


class CannotCompare(InstrumentError):
    """Two scores cannot be compared (different instruments, or no MCID)."""


@dataclass(frozen=True)
class Option:
    value: int
    text: str
    loinc: str | None = None


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    options: tuple[Option, ...]
    loinc: str | None = None
    short: str | None = None
    scored: bool = True
    safety: str | None = None

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(o.value for o in self.options)


@dataclass(frozen=True)
class Band:
    min: int
    max: int
    label: str
    interpretation: str
    suggest_clinician: bool = False


@dataclass(frozen=True)
class Mcid:
    value: float
    plain: str
    source: str


@dataclass(frozen=True)
class MissingRule:
    """How many scored items may be blank; each is replaced by the mean of the answered ones."""

    max_missing: int
    basis: str


@dataclass(frozen=True)
class Subscale:
    """A short form inside an instrument (e.g. PHQ-2 = PHQ-9 items 1-2), scored as a sum."""

    id: str
    name: str
    item_ids: tuple[str, ...]
    positive_at: int
    positive_text: str
    negative_text: str
    source: str
    citation: str
    loinc_total: str | None = None


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    title: str
    version: str
    language: str
    recall_period: str
    stem: str | None
    about: str | None
    items: tuple[Item, ...]
    scoring: str
    score_range: tuple[float, float]
    better: str
    bands: tuple[Band, ...]
    bands_note: str | None
    mcid: Mcid | None
    missing: MissingRule
    subscales: tuple[Subscale, ...]
    loinc_panel: str | None
    loinc_total: str | None
    licence: str
    citation: str
    source: str = ""

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.scored)

    def item(self, item_id: str) -> Item:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def subscale(self, subscale_id: str) -> Subscale:
        for s in self.subscales:
            if s.id == subscale_id:
                return s
        raise KeyError(subscale_id)


@dataclass(frozen=True)
class SafetyFlag:
    kind: str
    item_id: str
    value: int


@dataclass(frozen=True)
class SubscaleScore:
    id: str
    name: str
    total: int
    positive_screen: bool
    interpretation: str
    loinc_total: str | None = None


@dataclass(frozen=True)
class Score:
    instrument_id: str
    instrument_version: str
    total: float
    band: Band | None
    subscales: tuple[SubscaleScore, ...]
    prorated: bool
    missing_items: tuple[str, ...]
    safety_flags: tuple[SafetyFlag, ...]
    safety_unanswered: tuple[str, ...]
    suggest_clinician: bool
    interpretation: str

    @property
    def band_label(self) -> str | None:
        return self.band.label if self.band else None

    def subscale(self, subscale_id: str) -> SubscaleScore | None:
        return next((s for s in self.subscales if s.id == subscale_id), None)


@dataclass(frozen=True)
class Change:
    instrument_id: str
    baseline: float
    latest: float
    difference: float
    meaningful: bool
    direction: str  # "better", "worse" or "same"
    message: str
    meaning: str
    caveat: str | None


# ---------------------------------------------------------------- parsing


def parse_definition(data: Mapping[str, Any], source: str = "definition") -> Instrument:
    """Check a definition against every rule and build an `Instrument`.

    Raises `DefinitionError` listing all problems found, each naming its field.
    """
    return _Parser(source).parse(data)


_TOP_REQUIRED = {
    "format": int,
    "id": str,
    "name": str,
    "title": str,
    "version": str,
    "language": str,
    "recall_period": str,
    "items": list,
    "scoring": str,
    "score_range": list,
    "better": str,
    "bands": list,
    "mcid": dict,
    "missing_items": dict,
    "licence": str,
    "citation": str,
}
_TOP_OPTIONAL = {
    "stem": (str, type(None)),
    "about": (str, type(None)),
    "answer_sets": dict,
    "bands_note": str,
    "bands_source": str,
    "subscales": list,
    "loinc": dict,
}


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[str] = []

    def fail(self, path: str, problem: str) -> None:
        self.problems.append(f"{path}: {problem}")

    def keys(self, d: Any, path: str, required: dict, optional: dict) -> bool:
        if not isinstance(d, Mapping):
            self.fail(path or "(top level)", "must be an object")
            return False
        prefix = f"{path}." if path else ""
        for key, kind in required.items():
            if key not in d:
                self.fail(f"{prefix}{key}", "is required")
            elif not _is(d[key], kind):
                self.fail(f"{prefix}{key}", f"must be {_kind_name(kind)}")
        for key, kind in optional.items():
            if key in d and not _is(d[key], kind):
                self.fail(f"{prefix}{key}", f"must be {_kind_name(kind)}")
        for key in d:
            if key not in required and key not in optional and not str(key).startswith("_"):
                self.fail(f"{prefix}{key}", "unknown field (fields starting with _ are ignored)")
        return True

    def text(self, d: Mapping, key: str, path: str) -> str:
        value = d.get(key)
        if isinstance(value, str) and not value.strip():
            self.fail(f"{path}.{key}" if path else key, "must not be empty")
        return value if isinstance(value, str) else ""

    def parse(self, d: Mapping[str, Any]) -> Instrument:
        if not self.keys(d, "", _TOP_REQUIRED, _TOP_OPTIONAL):
            raise DefinitionError(self.source, self.problems)
        if d.get("format") not in (None, FORMAT):
            self.fail("format", f"must be {FORMAT}")
        if isinstance(d.get("id"), str) and not _ID.match(d["id"]):
            self.fail("id", "use lower-case letters, digits, '_' or '-'")
        for key in ("name", "title", "version", "language", "recall_period", "licence", "citation"):
            self.text(d, key, "")
        answer_sets = self.answer_sets(d.get("answer_sets", {}))
        items = self.items(d.get("items", []), answer_sets)
        scoring = d.get("scoring")
        if isinstance(scoring, str) and scoring not in SCORING_RULES:
            self.fail("scoring", f"unknown rule {scoring!r}; known: {', '.join(SCORING_RULES)}")
        score_range = self.score_range(d.get("score_range"), items, scoring)
        if isinstance(d.get("better"), str) and d["better"] not in ("lower", "higher"):
            self.fail("better", "must be 'lower' or 'higher'")
        bands = self.bands(d.get("bands", []), score_range, "bands")
        if isinstance(d.get("bands"), list) and not bands and not d.get("bands_note"):
            self.fail("bands_note", "is required when bands is empty: say why there are none")
        mcid = self.mcid(d.get("mcid"), score_range)
        missing = self.missing(d.get("missing_items"), items)
        subscales = self.subscales(d.get("subscales", []), items, d.get("id"))
        loinc = self.loinc(d.get("loinc", {}))
        if self.problems:
            raise DefinitionError(self.source, self.problems)
        return Instrument(
            id=d["id"],
            name=d["name"],
            title=d["title"],
            version=d["version"],
            language=d["language"],
            recall_period=d["recall_period"],
            stem=d.get("stem"),
            about=d.get("about"),
            items=items,
            scoring=scoring,
            score_range=score_range,
            better=d["better"],
            bands=bands,
            bands_note=d.get("bands_note"),
            mcid=mcid,
            missing=missing,
            subscales=subscales,
            loinc_panel=loinc.get("panel"),
            loinc_total=loinc.get("total"),
            licence=d["licence"],
            citation=d["citation"],
            source=self.source,
        )

    def answer_sets(self, sets: Any) -> dict[str, tuple[Option, ...]]:
        if not isinstance(sets, Mapping):
            return {}
        return {name: self.options(opts, f"answer_sets.{name}") for name, opts in sets.items()}

    def options(self, opts: Any, path: str) -> tuple[Option, ...]:
        if not isinstance(opts, list) or len(opts) < 2:
            self.fail(path, "must be a list of at least 2 options")
            return ()
        out = []
        for n, o in enumerate(opts):
            p = f"{path}[{n}]"
            if not self.keys(o, p, {"value": int, "text": str}, {"loinc": (str, type(None))}):
                continue
            if isinstance(o.get("value"), bool):
                self.fail(f"{p}.value", "must be a whole number, not true/false")
            self.text(o, "text", p)
            self.loinc_code(o.get("loinc"), f"{p}.loinc", answer=True)
            if isinstance(o.get("value"), int) and isinstance(o.get("text"), str):
                out.append(Option(o["value"], o["text"], o.get("loinc")))
        values = [o.value for o in out]
        if len(set(values)) != len(values):
            self.fail(path, f"option values must be unique, got {values}")
        texts = [o.text for o in out]
        if len(set(texts)) != len(texts):
            self.fail(path, "option texts must be unique")
        return tuple(out)

    def items(self, raw: Any, answer_sets: Mapping[str, tuple[Option, ...]]) -> tuple[Item, ...]:
        out: list[Item] = []
        seen: set[str] = set()
        optional = {
            "loinc": (str, type(None)),
            "short": (str, type(None)),
            "scored": bool,
            "safety": (str, type(None)),
        }
        for n, it in enumerate(raw):
            p = f"items[{n}]"
            if not self.keys(it, p, {"id": str, "text": str, "options": (str, list)}, optional):
                continue
            item_id = it.get("id")
            if isinstance(item_id, str):
                if not _ID.match(item_id):
                    self.fail(f"{p}.id", "use lower-case letters, digits, '_' or '-'")
                if item_id in seen:
                    self.fail(f"{p}.id", f"duplicate item id {item_id!r}")
                seen.add(item_id)
            self.text(it, "text", p)
            self.loinc_code(it.get("loinc"), f"{p}.loinc")
            safety = it.get("safety")
            if isinstance(safety, str) and safety not in SAFETY_KINDS:
                self.fail(f"{p}.safety", f"unknown safety kind {safety!r}; known: {SAFETY_KINDS}")
            opts = it.get("options")
            if isinstance(opts, str):
                if opts not in answer_sets:
                    self.fail(f"{p}.options", f"no answer set named {opts!r}")
                options = answer_sets.get(opts, ())
            else:
                options = self.options(opts, f"{p}.options")
            if isinstance(item_id, str) and isinstance(it.get("text"), str) and options:
                out.append(
                    Item(
                        item_id,
                        it["text"],
                        options,
                        it.get("loinc"),
                        it.get("short"),
                        it.get("scored", True),
                        safety,
                    )
                )
        if not any(i.scored for i in out):
            self.fail("items", "at least one scored item is required")
        return tuple(out)

    def score_range(self, raw: Any, items: tuple[Item, ...], scoring: Any) -> tuple[float, float]:
        ok = (
            isinstance(raw, list)
            and len(raw) == 2
            and all(_is(v, (int, float)) for v in raw)
            and raw[0] < raw[1]
        )
        if not ok:
            self.fail("score_range", "must be [lowest, highest] with lowest < highest")
            return (0.0, 0.0)
        scored = [i for i in items if i.scored]
        if scored and scoring in SCORING_RULES:
            low = sum(min(i.values) for i in scored)
            high = sum(max(i.values) for i in scored)
            if scoring == "mean":
                low, high = low / len(scored), high / len(scored)
            if not (math.isclose(low, raw[0]) and math.isclose(high, raw[1])):
                self.fail(
                    "score_range",
                    f"declared {raw} but the scored items give "
                    f"[{_fmt(low)}, {_fmt(high)}] by {scoring}",
                )
        return (raw[0], raw[1])

    def bands(self, raw: list, score_range: tuple[float, float], path: str) -> tuple[Band, ...]:
        out: list[Band] = []
        for n, b in enumerate(raw):
            p = f"{path}[{n}]"
            req = {"min": int, "max": int, "label": str, "interpretation": str}
            if not self.keys(b, p, req, {"suggest_clinician": bool}):
                continue
            self.text(b, "label", p)
            self.text(b, "interpretation", p)
            if all(_is(b.get(k), int) for k in ("min", "max")) and b["min"] > b["max"]:
                self.fail(p, f"min {b['min']} is above max {b['max']}")
            if all(k in b and _is(b[k], t) for k, t in req.items()):
                out.append(
                    Band(
                        b["min"],
                        b["max"],
                        b["label"],
                        b["interpretation"],
                        b.get("suggest_clinician", False),
                    )
                )
        if not out or len(out) != len(raw):
            return tuple(out)
        out.sort(key=lambda b: b.min)
        labels = [b.label for b in out]
        if len(set(labels)) != len(labels):
            self.fail(path, "band labels must be unique")
        low, high = score_range
        if out[0].min != low:
            self.fail(
                path, f"first band starts at {out[0].min}, not at the lowest score {_fmt(low)}"
            )
        if out[-1].max != high:
            self.fail(
                path, f"last band ends at {out[-1].max}, not at the highest score {_fmt(high)}"
            )
        for a, b in zip(out, out[1:], strict=False):
            if b.min <= a.max:
                self.fail(path, f"bands {a.label!r} and {b.label!r} overlap at {b.min}-{a.max}")
            elif b.min > a.max + 1:
                self.fail(
                    path, f"gap between {a.label!r} (to {a.max}) and {b.label!r} (from {b.min})"
                )
        return tuple(out)

    def mcid(self, raw: Any, score_range: tuple[float, float]) -> Mcid | None:
        if not self.keys(raw, "mcid", {"value": (int, float), "plain": str, "source": str}, {}):
            return None
        self.text(raw, "plain", "mcid")
        self.text(raw, "source", "mcid")
        value = raw.get("value")
        if not _is(value, (int, float)):
            return None
        if value <= 0 or value > score_range[1] - score_range[0]:
            self.fail("mcid.value", f"{value} must be above 0 and within the score range")
        return Mcid(float(value), raw.get("plain", ""), raw.get("source", ""))

    def missing(self, raw: Any, items: tuple[Item, ...]) -> MissingRule:
        fields = {"source": str, "reason": str}
        if not self.keys(raw, "missing_items", {"max_missing": int}, fields):
            return MissingRule(0, "")
        allowed = raw.get("max_missing")
        if not _is(allowed, int):
            return MissingRule(0, "")
        n_scored = sum(1 for i in items if i.scored)
        if allowed < 0 or (n_scored and allowed >= n_scored):
            self.fail("missing_items.max_missing", f"must be from 0 to {n_scored - 1}")
        if allowed > 0 and not raw.get("source"):
            self.fail("missing_items.source", "is required when blanks are allowed: cite the rule")
        if allowed == 0 and not raw.get("reason"):
            self.fail(
                "missing_items.reason",
                "is required when blanks are not allowed: "
                "say why (e.g. the instrument defines no rule)",
            )
        return MissingRule(allowed, raw.get("source") or raw.get("reason") or "")

    def subscales(self, raw: list, items: tuple[Item, ...], parent_id: Any) -> tuple[Subscale, ...]:
        scored = {i.id: i for i in items if i.scored}
        out: list[Subscale] = []
        seen = {parent_id}
        req = {
            "id": str,
            "name": str,
            "items": list,
            "positive_at": int,
            "positive_text": str,
            "negative_text": str,
            "source": str,
            "citation": str,
        }
        for n, s in enumerate(raw):
            p = f"subscales[{n}]"
            if not self.keys(s, p, req, {"loinc_total": (str, type(None))}):
                continue
            if s.get("id") in seen:
                self.fail(f"{p}.id", f"duplicate id {s.get('id')!r}")
            seen.add(s.get("id"))
            for key in ("name", "positive_text", "negative_text", "source", "citation"):
                self.text(s, key, p)
            self.loinc_code(s.get("loinc_total"), f"{p}.loinc_total")
            ids = s.get("items") or []
            unknown = [i for i in ids if i not in scored]
            if unknown or not ids or len(set(ids)) != len(ids):
                bad = unknown or ids
                self.fail(f"{p}.items", f"must list distinct scored item ids; bad: {bad}")
                continue
            high = sum(max(scored[i].values) for i in ids)
            low = sum(min(scored[i].values) for i in ids)
            if _is(s.get("positive_at"), int) and not low < s["positive_at"] <= high:
                self.fail(f"{p}.positive_at", f"must be above {low} and at most {high}")
            if all(k in s and _is(s[k], t) for k, t in req.items()):
                out.append(
                    Subscale(
                        s["id"],
                        s["name"],
                        tuple(ids),
                        s["positive_at"],
                        s["positive_text"],
                        s["negative_text"],
                        s["source"],
                        s["citation"],
                        s.get("loinc_total"),
                    )
                )
        return tuple(out)

    def loinc(self, raw: Any) -> dict[str, str | None]:
        codes = {"panel": (str, type(None)), "total": (str, type(None))}
        if not self.keys(raw, "loinc", {}, codes):
            return {}
        for key in codes:
            self.loinc_code(raw.get(key), f"loinc.{key}")
        return {k: raw.get(k) for k in codes}

    def loinc_code(self, code: Any, path: str, answer: bool = False) -> None:
        pattern, example = (_LOINC_ANSWER, "LA6568-5") if answer else (_LOINC, "44261-6")
        if isinstance(code, str) and not pattern.match(code):
            self.fail(path, f"{code!r} is not a LOINC code like {example!r}")


def _is(value: Any, kind: type | tuple[type, ...]) -> bool:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        return False
    return isinstance(value, kinds)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {
        int: "a whole number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "an object",
        bool: "true or false",
        type(None): "null",
    }
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names[k] for k in kinds)


# ---------------------------------------------------------------- scoring


def score(instrument: Instrument, answers: Mapping[str, int | None]) -> Score:
    """Score one completed form.

    `answers` maps item id to the chosen option value; None or absent means blank.
    Raises `InvalidAnswers` for unknown items or values, `CannotScore` when more
    items are blank than the instrument's missing-item rule allows.
    """
    _check_answers(instrument, answers)
    scored = instrument.scored_items
    given = [answers[i.id] for i in scored if answers.get(i.id) is not None]
    missing = tuple(i.id for i in scored if answers.get(i.id) is None)
    if len(missing) > instrument.missing.max_missing:
        raise CannotScore(_refusal(instrument, missing))
    total = _aggregate(instrument.scoring, given, len(scored))
    band = band_for(instrument, total)
    subscales = tuple(
        _score_subscale(s, answers)
        for s in instrument.subscales
        if all(answers.get(i) is not None for i in s.item_ids)
    )
    flags = safety_flags(instrument, answers)
    unanswered = tuple(i.id for i in instrument.items if i.safety and answers.get(i.id) is None)
    result = Score(
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        total=total,
        band=band,
        subscales=subscales,
        prorated=bool(missing),
        missing_items=missing,
        safety_flags=flags,
        safety_unanswered=unanswered,
        suggest_clinician=bool(flags) or bool(band and band.suggest_clinician),
        interpretation="",
    )
    return _with_interpretation(instrument, result)


def band_for(instrument: Instrument, total: float) -> Band | None:
    """The band a total falls in; a mean between bands (e.g. 3.67) belongs to the lower one."""
    found = None
    for band in instrument.bands:
        if band.min <= total + _EPSILON:
            found = band
    return found


def safety_flags(instrument: Instrument, answers: Mapping[str, Any]) -> tuple[SafetyFlag, ...]:
    """Every safety item answered above zero (e.g. PHQ-9 item 9: values 1, 2 or 3).

    Deliberately lenient: it never raises, and reads numeric strings, so that a
    malformed form elsewhere can never hide a self-harm answer.
    """
    flags = []
    for item in instrument.items:
        value = _as_number(answers.get(item.id)) if isinstance(answers, Mapping) else None
        if item.safety and value is not None and value > 0:
            flags.append(SafetyFlag(item.safety, item.id, int(value)))
    return tuple(flags)


def short_form(instrument: Instrument, subscale_id: str) -> Instrument:
    """A subscale as an instrument of its own (e.g. PHQ-2 given alone), same item ids.

    It has two bands (negative / positive screen), no MCID (screeners are not
    measures of change) and no prorating.
    """
    sub = instrument.subscale(subscale_id)
    items = tuple(instrument.item(i) for i in sub.item_ids)
    low = sum(min(i.values) for i in items)
    high = sum(max(i.values) for i in items)
    bands = (
        Band(low, sub.positive_at - 1, "Negative screen", sub.negative_text),
        Band(sub.positive_at, high, "Positive screen", sub.positive_text, suggest_clinician=True),
    )
    return Instrument(
        id=sub.id,
        name=sub.name,
        title=f"{sub.name} (from the {instrument.name})",
        version=instrument.version,
        language=instrument.language,
        recall_period=instrument.recall_period,
        stem=instrument.stem,
        about=instrument.about,
        items=items,
        scoring="sum",
        score_range=(low, high),
        better=instrument.better,
        bands=bands,
        bands_note=sub.source,
        mcid=None,
        missing=MissingRule(0, "Two-question screeners are only scored when both are answered."),
        subscales=(),
        loinc_panel=None,
        loinc_total=sub.loinc_total,
        licence=instrument.licence,
        citation=sub.citation,
        source=instrument.source,
    )


def _check_answers(instrument: Instrument, answers: Mapping[str, Any]) -> None:
    if not isinstance(answers, Mapping):
        raise InvalidAnswers("answers must be a mapping of item id to value")
    known = {i.id: i for i in instrument.items}
    problems = []
    for item_id, value in answers.items():
        item = known.get(item_id)
        if item is None:
            problems.append(f"{item_id!r} is not a question of the {instrument.name}")
        elif value is not None and (not _is(value, int) or value not in item.values):
            allowed = ", ".join(str(v) for v in item.values)
            problems.append(f"{item_id}: {value!r} is not one of {allowed}")
    if problems:
        raise InvalidAnswers(f"{instrument.name}: " + "; ".join(problems))


def _refusal(instrument: Instrument, missing: tuple[str, ...]) -> str:
    n = len(instrument.scored_items)
    allowed = instrument.missing.max_missing
    need = "all" if allowed == 0 else f"at least {n - allowed} of"
    return (
        f"The {instrument.name} can only be scored when {need} its {n} questions are "
        f"answered; {len(missing)} left blank ({', '.join(missing)}). "
        f"{instrument.missing.basis}"
    )


def _aggregate(rule: str, values: list[int], n_items: int) -> float:
    mean = sum(values) / len(values)
    if rule == "mean":
        return round(mean, 2)
    if len(values) == n_items:
        return sum(values)
    # Prorated sum: blanks take the mean of the answered items, rounded half up.
    return math.floor(mean * n_items + 0.5)


def _score_subscale(sub: Subscale, answers: Mapping[str, Any]) -> SubscaleScore:
    total = sum(answers[i] for i in sub.item_ids)
    positive = total >= sub.positive_at
    text = sub.positive_text if positive else sub.negative_text
    return SubscaleScore(sub.id, sub.name, total, positive, text, sub.loinc_total)


def _with_interpretation(instrument: Instrument, result: Score) -> Score:
    high = instrument.score_range[1]
    parts = []
    if result.safety_flags:
        # Safety first, never after other text (DESIGN.md section 6).
        parts.append(
            "You told us about thoughts of being better off dead or of hurting "
            "yourself. Thank you for telling us. You do not have to face this alone: "
            "please look at the support contacts shown with this result, where you "
            "can reach someone right now."
        )
    parts.append(f"Your {instrument.name} score is {_fmt(result.total)} out of {_fmt(high)}.")
    if result.band:
        parts.append(result.band.interpretation)
    elif instrument.about:
        parts.append(instrument.about)
    parts += [s.interpretation for s in result.subscales if s.positive_screen]
    if result.prorated:
        parts.append("A few questions were left blank, so this score is an estimate.")
    return replace(result, interpretation=" ".join(parts))


def _as_number(value: Any) -> float | None:
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


# ---------------------------------------------------------------- change


def change(instrument: Instrument, baseline: Score, latest: Score) -> Change:
    """Compare two scores of one instrument against its MCID, in plain words.

    Direction-aware: for an instrument where lower is better, going down is better.
    """
    for s in (baseline, latest):
        if s.instrument_id != instrument.id:
            raise CannotCompare(f"a {s.instrument_id} score cannot be compared as {instrument.id}")
    if instrument.mcid is None:
        raise CannotCompare(
            f"the {instrument.name} has no established minimal important "
            "change; it is a screener, not a measure of change"
        )
    diff = latest.total - baseline.total
    meaningful = abs(diff) + _EPSILON >= instrument.mcid.value
    if abs(diff) < _EPSILON:
        direction = "same"
    else:
        went_down = diff < 0
        direction = "better" if went_down == (instrument.better == "lower") else "worse"
    caveat = None
    if baseline.prorated or latest.prorated:
        caveat = (
            "One of these scores was estimated from a form with blank questions, "
            "so treat this change with some care."
        )
    return Change(
        instrument_id=instrument.id,
        baseline=baseline.total,
        latest=latest.total,
        difference=round(diff, 2),
        meaningful=meaningful,
        direction=direction,
        message=_change_message(instrument, diff, meaningful),
        meaning=_change_meaning(instrument, direction, meaningful),
        caveat=caveat,
    )


def _change_message(instrument: Instrument, diff: float, meaningful: bool) -> str:
    name, plain = instrument.name, instrument.mcid.plain if instrument.mcid else ""
    if abs(diff) < _EPSILON:
        return f"Your {name} score stayed the same."
    amount = _fmt(abs(diff))
    unit = "point" if amount == "1" else "points"
    way = "down" if diff < 0 else "up"
    size = (
        "a change big enough to matter"
        if meaningful
        else "smaller than the change that usually matters"
    )
    return f"Your {name} score went {way} by {amount} {unit} \u2014 {size} ({plain})."


def _change_meaning(instrument: Instrument, direction: str, meaningful: bool) -> str:
    good = "Lower" if instrument.better == "lower" else "Higher"
    if direction == "same" or not meaningful:
        return "Small ups and downs like this are common and often even out over time."
    if direction == "better":
        return f"{good} scores are better, so this is real progress."
    return (
        "Things seem to have been harder lately. That happens, and it is worth talking "
        "over with your care team."
    )


def _fmt(x: float) -> str:
    x = round(float(x), 1)
    return str(int(x)) if x.is_integer() else f"{x:.1f}"
