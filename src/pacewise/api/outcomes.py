"""/api/patients/{id}/questionnaires...: outcome questionnaires and scores."""

from ninja import Router

router = Router(tags=["outcomes"])
