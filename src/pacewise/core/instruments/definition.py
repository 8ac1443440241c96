"""Checking a questionnaire definition (parsed JSON) and building an `Instrument`.

`parse_definition` reports every problem at once, each naming its field, so the
author of a clinic's own definition can fix them all in one go.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from .model import Band, DefinitionError, Instrument, Item, Mcid, MissingRule, Option, Subscale
from .values import format_score, is_kind

FORMAT = 1
SCORING_RULES = ("sum", "mean")
SAFETY_KINDS = ("self_harm",)
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_LOINC = re.compile(r"^\d{1,8}-\d$")
_LOINC_ANSWER = re.compile(r"^LA\d{1,8}-\d$")


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
            elif not is_kind(d[key], kind):
                self.fail(f"{prefix}{key}", f"must be {_kind_name(kind)}")
        for key, kind in optional.items():
            if key in d and not is_kind(d[key], kind):
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
            scoring=scoring if isinstance(scoring, str) else "",
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
            and all(is_kind(v, (int, float)) for v in raw)
            and raw[0] < raw[1]
        )
        if not ok:
            self.fail("score_range", "must be [lowest, highest] with lowest < highest")
            return (0.0, 0.0)
        scored = [i for i in items if i.scored]
        if scored and scoring in SCORING_RULES:
            low: float = sum(min(i.values) for i in scored)
            high: float = sum(max(i.values) for i in scored)
            if scoring == "mean":
                low, high = low / len(scored), high / len(scored)
            if not (math.isclose(low, raw[0]) and math.isclose(high, raw[1])):
                self.fail(
                    "score_range",
                    f"declared {raw} but the scored items give "
                    f"[{format_score(low)}, {format_score(high)}] by {scoring}",
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
            if all(is_kind(b.get(k), int) for k in ("min", "max")) and b["min"] > b["max"]:
                self.fail(p, f"min {b['min']} is above max {b['max']}")
            if all(k in b and is_kind(b[k], t) for k, t in req.items()):
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
                path,
                f"first band starts at {out[0].min}, not at the lowest score {format_score(low)}",
            )
        if out[-1].max != high:
            self.fail(
                path,
                f"last band ends at {out[-1].max}, not at the highest score {format_score(high)}",
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
        if not is_kind(value, (int, float)):
            return None
        if value <= 0 or value > score_range[1] - score_range[0]:
            self.fail("mcid.value", f"{value} must be above 0 and within the score range")
        return Mcid(float(value), raw.get("plain", ""), raw.get("source", ""))

    def missing(self, raw: Any, items: tuple[Item, ...]) -> MissingRule:
        fields = {"source": str, "reason": str}
        if not self.keys(raw, "missing_items", {"max_missing": int}, fields):
            return MissingRule(0, "")
        allowed = raw.get("max_missing")
        if not is_kind(allowed, int):
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
            if is_kind(s.get("positive_at"), int) and not low < s["positive_at"] <= high:
                self.fail(f"{p}.positive_at", f"must be above {low} and at most {high}")
            if all(k in s and is_kind(s[k], t) for k, t in req.items()):
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
