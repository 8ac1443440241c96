"""Who may see or act on a patient's data: every patient-data URL and API operation, every role.

Adding a URL without classifying it here makes `test_every_url_is_classified` fail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cast import Cast, bearer
from pacewise.accounts.models import AuditEvent
from pacewise.api.api import api

ROLES = [
    "anonymous",
    "patient",
    "other_patient",
    "sharing_clinician",
    "other_clinic_clinician",
    "revoked_clinician",
    "clinician_without_2fa",
    "superuser",
]

# Outcomes: "ok", "login" (sent to sign in), "2fa" (sent to set up two-factor), or a status.
READ = {
    "anonymous": "login",
    "patient": "ok",
    "other_patient": 404,
    "sharing_clinician": "ok",
    "other_clinic_clinician": 404,
    "revoked_clinician": 404,
    "clinician_without_2fa": "2fa",
    "superuser": 404,
}
OWNER_ONLY = {**READ, "sharing_clinician": 403}


@dataclass(frozen=True)
class Case:
    method: str
    expect: dict
    ok_status: int = 200
    data: Callable[[Cast], dict] | None = None  # request body, built from the cast
    params: dict = field(default_factory=dict)  # path parameter -> function of the cast
    query: str = ""


def clinic_code(attribute):
    return lambda cast: {"code": getattr(cast, attribute).share_code}


CHECKIN = {"entry_id": lambda cast: cast.checkin.pk}
ACTIVITY = {"entry_id": lambda cast: cast.activity.pk}
SHARE = {"share_id": lambda cast: cast.share.pk}


WEB = {
    "patient-home": Case("GET", READ),
    "patient-access-log": Case("GET", OWNER_ONLY),
    "patient-sharing": Case("GET", OWNER_ONLY),
    "patient-sharing-confirm": Case("POST", OWNER_ONLY, 302, clinic_code("other_clinic")),
    "patient-sharing-stop": Case("POST", OWNER_ONLY, 302, params=SHARE),
    "diary-checkin": Case("GET", OWNER_ONLY, params={"kind": lambda cast: "full"}),
    "diary-activity": Case("GET", OWNER_ONLY),
    "diary-timeline": Case("GET", READ),
    "diary-deleted": Case("GET", OWNER_ONLY),
    "diary-day": Case("GET", READ, params={"day": lambda cast: cast.checkin.local_date}),
    "diary-edit": Case("GET", OWNER_ONLY, params=CHECKIN),
    "diary-delete": Case("POST", OWNER_ONLY, 302, params=CHECKIN),
    "diary-restore": Case("POST", OWNER_ONLY, 302, params=CHECKIN),
    "diary-history": Case("GET", READ, params=CHECKIN),
    "diary-export": Case("GET", OWNER_ONLY),
    "diary-import": Case("GET", OWNER_ONLY),
}

API_READ = {**READ, "anonymous": 401, "clinician_without_2fa": 403}
API_OWNER_ONLY = {**API_READ, "sharing_clinician": 403}
API = {
    ("get", "/api/patients/{patient_id}"): Case("GET", API_READ),
    ("get", "/api/patients/{patient_id}/access-log"): Case("GET", API_OWNER_ONLY),
    ("get", "/api/patients/{patient_id}/shares"): Case("GET", API_OWNER_ONLY),
    ("post", "/api/patients/{patient_id}/shares"): Case(
        "POST", API_OWNER_ONLY, 201, clinic_code("other_clinic")
    ),
    ("delete", "/api/patients/{patient_id}/shares/{share_id}"): Case(
        "DELETE", API_OWNER_ONLY, params=SHARE
    ),
    # the diary: clinicians who share may read it; only the patient writes it
    ("get", "/api/patients/{patient_id}/checkins"): Case("GET", API_READ),
    ("post", "/api/patients/{patient_id}/checkins"): Case(
        "POST", API_OWNER_ONLY, 201, lambda cast: {"pain_avg": 4}
    ),
    ("get", "/api/patients/{patient_id}/checkins/{entry_id}"): Case(
        "GET", API_READ, params=CHECKIN
    ),
    ("put", "/api/patients/{patient_id}/checkins/{entry_id}"): Case(
        "PUT", API_OWNER_ONLY, data=lambda cast: {"version": 1, "pain_avg": 6}, params=CHECKIN
    ),
    ("delete", "/api/patients/{patient_id}/checkins/{entry_id}"): Case(
        "DELETE", API_OWNER_ONLY, params=CHECKIN
    ),
    ("post", "/api/patients/{patient_id}/checkins/{entry_id}/restore"): Case(
        "POST", API_OWNER_ONLY, params=CHECKIN
    ),
    ("get", "/api/patients/{patient_id}/activities"): Case("GET", API_READ),
    ("post", "/api/patients/{patient_id}/activities"): Case(
        "POST", API_OWNER_ONLY, 201, lambda cast: {"activity": "walking", "minutes": 10}
    ),
    ("get", "/api/patients/{patient_id}/activities/{entry_id}"): Case(
        "GET", API_READ, params=ACTIVITY
    ),
    ("put", "/api/patients/{patient_id}/activities/{entry_id}"): Case(
        "PUT",
        API_OWNER_ONLY,
        data=lambda cast: {"version": 1, "activity": "walking", "minutes": 12},
        params=ACTIVITY,
    ),
    ("delete", "/api/patients/{patient_id}/activities/{entry_id}"): Case(
        "DELETE", API_OWNER_ONLY, params=ACTIVITY
    ),
    ("post", "/api/patients/{patient_id}/activities/{entry_id}/restore"): Case(
        "POST", API_OWNER_ONLY, params=ACTIVITY
    ),
    ("get", "/api/patients/{patient_id}/revisions/{entry_id}"): Case(
        "GET", API_READ, params=CHECKIN
    ),
    ("get", "/api/patients/{patient_id}/days"): Case(
        "GET", API_READ, query="?start=2026-01-01&end=2026-01-31"
    ),
}

# URLs that hold no patient's data (public pages, one's own account, clinic pages).
NOT_PATIENT_DATA = {
    "home",
    "account-settings",
    "account-tokens",
    "account-token-revoke",
    "invitation",
    "crisis",
    "about",
    "healthz",
    "caseload",
    "clinic",
    "clinic-invite",
    "clinic-invitation-cancel",
    "clinic-access-log",
}
NOT_PATIENT_DATA_PREFIXES = ("accounts/", "api/")


def walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def test_every_url_is_classified():
    unclassified = []
    for route, pattern in walk(get_resolver().url_patterns):
        if route.startswith(NOT_PATIENT_DATA_PREFIXES):
            continue
        name = pattern.name
        if "patient_id" in route:
            if name not in WEB:
                unclassified.append(f"{route} ({name}) touches patient data: add it to WEB")
        elif name not in NOT_PATIENT_DATA:
            unclassified.append(f"{route} ({name}): add it to WEB or NOT_PATIENT_DATA")
    assert unclassified == []


def test_every_patient_api_operation_is_in_the_matrix():
    schema = api.get_openapi_schema()
    operations = {
        (method, path)
        for path, ops in schema["paths"].items()
        for method in ops
        if "{patient_id}" in path
    }
    assert operations == set(API)


def _login(client, cast, role, *, api_call=False):
    user = cast.user(role)
    if user is None:
        return {}
    if api_call:
        return bearer(user)
    client.force_login(user)
    return {}


def _data(case, cast):
    return case.data(cast) if case.data else {}


def _kwargs(case, cast):
    kwargs = {"patient_id": cast.record.pk}
    kwargs.update({name: value(cast) for name, value in case.params.items()})
    return kwargs


def _assert_outcome(response, expected, ok_status, *, api_call):
    if expected == "ok":
        assert response.status_code == ok_status, response.content[:300]
    elif expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif expected == "2fa":
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
    else:
        assert response.status_code == expected, response.content[:300]
        if api_call:
            assert set(response.json()) == {"detail", "errors"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(WEB))
def test_web_access(client, cast, name, role):
    case = WEB[name]
    _login(client, cast, role)
    url = reverse(name, kwargs=_kwargs(case, cast))
    response = client.generic(
        case.method,
        url,
        data=_urlencode(_data(case, cast)),
        content_type="application/x-www-form-urlencoded",
    )
    expected = case.expect[role]
    _assert_outcome(response, expected, case.ok_status, api_call=False)
    _assert_audited(cast, role, expected, write=case.method != "GET")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(API), ids=lambda op: f"{op[0]} {op[1]}")
def test_api_access(client, cast, operation, role):
    method, path = operation
    case = API[operation]
    url = path
    for name, value in _kwargs(case, cast).items():
        url = url.replace("{" + name + "}", str(value))
    url += case.query
    headers = _login(client, cast, role, api_call=True)
    response = client.generic(
        case.method, url, data=_json(_data(case, cast)), content_type="application/json", **headers
    )
    expected = case.expect[role]
    _assert_outcome(response, expected, case.ok_status, api_call=True)
    _assert_audited(cast, role, expected, write=case.method != "GET")


def _assert_audited(cast, role, expected, *, write):
    events = AuditEvent.objects.filter(patient=cast.record)
    if expected == "ok" and role != "patient":
        event = events.get()
        assert event.actor == cast.user(role)
        assert event.clinic == cast.clinic
        assert event.action == ("change" if write else "view")
        assert event.ip_address == "127.0.0.1"
    else:
        assert not events.exists()


def _urlencode(data):
    from urllib.parse import urlencode

    return urlencode(data)


def _json(data):
    import json

    return json.dumps(data) if data else ""
