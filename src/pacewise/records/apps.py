from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """The person's whole record, on their terms: everything out (a zip) and erasure."""

    name = "pacewise.records"
    label = "records"
