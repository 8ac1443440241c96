"""Crisis help that fits the person: lines for *their* country, as tappable tel:/sms: links.

The numbers are data (``data/crisis_lines.json``), each with its official source and the day
it was checked; only numbers with a source are shipped (CLINICAL.md §7). A country without
its own lines gets the local emergency number: 112 across the EU, otherwise "your local
emergency number". The person's country is chosen at sign-up (default from the browser's
language) and changeable in Account; the server's PACEWISE_CRISIS_COUNTRY is only the
default for people who have not chosen one and for pages seen signed out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

DATA = Path(__file__).with_name("data") / "crisis_lines.json"


@dataclass(frozen=True)
class Link:
    label: str  # "Call 988", "Text 988"
    href: str  # "tel:988", "sms:741741?&body=HOME"


@dataclass(frozen=True)
class Contact:
    title: str
    text: str
    links: tuple[Link, ...]
    source: str = ""
    checked: str = ""


@dataclass(frozen=True)
class CrisisHelp:
    country: str
    country_name: str
    emergency_number: str | None
    contacts: tuple[Contact, ...]  # crisis lines first, the emergency number last

    def as_api(self) -> list[dict]:
        return [
            {
                "title": c.title,
                "text": c.text,
                "links": [{"label": x.label, "href": x.href} for x in c.links],
                "source": c.source,
            }
            for c in self.contacts
        ]


@cache
def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


ELSEWHERE = "ZZ"  # ISO 3166 user-assigned "unknown": the local emergency number, no lines


def country_choices() -> list[tuple[str, str]]:
    """Every country with lines or a known emergency number, by name, then "Somewhere else"
    (which shows the local emergency number, never another country's lines)."""
    data = _data()
    names = {code: c["name"] for code, c in data["countries"].items()} | data["names"]
    return sorted(names.items(), key=lambda kv: kv[1]) + [(ELSEWHERE, "Somewhere else")]


def _links(line: dict) -> tuple[Link, ...]:
    number = line["number"]
    shown = line.get("display", number)  # "116 123": how the number is said and written
    links = []
    for action in line["actions"]:
        if action == "tel":
            links.append(Link(f"Call {shown}", f"tel:{number}"))
        else:
            body = line.get("sms_body")
            href = f"sms:{number}" + (f"?&body={quote(body)}" if body else "")
            links.append(Link(f"Text {shown}", href))
    return tuple(links)


def _emergency(number: str, source: str, checked: str) -> Contact:
    return Contact(
        f"Call {number}",
        "If you or someone else is in immediate danger.",
        (Link(f"Call {number}", f"tel:{number}"),),
        source,
        checked,
    )


FALLBACK = (
    Contact(
        "Call your local emergency number",
        "If you or someone else is in immediate danger.",
        (),
    ),
    Contact("Go to the nearest emergency department", "They can help you right away.", ()),
)


def crisis_help(country: str | None) -> CrisisHelp:
    """The contacts for ``country`` (ISO 3166-1 alpha-2; "UK" is read as "GB")."""
    code = (country or "").upper().strip()
    code = "GB" if code == "UK" else code
    data = _data()
    found = data["countries"].get(code)
    if found is not None:
        e = found["emergency"]
        lines = tuple(
            Contact(x["title"], x["text"], _links(x), x["source"], x["checked"])
            for x in found["lines"]
        )
        emergency = _emergency(e["number"], e["source"], e["checked"])
        return CrisisHelp(code, found["name"], e["number"], lines + (emergency,))
    eu = data["eu_emergency"]
    if code in eu["members"]:
        emergency = _emergency(eu["number"], eu["source"], eu["checked"])
        name = data["names"].get(code, code)
        return CrisisHelp(code, name, eu["number"], (emergency, FALLBACK[1]))
    return CrisisHelp(code, "", None, FALLBACK)


def country_for(user) -> str:
    """The person's chosen country, else the server's default."""
    chosen = getattr(user, "country", "") if user is not None else ""
    return chosen or settings.PACEWISE_CRISIS_COUNTRY


def help_for(user) -> CrisisHelp:
    return crisis_help(country_for(user))


def help_for_patient(patient) -> CrisisHelp:
    return help_for(patient.user)


_REGION = re.compile(r"^[a-zA-Z]{2,3}[-_]([a-zA-Z]{2})\b")


def country_from_languages(accept_language: str) -> str:
    """The first region in an Accept-Language header ("en-GB,en;q=0.9" -> "GB") that we know,
    else ""."""
    known = {code for code, _ in country_choices() if code != ELSEWHERE}
    for part in accept_language.split(","):
        match = _REGION.match(part.strip())
        if match and match.group(1).upper() in known:
            return match.group(1).upper()
    return ""
