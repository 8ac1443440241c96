"""Encryption at rest for private free text (thought records, journal entries, the flare kit).

Fernet (AES-128-CBC + HMAC-SHA256) through ``MultiFernet``: the first key in
``settings.PACEWISE_FIELD_KEYS`` encrypts, every key decrypts, so keys can be rotated by putting
a new one first, running ``pacewise reencrypt``, then dropping the old one. With no keys set, one
key is derived from ``SECRET_KEY`` with HKDF-SHA256; that derived key is also always kept as the
last decrypting key, so setting explicit keys later loses nothing (see README, "Private notes and
encryption").

The column holds only the Fernet token; nothing about the text is searchable in the database.
"""

from __future__ import annotations

import base64
import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

HKDF_SALT = b"pacewise-field-encryption"
HKDF_INFO = b"pacewise fieldcrypt v1"


class DecryptionFailed(ValueError):
    """A stored value could not be decrypted with any configured key."""


@lru_cache(maxsize=4)
def derive_key(secret: str) -> bytes:
    """A Fernet key derived from ``secret`` (the SECRET_KEY) with HKDF-SHA256."""
    raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=HKDF_SALT, info=HKDF_INFO).derive(
        secret.encode("utf-8")
    )
    return base64.urlsafe_b64encode(raw)


def configured_keys() -> tuple[str, ...]:
    """The keys in use, the encrypting one first. The key derived from SECRET_KEY always comes
    last, to decrypt notes written before explicit keys were set (then ``pacewise reencrypt``)."""
    keys = tuple(k.strip() for k in getattr(settings, "PACEWISE_FIELD_KEYS", []) if k.strip())
    derived = derive_key(settings.SECRET_KEY).decode("ascii")
    return tuple(dict.fromkeys((*keys, derived)))


@lru_cache(maxsize=8)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key.encode("ascii")))
        except (ValueError, UnicodeEncodeError) as exc:
            raise ImproperlyConfigured(
                f"PACEWISE_FIELD_KEYS: key {position} is not a Fernet key (32 url-safe base64 "
                "bytes). Make one with: python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'"
            ) from exc
    return MultiFernet(fernets)


def fernet() -> MultiFernet:
    return _fernet(configured_keys())


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeEncodeError) as exc:
        raise DecryptionFailed(
            "A private note could not be decrypted: is the key that wrote it still in "
            "PACEWISE_FIELD_KEYS (or SECRET_KEY unchanged)?"
        ) from exc


def rotate(token: str) -> str:
    """The same text, encrypted again with the first key (``MultiFernet.rotate``)."""
    try:
        return fernet().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as exc:
        raise DecryptionFailed("A private note could not be decrypted with any key.") from exc


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token. Not searchable or sortable in the database, by design."""

    description = "Text, encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return decrypt(value)

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt(str(value))


class EncryptedJSONField(EncryptedTextField):
    """A small JSON value (e.g. feelings and their ratings), encrypted at rest."""

    description = "JSON, encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return json.loads(decrypt(value))

    def get_prep_value(self, value):
        if value is None:
            return None
        return encrypt(json.dumps(value, ensure_ascii=False, separators=(",", ":")))

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj))
