"""The instruments this server offers: the shipped ones, a clinic's licensed ones, short forms."""

from __future__ import annotations

from functools import cache

from django.conf import settings

from pacewise.core.instruments import Instrument, short_form
from pacewise.core.instruments.schedule import FLARE_SHORT_FORMS
from pacewise.instruments import load_all


@cache
def instruments() -> dict[str, Instrument]:
    found = dict(load_all(extra_dirs=settings.PACEWISE_INSTRUMENT_DIRS))
    for full, short in FLARE_SHORT_FORMS.items():
        if full in found:
            found[short] = short_form(found[full], short)
    return found


def get(instrument_id: str) -> Instrument | None:
    return instruments().get(instrument_id)
