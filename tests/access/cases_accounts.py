"""Access cases for accounts: the patient's record, sharing and the access log."""

from __future__ import annotations

from matrix import (
    API_OWNER_ONLY,
    API_READ,
    OWNER_ONLY,
    READ,
    SHARE,
    Case,
    clinic_code,
)

WEB = {
    "patient-home": Case("GET", READ),
    "patient-access-log": Case("GET", OWNER_ONLY),
    "patient-sharing": Case("GET", OWNER_ONLY),
    "patient-sharing-confirm": Case("POST", OWNER_ONLY, 302, clinic_code("other_clinic")),
    "patient-sharing-stop": Case("POST", OWNER_ONLY, 302, params=SHARE),
    "patient-contact": Case(
        "POST", OWNER_ONLY, 302, lambda cast: {"contact_phone": "+44 20 7946 0000"}
    ),
}

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
}

# URLs that hold no patient's data (public pages, one's own account, clinic pages).
NOT_PATIENT_DATA = {
    "home",
    "account-settings",
    "account-time-zone",
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
