"""Our own check of the codes in a FHIR bundle: fhir.resources checks structure, not codes.

`validate_codes` looks at what `pacewise.exchange.fhir` emits: LOINC codes (form,
check digit, and membership in the instrument definitions we ship), the R4
status value sets of Observation and QuestionnaireResponse, the Bundle type, and
Observation categories. See docs/exchange.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pacewise.core.instruments import Instrument

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"

# R4 required value sets (hl7.org/fhir/R4/valueset-*.html).
OBSERVATION_STATUSES = frozenset(
    {
        "registered",
        "preliminary",
        "final",
        "amended",
        "corrected",
        "cancelled",
        "entered-in-error",
        "unknown",
    }
)
RESPONSE_STATUSES = frozenset(
    {"in-progress", "completed", "amended", "entered-in-error", "stopped"}
)
OBSERVATION_CATEGORIES = frozenset(
    {
        "social-history",
        "vital-signs",
        "imaging",
        "laboratory",
        "procedure",
        "survey",
        "exam",
        "therapy",
        "activity",
    }
)
BUNDLE_TYPES = frozenset(
    {
        "document",
        "message",
        "transaction",
        "transaction-response",
        "batch",
        "batch-response",
        "history",
        "searchset",
        "collection",
    }
)

_LOINC_TERM = re.compile(r"^(\d{1,7})-(\d)$")
_LOINC_ANSWER = re.compile(r"^LA\d{1,8}-\d$")


def loinc_check_digit(number: str) -> int:
    """The LOINC mod-10 check digit of a term code's number part (the Luhn algorithm).

    Answer codes (LA...) carry no check digit that this algorithm reproduces, so
    they are checked against the definitions only.
    """
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            digit = digit - 9 if digit > 9 else digit
        total += digit
    return (10 - total % 10) % 10


def known_loinc_codes(instruments: Iterable[Instrument]) -> frozenset[str]:
    """Every LOINC code our instrument definitions use: panels, totals, items, answers."""
    codes: set[str | None] = set()
    for inst in instruments:
        codes |= {inst.loinc_panel, inst.loinc_total}
        codes |= {s.loinc_total for s in inst.subscales}
        for item in inst.items:
            codes.add(item.loinc)
            codes |= {o.loinc for o in item.options}
    return frozenset(c for c in codes if c)


def validate_codes(
    bundle: Mapping[str, Any],
    *,
    instruments: Iterable[Instrument] | None = None,
    allowed_loinc: Iterable[str] = (),
) -> list[str]:
    """Problems with the codes in a bundle dict; an empty list when all is well.

    Checks: bundle type; Observation and QuestionnaireResponse status against the R4
    value sets; Observation.category codings from the observation-category code system
    with a known code; every http://loinc.org coding is well formed, passes the check
    digit (term codes) and is one our shipped definitions use (or is in `allowed_loinc`).
    """
    if instruments is None:
        from pacewise.instruments import load_all

        instruments = load_all().values()
    known = known_loinc_codes(instruments) | frozenset(allowed_loinc)
    problems: list[str] = []
    if bundle.get("resourceType") != "Bundle":
        return [f"resourceType: expected 'Bundle', got {bundle.get('resourceType')!r}"]
    if bundle.get("type") not in BUNDLE_TYPES:
        problems.append(f"type: {bundle.get('type')!r} is not a Bundle type")
    for n, entry in enumerate(bundle.get("entry") or []):
        resource = entry.get("resource") or {}
        path = f"entry[{n}]({resource.get('resourceType', '?')})"
        problems += _status_problems(resource, path)
        problems += _category_problems(resource, path)
        for where, coding in _codings(resource, path):
            if coding.get("system") == LOINC:
                problems += _loinc_problems(coding.get("code"), where, known)
    return problems


def _status_problems(resource: Mapping[str, Any], path: str) -> list[str]:
    allowed = {"Observation": OBSERVATION_STATUSES, "QuestionnaireResponse": RESPONSE_STATUSES}
    kind = resource.get("resourceType")
    if kind in allowed and resource.get("status") not in allowed[kind]:
        return [f"{path}.status: {resource.get('status')!r} is not an R4 {kind} status"]
    return []


def _category_problems(resource: Mapping[str, Any], path: str) -> list[str]:
    if resource.get("resourceType") != "Observation":
        return []
    problems = []
    for i, concept in enumerate(resource.get("category") or []):
        for j, coding in enumerate(concept.get("coding") or []):
            where = f"{path}.category[{i}].coding[{j}]"
            if coding.get("system") != OBSERVATION_CATEGORY:
                problems.append(
                    f"{where}: system {coding.get('system')!r} is not {OBSERVATION_CATEGORY}"
                )
            elif coding.get("code") not in OBSERVATION_CATEGORIES:
                problems.append(f"{where}: {coding.get('code')!r} is not an observation category")
    return problems


def _loinc_problems(code: Any, where: str, known: frozenset[str]) -> list[str]:
    if not isinstance(code, str):
        return [f"{where}: LOINC coding without a code"]
    term = _LOINC_TERM.match(code)
    if not term and not _LOINC_ANSWER.match(code):
        return [f"{where}: {code!r} is not a LOINC code"]
    if term and loinc_check_digit(term[1]) != int(term[2]):
        right = f"{term[1]}-{loinc_check_digit(term[1])}"
        return [f"{where}: LOINC {code} fails the check digit (did you mean {right}?)"]
    if code not in known:
        return [f"{where}: LOINC {code} is not used by any instrument we ship"]
    return []


def _codings(node: Any, path: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every Coding in a resource: a dict with a `system` and a `code` (Quantity included)."""
    if isinstance(node, Mapping):
        if "system" in node and "code" in node:
            yield path, node
        for key, value in node.items():
            yield from _codings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _codings(value, f"{path}[{i}]")
