"""Who may see or act on a patient's data: every patient-data URL and API operation, every role.

The cases live in `cases_<app>.py` beside this file. A URL or API operation that is not listed
there makes the two classification tests below fail.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from matrix import ROLES

from cast import bearer
from pacewise.accounts.models import AuditEvent
from pacewise.api.api import api

CASE_MODULES = [
    importlib.import_module(p.stem) for p in sorted(Path(__file__).parent.glob("cases_*.py"))
]
WEB = {name: case for m in CASE_MODULES for name, case in m.WEB.items()}
API = {op: case for m in CASE_MODULES for op, case in m.API.items()}
NOT_PATIENT_DATA = set().union(*(m.NOT_PATIENT_DATA for m in CASE_MODULES))
PREFIXES_WITHOUT_PATIENT_DATA = ("accounts/", "api/")


def test_no_case_is_listed_twice():
    assert sum(len(m.WEB) for m in CASE_MODULES) == len(WEB)
    assert sum(len(m.API) for m in CASE_MODULES) == len(API)


def walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def test_every_url_is_classified():
    unclassified = []
    for route, pattern in walk(get_resolver().url_patterns):
        if route.startswith(PREFIXES_WITHOUT_PATIENT_DATA):
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
    # The person's own actions are not audited, except resuming after a red-flag pause,
    # which the care team must be able to see (plans.red_flags.clear).
    own = AuditEvent.objects.filter(patient=cast.record, actor=cast.patient)
    if role == "patient" and expected == "ok":
        assert set(own.values_list("what", flat=True)) <= {"red-flag-cleared"}
    events = AuditEvent.objects.filter(patient=cast.record).exclude(
        actor=cast.patient, what="red-flag-cleared"
    )
    if expected == "ok" and role != "patient":
        event = events.get()
        assert event.actor == cast.user(role)
        assert event.clinic == cast.clinic
        assert event.action == ("change" if write else "view")
        assert event.ip_address == "127.0.0.1"
    else:
        assert not events.exists()


def _urlencode(data):
    return urlencode(data)


def _json(data):
    return json.dumps(data) if data else ""
