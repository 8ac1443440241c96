"""Private notes are encrypted at rest; keys rotate without losing anything."""

from __future__ import annotations

import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from learn_helpers import flare_kit_for, journal_for, thought_for

from pacewise.accounts import fieldcrypt
from pacewise.learn.models import FlareKit, JournalEntry, ThoughtRecord

SECRET = "My boss thinks I'm lazy and it will never end"
OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def raw_column(table: str, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608 - fixed names in tests
        return cursor.fetchone()[0]


def test_the_database_column_holds_no_plaintext(cast):
    thought_for(cast.record, thought=SECRET)
    raw = raw_column("learn_thoughtrecord", "thought")
    assert SECRET not in raw and "lazy" not in raw
    assert raw.startswith("gAAAA")  # a Fernet token
    assert ThoughtRecord.objects.get().thought == SECRET


def test_feelings_json_is_encrypted_too(cast):
    thought_for(cast.record, feelings=[{"name": "ashamed", "before": 90, "after": 40}])
    assert "ashamed" not in raw_column("learn_thoughtrecord", "feelings")
    assert ThoughtRecord.objects.get().feelings == [{"name": "ashamed", "before": 90, "after": 40}]


def test_journal_and_flare_kit_text_is_encrypted(cast):
    journal_for(cast.record, text="I was gentle with myself today")
    flare_kit_for(cast.record)
    assert "gentle" not in raw_column("learn_journalentry", "text")
    assert "Heat pack" not in raw_column("learn_flarekit", "helps")
    assert JournalEntry.objects.get().text == "I was gentle with myself today"
    assert FlareKit.objects.get().helps == "Heat pack and a slow walk"


def test_each_write_makes_a_different_token():
    assert fieldcrypt.encrypt("same") != fieldcrypt.encrypt("same")


def test_without_keys_a_key_is_derived_from_the_secret_key():
    with override_settings(PACEWISE_FIELD_KEYS=[], SECRET_KEY="k" * 50):
        token = fieldcrypt.encrypt("hello")
    with override_settings(PACEWISE_FIELD_KEYS=[fieldcrypt.derive_key("k" * 50).decode()]):
        assert fieldcrypt.decrypt(token) == "hello"
    other = override_settings(PACEWISE_FIELD_KEYS=[], SECRET_KEY="other" * 10)
    with other, pytest.raises(fieldcrypt.DecryptionFailed):
        fieldcrypt.decrypt(token)


def test_rotation_old_key_second_still_decrypts_then_reencrypt_moves_to_the_new(cast):
    with override_settings(PACEWISE_FIELD_KEYS=[OLD]):
        thought_for(cast.record, thought=SECRET)
        flare_kit_for(cast.record)
        old_token = raw_column("learn_thoughtrecord", "thought")
    with override_settings(PACEWISE_FIELD_KEYS=[NEW, OLD]):
        assert ThoughtRecord.objects.get().thought == SECRET  # old key, second in the list
        call_command("reencrypt", "learn", stdout=io.StringIO())
        assert raw_column("learn_thoughtrecord", "thought") != old_token
    with override_settings(PACEWISE_FIELD_KEYS=[NEW]):  # the old key is gone
        record = ThoughtRecord.objects.get()
        assert record.thought == SECRET
        assert record.feelings == [{"name": "worried", "before": 80, "after": None}]
        assert FlareKit.objects.get().kind_words.startswith("This will pass")
    with override_settings(PACEWISE_FIELD_KEYS=[OLD]), pytest.raises(fieldcrypt.DecryptionFailed):
        ThoughtRecord.objects.get()


def test_reencrypt_reports_what_it_did(cast, capsys):
    thought_for(cast.record)
    call_command("reencrypt", "learn")
    out = capsys.readouterr().out
    assert "learn.ThoughtRecord: 1 rows" in out and "Re-encrypted" in out


def test_a_bad_key_is_named_clearly():
    bad = override_settings(PACEWISE_FIELD_KEYS=["not-a-key"])
    with bad, pytest.raises(ImproperlyConfigured, match="key 1 is not a Fernet key"):
        fieldcrypt.encrypt("x")
