"""One error for "this field breaks a rule", raised by every app's write path (diary entries,
plans, records, lessons, programs, consent) and answered in one place by the API (422 with
`{detail, errors: [{field, message}]}`, pacewise.api.errors) and shown by the web forms."""

from __future__ import annotations


class RuleError(ValueError):
    """A value breaks a rule; `field` names the input it is about, `message` says the rule."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def as_errors(self) -> list[dict[str, str]]:
        return [{"field": self.field, "message": self.message}]
