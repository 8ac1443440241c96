"""Reading JSON bodies: an object at the top, and every string in it fit to store as text
(pacewise.core.text: no U+0000, which PostgreSQL cannot store, and no direction overrides),
refused with the field named instead of failing in the database; a body that is an array,
a string or a number is refused instead of being read as an empty object.
"""

from __future__ import annotations

import json

from ninja.parser import Parser

from pacewise.core.text import text_problem


class BodyRejected(ValueError):
    """A body ninja would otherwise read wrongly; errors.py answers it as 422 (ninja wraps a
    parser's exception in a 400, with this one as its cause)."""

    def __init__(self, field: str, message: str, status: int = 422):
        super().__init__(message)
        self.field, self.message, self.status = field, message, status


def _bad_text_at(value, path=()):
    """(path, problem) of the first string value that cannot be stored as text, else None.
    Keys are not values: a field the API does not know is ignored whatever its name, and the
    keys it does take (question ids) are checked against their own list."""
    if isinstance(value, str):
        problem = text_problem(value)
        return (path, problem) if problem else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = _bad_text_at(item, (*path, key))
            if found is not None:
                return found
    if isinstance(value, list):
        for i, item in enumerate(value):
            found = _bad_text_at(item, (*path, i))
            if found is not None:
                return found
    return None


def _error(loc, msg, status=422):
    return BodyRejected(".".join(str(p) for p in loc) or "body", msg, status)


class StrictJsonParser(Parser):
    def parse_body(self, request):
        try:
            data = json.loads(request.body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise _error((), "The body is not valid JSON.", 400) from exc
        if not isinstance(data, dict):
            raise _error((), "The body must be a JSON object, like {\"field\": value}.")
        found = _bad_text_at(data)
        if found is not None:
            raise _error(*found)
        return data
