from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.db.models.functions import Cast

from pacewise.accounts.fieldcrypt import EncryptedTextField, rotate


def encrypted_fields(app_labels=()):
    """(model, [field names]) for every model that has encrypted fields (in these apps)."""
    for model in apps.get_models():
        if app_labels and model._meta.app_label not in app_labels:
            continue
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            yield model, names


def reencrypt_model(model, names: list[str]) -> int:
    """Rotate every stored token of ``model`` to the first key. The tokens are read and written
    as plain text columns (Cast/Value), so the notes are never decrypted into model objects."""
    raw = {f"raw_{n}": Cast(n, models.TextField()) for n in names}
    rows = model.objects.annotate(**raw).values_list("pk", *raw)
    count = 0
    with transaction.atomic():
        for pk, *tokens in rows.iterator():
            fresh = {
                name: models.Value(rotate(token), output_field=models.TextField())
                for name, token in zip(names, tokens, strict=True)
                if token is not None
            }
            if fresh:
                model.objects.filter(pk=pk).update(**fresh)
                count += 1
    return count


class Command(BaseCommand):
    help = (
        "Encrypt all private notes again with the first key in PACEWISE_FIELD_KEYS. "
        "Run it after putting a new key first; then the old key can be removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("apps", nargs="*", help="only these apps (default: all)")

    def handle(self, *args, **options):
        total = 0
        for model, names in encrypted_fields(options["apps"]):
            count = reencrypt_model(model, names)
            total += count
            self.stdout.write(f"{model._meta.label}: {count} rows")
        self.stdout.write(f"Re-encrypted {total} rows with the first key.")
